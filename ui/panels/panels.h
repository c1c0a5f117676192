// The playground's panels, one per file in ui/panels/. Each draws from the EngineView
// snapshot and its own small state struct, and emits commands through the CommandSink;
// none of them computes a result.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "command_sink.h"
#include "engine_view.h"
#include "imgui.h"
#include "lesson_link.h"
#include "request.h"
#include "spec_questions.h"
#include "widgets/stepper.h"

namespace cnn::ui {

struct Fonts {
  ImFont* regular = nullptr;
  ImFont* big = nullptr;  // digits and '%' only: the predicted class
};

// ---- draw_panel.cpp: the draw pad ----
struct Stroke {
  std::vector<ImVec2> points;  // in pad units: 0..1 across the pad
  float width = 0.08f;         // in pad units
};
struct DrawPanelState {
  static constexpr int kRasterSide = 140;  // what Predict sends; the engine fits it to 20x20
  std::vector<Stroke> strokes;
  float brush = 0.075f;        // pad units
  bool drawing = false;
  std::vector<float> raster;   // kRasterSide^2 grey levels, 1 = ink
  bool dirty = false;          // raster changed since the last Predict
  uint32_t in_flight = 0;      // the Predict not yet answered
  int model_generation = -1;   // re-predict after a model change
  double last_predict_time = 0;
  std::vector<ImVec2> pointer_samples;  // screen positions since the last frame (from ui/main.cpp)
  // A test image put on the pad (from the Mistakes tab): 28x28, predicted as it is (no
  // preprocessing: it is MNIST already), until the pad is cleared or drawn on.
  std::vector<float> test_image;
  int test_index = -1, test_label = -1;
  int next_test = 0;           // the index the Test image button asks for next
  uint32_t test_request = 0;   // its GetTestImage, until answered
};
void draw_draw_panel(DrawPanelState& state, const EngineView& view, CommandSink& sink);
bool has_ink(const DrawPanelState& state);  // strokes, or a test image
// Puts a 28x28 test image on the pad in place of the drawing (the Mistakes tab's click).
void put_test_image(DrawPanelState& state, int index, int label, const float* pixels);

// ---- prediction_panel.cpp: ten bars, the top class large, the network's input ----
struct PredictionPanelState {
  bool has_ink = false;  // set by the app from the draw pad: no ink, no prediction shown
  int test_index = -1;   // ... and the test image on it (-1: a drawing)
  Fonts fonts;
};
void draw_prediction_panel(PredictionPanelState& state, const EngineView& view, CommandSink& sink);

// ---- training_panel.cpp ----
struct TrainingPanelState {
  int start = 0;       // 0: current weights, 1: fresh random init
  int epochs = 1;
  int batch = 64;
  float lr = 1e-3f;
  int optimizer = 2;   // sgd, momentum, adam
  int seed = 1;
  int samples = 0;     // index into the samples-per-epoch choices (0: all)
  int dataset = 0;     // proto::DatasetName: MNIST, Fashion-MNIST
  Request choose;      // the ChooseDataset for it
  std::string adjusted;  // "learning rate 0 is not in 1e-06..10: set to 1e-06", until the next edit
  int typing_in = -1;    // the number field that had the keyboard last frame (see refused_chars)
  bool loss_log = true;  // the loss curve on a logarithmic axis
  float lr_decay = 1.0f;  // the rate is multiplied by this after each epoch (1: constant)
  int decay_every = 1;    // ... after every this many epochs
  float momentum = 0.9f, beta1 = 0.9f, beta2 = 0.999f, weight_decay = 0.0f;  // "More settings"
  int suggestion_seen = 0;  // EngineView::suggestion_generation last adopted
  std::string suggestion_note;  // the settings a built preset brought, and why
  std::string suggestion_for;   // that preset: the note shows while it is the model
  int cell_row = -1, cell_col = -1;  // the confusion-matrix cell clicked: its test images show
  uint32_t cell_request = 0;         // the FindTestImages for it
  int cell_model = -1, cell_epochs = -1;  // the model generation and epochs it was asked after
  int picked = -1;                   // a cell image clicked: taken by the app onto the draw pad
  float aug_shift = 0, aug_rotate = 0, aug_scale = 0;  // augmentation (More settings): none
  int patience = 0;                  // early stopping after this many epochs (0: off)
  bool more_open = false;            // More settings is unfolded (the preview shows under it)
  Request preview;                   // PreviewTraining of the settings shown (training_extras.cpp)
  proto::TrainingPreviewed preview_shown;  // its latest answer
};
void draw_training_panel(TrainingPanelState& state, const EngineView& view, CommandSink& sink);
// The folded preview of a run: its learning rate per epoch and first batch (training_extras.cpp).
void draw_run_preview(TrainingPanelState& state, const EngineView& view, CommandSink& sink);
// What Start sends: the panel's settings.
protocol::TrainSettings settings_of(const TrainingPanelState& state);
// The gradient norm of each weight tensor in the run's last batch, as bars (grad_norms.cpp).
void draw_grad_norms(const EngineView& view);
// The Mistakes tab: the last epoch's confusion matrix; a cell clicked shows its test images.
void draw_mistakes_panel(TrainingPanelState& state, const EngineView& view, CommandSink& sink);

// ---- model_panel.cpp: summary table, load and save ----
struct ModelPanelState {
  bool want_open_file = false;  // taken by the platform layer (file chooser)
  int shown = 0;                // 0: the current model; 1.. : architectures() (teaching/architectures.h)
  SpecQuestions questions;      // the presets' summaries
  std::string status;           // the architecture shown, in words, for the page
  std::string built;            // the preset last sent as BuildModel, until it is the model
};
void draw_model_panel(ModelPanelState& state, const EngineView& view, CommandSink& sink);

// ---- runs_panel.cpp: every run kept, compared; the optimizer race ----
struct RunsPanelState {
  int renaming = -1;            // the run whose name is being edited
  bool rename_focus = false;
  bool want_race = false;       // taken by the app (App::start_race)
  bool racing = false;          // set by the app: a race is on,
  int race_at = 0;              // at racer 1, 2, ...
  int race_count = 3;           // of this many
  int race_kind = 0;            // RaceKind (ui/race.h): the optimizers, or a setting's values
  std::string race_values;      // the values listed ("" until a setting is chosen: its defaults)
  std::string race_note;        // why the values listed cannot race, until the next try
  int want_note003 = -1;        // taken by the app (App::start_note003): 0 on 0..255, 1 on 0..1
  int use_run = -1;             // taken by the app: load this run's weights
  std::string status;           // one line for the page's #explorer-status while the tab is open
};
// The one panel that writes into the view: the user's names and ticks of the runs.
void draw_runs_panel(RunsPanelState& state, EngineView& view);

// ---- network_panel.cpp: the network editor (spec text, live summary, Apply) ----
struct NetworkPanelState {
  std::string text;             // the spec being edited, one statement per line
  std::string loaded_text;      // as put in (the model's or a preset's): unedited while equal
  std::string start_label = "the current model";  // what it started from, in the combo
  std::string pending_preset;   // a preset chosen whose text is on its way
  SpecQuestions questions;      // the summaries of the texts typed
  std::string summary_of;       // the last text that was valid: its summary shows
  int seed = 1;                 // Apply's fresh weights
  uint32_t apply_request = 0;   // the BuildModel not yet answered
  std::string applied_note;     // the engine refused it: why (the current model is kept)
  int applied_generation = -1;  // the model Apply made (EngineView::model_generation)
  int applied_seed = 1;
  int model_generation = -1;    // the model whose text was last taken
  int select_from = -1, select_to = -1;  // "Show me": the error's word, selected next frame
  bool want_train = false;      // "Train it": taken by the app (to Draw & train)
  std::string status;           // one line for the page's #explorer-status
  int as_list = 0;              // 1: the text shown as a list of layers (layer_list.cpp)
};
void draw_network_panel(NetworkPanelState& state, const EngineView& view, CommandSink& sink);
// The layer list: `text`'s lines as rows of fields and buttons; every edit rewrites `text`.
void draw_layer_list(std::string& text, float height);

// ---- conv_panel.cpp: the convolution explorer ----
struct ConvPanelState {
  int source = 0;            // built-in picture, the drawn digit, an MNIST test image
  int picture = 0;           // index into conv_pictures()
  int test_index = 0, test_asked = -1;
  uint32_t test_request = 0;
  int preset = 0;            // index into kernel_presets() (+1: the 3x3x3 example), -1 custom
  int kernel_size = 3;
  std::vector<float> kernel; // channels x f x f
  float bias = 0;
  int padding_choice = 0;    // valid, same, custom
  int padding = 1;           // custom: 0..3
  int stride = 1;
  bool flip = false;
  int display = 0;           // signed, absolute, ReLU
  bool show_all = false, show_magnitude = false;
  Stepper step;              // the output cell traced
  protocol::TraceConvolution sent;  // the last request, to notice changes
  uint32_t trace_request = 0;
  uint32_t gx_request = 0, gy_request = 0;  // the Sobel pair of the edge strength view
  protocol::Image edge_input;                // the input they were asked for
  protocol::Image edge_strength;             // sqrt(Gx^2 + Gy^2), once both answered
  protocol::ConvolutionTraced shown;  // the newest answer, kept while the next is on its way
  std::string status;         // one line for the page's #explorer-status (tests, screen readers)
  int positions_seen = 0;     // the output size show_all was last chosen for (-1: by a link)
};
void draw_conv_panel(ConvPanelState& state, const EngineView& view, CommandSink& sink);

// ---- pool_panel.cpp: the pooling explorer ----
struct PoolPanelState {
  int source = 0;            // built-in numbers, the drawn digit
  int picture = 0;           // index into pool_pictures()
  int mode = 0;              // max, average
  int window = 2, stride = 2;
  bool show_all = false;
  int positions_seen = 0;    // the output size show_all was last chosen for (-1: by a link)
  Stepper step{0, false, 2.0f};  // the output cell traced
  protocol::TracePooling sent;
  uint32_t request = 0;
  protocol::PoolingTraced shown;
  std::string status;         // one line for the page's #explorer-status (tests, screen readers)
};
void draw_pool_panel(PoolPanelState& state, const EngineView& view, CommandSink& sink);

// ---- inside_panel.cpp: every layer's output for the drawn digit ----
struct InsidePanelState {
  uint32_t request = 0;
  std::vector<float> sent_input;   // the 28x28 last inspected
  int model_generation = -1;
  double last_request_time = 0;
  protocol::NetworkInspected shown;  // the newest answer
  bool shown_has_ink = false;
  std::string status;         // one line for the page's #explorer-status (tests, screen readers)
  int layer = -1, channel = 0, y = 0, x = 0;  // the feature-map pixel clicked (layer -1: none)
  // The test images that excite a map most (inside_top.cpp): the map asked about (-1: none),
  // the model generation it was asked of, the request and its latest answer.
  int top_layer = -1, top_channel = 0, top_generation = -1;
  Request top;
  protocol::TopActivationsFound top_shown;
};
// Draws the draw pad (the shared strokes) beside the layers.
void draw_inside_panel(InsidePanelState& state, DrawPanelState& draw, const EngineView& view, CommandSink& sink);
// Under the clicked map's row: the test images that excite it most (inside_top.cpp).
void draw_top_activations(InsidePanelState& state, const EngineView& view, CommandSink& sink, float width);

// ---- cost_panel.cpp: what a layer costs (1x1 bottleneck, depthwise-separable), from the
// engine's summaries of specs ----
struct CostPanelState {
  // The notes' bottleneck (note 001): n x n x c in, `out` filters of f x f, or a 1x1 to `mid` first.
  int side = 28, channels = 192, out = 32, kernel = 5, mid = 16;
  // The notes' depthwise-separable example (note 002): n x n x c in, `dw_filters` of f x f, valid.
  int dw_side = 6, dw_channels = 3, dw_filters = 5, dw_kernel = 3;
  // MobileNet v2's bottleneck on n x n x c, expanded t times (Keras' MobileNetV2 at 14x14x24).
  int mb_side = 14, mb_channels = 24, mb_expansion = 6;
  SpecQuestions questions;
  std::string status;         // one line for the page's #explorer-status (tests, screen readers)
};
void draw_cost_panel(CostPanelState& state, const EngineView& view, CommandSink& sink);

// ---- optimizer_panel.cpp: SGD, momentum and Adam on a 2-D loss surface (note 004), every
// step taken by the engine ----
struct OptimizerPanelState {
  int surface = 0;                    // bowl, Rosenbrock's valley, saddle
  int steps = 50;                     // the bowl's lesson (optimizer_panel.cpp, kLessons)
  float lr[3] = {0.4f, 0.4f, 0.5f};   // SGD, momentum, Adam
  float momentum = 0.5f, beta1 = 0.9f, beta2 = 0.999f;
  bool shown_optimizer[3] = {true, true, true};
  bool custom_start = false;          // a click on the map (or a link) chose the start
  float start_x = 0, start_y = 0;
  Stepper step{50, false, 10.0f};     // the step shown: 0 (the start) .. steps
  protocol::TraceOptimizers sent;
  uint32_t request = 0;
  protocol::OptimizersTraced shown;
  bool want_race = false;             // taken by the app: the Runs tab's race (App::start_race)
  std::string status;         // one line for the page's #explorer-status (tests, screen readers)
};
void draw_optimizer_panel(OptimizerPanelState& state, const EngineView& view, CommandSink& sink);

// ---- gallery_panel.cpp: every custom widget with sample data (--mode gallery; native only) ----
void draw_gallery_panel();

// ---- lesson links (ui/lesson_link.h): each panel writes what differs from its defaults, and
// reads it back from a link (a bad value is skipped with a note) ----
void write_link(const TrainingPanelState& state, LinkWriter& out);
void read_link(TrainingPanelState& state, LinkReader& in);
void write_link(const ConvPanelState& state, LinkWriter& out);
void read_link(ConvPanelState& state, LinkReader& in);
void write_link(const PoolPanelState& state, LinkWriter& out);
void read_link(PoolPanelState& state, LinkReader& in);
void write_link(const CostPanelState& state, LinkWriter& out);
void read_link(CostPanelState& state, LinkReader& in);
void write_link(const OptimizerPanelState& state, LinkWriter& out);
void read_link(OptimizerPanelState& state, LinkReader& in);

}  // namespace cnn::ui
