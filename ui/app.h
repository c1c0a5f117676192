// App: the playground's frame. Polls the transport into the EngineView, lays out the
// panels for the window's size, and hands the platform what only it can do (files,
// downloads, the page's live regions). ImGui only: GLFW, GL and the browser stay in
// ui/main.cpp, behind Platform.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "command_sink.h"
#include "controls.h"
#include "engine_view.h"
#include "panels/backward_panel.h"
#include "panels/panels.h"
#include "panels/dropout_panel.h"
#include "panels/residual_panel.h"
#include "panels/separable_panel.h"
#include "race.h"
#include "widgets/page_gaps.h"

namespace cnn::ui {

// What the page mirrors outside the canvas (ARIA live regions, layout()).
struct PageState {
  bool ready = false;
  std::string prediction;       // "7 (98.1%)" or ""
  std::string training_status;
  std::string explorer;         // the teaching view's current step, in words, or ""
  std::string message;          // the latest error, or ""
  std::string language;         // "en", "zh": the page's <html lang>
  std::string link;             // the lesson as a query ("?mode=pooling&pool.f=3"; ui/lesson_link.h)
  bool presenting = false;      // presenter mode (ui/theme.h)
  int runs = 0;                 // the runs kept (the Runs tab)
  int error_count = 0;
  std::vector<ControlRect> controls;  // framebuffer pixels
  std::vector<int32_t> confusion;     // the last epoch's test-set confusion matrix, 10 x 10, or empty
};

class Platform {
 public:
  virtual ~Platform() = default;
  virtual void download(const std::vector<uint8_t>& bytes, const char* file_name) = 0;
  virtual void choose_model_file() = 0;  // answers later through App::model_file_chosen
  virtual void publish(const PageState& page) = 0;
  // The page's address with `query` (PageState::link) to the clipboard.
  virtual void copy_link(const std::string& query) = 0;
  // Keeps the session (ui/saved_session.h) for the next visit: the browser's IndexedDB. A
  // failure comes back through App::session_not_saved.
  virtual void save_session(const std::vector<uint8_t>& bytes) = 0;
};

// What the body of the window shows; chosen with the tabs in the top bar.
// kGallery has no tab: --mode gallery (?mode=gallery in the page) shows the widgets.
enum class Mode { kDrawAndTrain, kNetwork, kConvolution, kPooling, kInside, kCost, kOptimizers, kBackward, kSeparable, kResidual, kDropout, kGallery };

class App {
 public:
  App(cnn::protocol::Transport& transport, Platform& platform)
      : transport_(transport), platform_(platform), sink_(transport) {}

  // Takes the engine's events into the view; true when any arrived. Called once per display
  // refresh, also when no frame is drawn, so that events are never late by more than one.
  bool poll();
  // The view is moving by itself (training, a download, a playing stepper): frames are
  // needed even without input.
  bool animating() const;
  // One frame: between ImGui::NewFrame() and ImGui::Render().
  void frame();
  void model_file_chosen(std::string name, std::vector<uint8_t> bytes);
  void engine_failed(const std::string& message) { view_.fatal = message; }
  // The engine died and a new one started (web/main.js): says so, forgets what the old one
  // was asked, and loads the last copy of the model (backup below) into the new engine.
  void engine_restarted(const std::string& why);
  // A problem the platform layer met (a file it could not read), shown like an engine error.
  void platform_error(const std::string& message);
  void set_fonts(Fonts fonts) { prediction_.fonts = fonts; }  // after every atlas rebuild
  DrawPanelState& draw_state() { return draw_; }
  void set_mode(Mode mode) { mode_ = mode; select_mode_ = select_sub_mode_ = true; }
  // A lesson link's settings (?mode=convolution&conv.stride=2...): before the first frame.
  // What it cannot use is skipped and said in the status line.
  void open_link(const std::string& query);
  // The current settings as such a link's query.
  std::string link_query() const;
  // The last visit's session, as the browser kept it: its runs and curves at once, its model
  // once the engine is up (unless a link asks for another network), its settings when the
  // page was opened without a link. Bytes that cannot be read are said and ignored.
  void restore_session(const std::vector<uint8_t>& bytes, bool link_given);
  // The browser refused to keep the session (private mode, no space): said once.
  void session_not_saved(const std::string& why);
  const EngineView& view() const { return view_; }

 private:
  // Asks the engine for the model file after every change of weights (a load, an epoch, the
  // end of a run), so that a dead engine can be replaced without losing the model.
  uint32_t request_backup();  // the SaveModel's id
  // A race (the Runs tab, ui/race.h): the same network, from the same weights and seed,
  // trained with SGD, momentum and Adam, or with one setting's values, one after another.
  void start_race(RaceKind kind, const std::string& values);
  void race_next();
  void race_event(const protocol::Event& e);
  // Note 003's run (the Runs tab): its network built, then trained as the note trains it.
  void start_note003(bool scaled);
  void note003_built(const protocol::Event& e);
  uint32_t note003_request_ = 0;  // the BuildModel of it
  // The LoadModel of a kept run's model (Runs tab), and the dataset that run trained on.
  std::pair<uint32_t, protocol::DatasetName> kept_run_load_{0, protocol::DatasetName::kMnist};
  struct TopBarLayout {
    bool title = true;
    bool short_tabs = false;  // "Network" and "Inside" for "Your network" and "Inside the network"
    int rows = 1;  // 2: the tabs under the title and the buttons
  };
  TopBarLayout top_bar_layout() const;
  void top_bar(float height, TopBarLayout layout);
  void language_switch();
  void copy_link_button();
  void status_bar(float y, float height);
  void draw_and_train(float body_y, float body_h);
  // "Deep nets": residual connections and dropout, a tab each (Mode::kResidual, kDropout).
  void deep_nets(float body_y, float body_h);
  // Writes the session when it changed, at most once a second, once the page is settled (the
  // engine up, the restored or linked model in, no newer model file on its way).
  void save_session_if_changed();
  void restore_answered(const protocol::Event& e);  // the saved model's ModelLoaded or refusal

  cnn::protocol::Transport& transport_;
  Platform& platform_;
  CommandSink sink_;
  EngineView view_;
  DrawPanelState draw_;
  PredictionPanelState prediction_;
  TrainingPanelState training_;
  ModelPanelState model_;
  NetworkPanelState network_;
  ConvPanelState conv_;
  PoolPanelState pool_;
  InsidePanelState inside_;
  CostPanelState cost_;
  OptimizerPanelState optimizers_;
  BackwardPanelState backward_;
  SeparablePanelState separable_;
  ResidualPanelState residual_;
  DropoutPanelState dropout_;
  Mode mode_ = Mode::kDrawAndTrain;
  bool select_mode_ = false;  // set_mode() was called: select its tab once
  bool select_runs_tab_ = false;  // the Optimizers view's race: open the Runs tab once
  bool select_train_tab_ = false;  // note 003's run started: open the Train tab once
  PageState page_;
  bool language_chosen_ = false;  // by a link or the switch: the link then carries it
  std::string startup_notes_;     // what a link could not set, a session that could not be read:
                                  // said once the engine is ready
  std::string link_spec_;         // a link's network, built once the engine is ready
  int link_spec_seed_ = 1;
  uint32_t link_build_request_ = 0;
  std::string default_spec_;      // the spec of the model the page opened with
  double link_copied_time_ = -100;
  float top_buttons_w_ = 0;       // the top bar's buttons, last frame (for the title's room)
  bool top_bar_moved_ = false;    // ... and they changed width this frame: draw the next one soon
  // The window's size, and the frames still to draw after it changed: a resize rebuilds the
  // fonts, and the tabs' layout is decided on sizes of the frame before (a page at rest
  // showed, and published, 1024x768's tabs cut to "Draw & tr..." for a second).
  ImVec2 display_size_{0, 0};
  bool select_sub_mode_ = false;  // set_mode() asks the Deep nets tab bar for its tab too
  int settle_frames_ = 0;
  PageGaps gaps_;                 // this frame's panels, for the page between them
  std::vector<uint32_t> backup_requests_;  // SaveModels whose answers are backups, not downloads
  std::vector<uint8_t> backup_;   // the model file as of the last change
  std::string backup_name_;
  std::string backup_spec_;       // the spec text of the model in backup_
  int backup_version_ = 0;        // +1 for every new backup_
  int run_awaiting_bytes_ = 0;    // the run (index in view_.runs) whose weights
  uint32_t run_bytes_request_ = 0;  // this backup brings
  // The saved session: the model it brings back (sent once the engine is up), and what was
  // last written (or found), so that only changes are saved.
  std::vector<uint8_t> restore_model_;
  std::string restore_name_;
  bool restore_after_run_ = false;
  uint32_t restore_request_ = 0;
  std::string restore_notice_;
  bool session_baseline_ = false;  // saved_digest_ and saved_backup_version_ are set
  std::string saved_digest_;
  int saved_backup_version_ = 0;
  double last_session_save_ = -100;
  bool session_warned_ = false;
  RunsPanelState runs_;
  bool runs_open_ = false;        // the Runs tab was drawn this frame
  struct Race {
    bool active = false;
    uint32_t save_request = 0;    // the start weights, asked for
    std::vector<uint8_t> start;   // and kept: every racer starts from them
    std::string start_name;
    std::vector<protocol::TrainSettings> racers;  // each run's settings, in order
    int next = 0;                 // the next racer
    uint32_t run_request = 0;     // the StartTraining of the racer running
  } race_;
};

}  // namespace cnn::ui
