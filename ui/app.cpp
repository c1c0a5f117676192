#include "app.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <variant>

#include "i18n/language.h"
#include "imgui.h"
#include "lesson_link.h"
#include "saved_session.h"
#include "teaching/note003_run.h"
#include "theme.h"
#include "widgets/page_gaps.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

// No background: the page is cleared with the panels' colour (page_background, ui/theme.h).
constexpr ImGuiWindowFlags kPanelFlags =
    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;

struct Box {
  float x, y, w, h;
};

// `text` cut to `width` with an ellipsis, at a character boundary (UTF-8 safe).
std::string fit_line(const std::string& text, float width) {
  if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
  const char* ellipsis = "\xE2\x80\xA6";  // U+2026, in the font subset
  const float room = width - ImGui::CalcTextSize(ellipsis).x;
  size_t n = text.size();
  while (n > 0 && ImGui::CalcTextSize(text.c_str(), text.c_str() + n).x > room) {
    --n;
    while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;  // not inside a character
  }
  return text.substr(0, n) + ellipsis;
}

bool begin_panel(PageGaps& gaps, const char* title, Box b, ImGuiWindowFlags extra = 0) {
  gaps.add(ImVec2(b.x, b.y), ImVec2(b.x + b.w, b.y + b.h));
  ImGui::SetNextWindowPos(ImVec2(b.x, b.y));
  ImGui::SetNextWindowSize(ImVec2(b.w, b.h));
  return ImGui::Begin(title, nullptr, kPanelFlags | extra);
}

}  // namespace

bool App::poll() {
  std::vector<protocol::Event> events = transport_.poll();
  for (const protocol::Event& e : events) {
    if (const auto* saved = std::get_if<protocol::ModelSaved>(&e)) {
      auto backup = std::find(backup_requests_.begin(), backup_requests_.end(), saved->request_id);
      if (backup != backup_requests_.end()) {
        backup_requests_.erase(backup);
        backup_ = saved->bytes;
        backup_name_ = view_.model_name;
        backup_spec_ = view_.summary.spec_text;
        ++backup_version_;
        if (saved->request_id == run_bytes_request_ && run_awaiting_bytes_ < int(view_.runs.size()))
          view_.runs[size_t(run_awaiting_bytes_)].model_bytes = saved->bytes;
        continue;
      }
      if (race_.active && saved->request_id == race_.save_request) {
        race_event(e);
        continue;
      }
    }
    const size_t runs_before = view_.runs.size();
    if (link_build_request_ != 0) {
      const auto* loaded = std::get_if<protocol::ModelLoaded>(&e);
      const auto* error = std::get_if<protocol::ErrorRaised>(&e);
      if ((loaded && loaded->request_id == link_build_request_) || (error && error->request_id == link_build_request_)) {
        link_spec_.clear();  // built, or refused with the engine's reason (the current model stays)
        link_build_request_ = 0;
      }
    }
    const bool restored = restore_request_ != 0 && protocol::request_id_of(e) == restore_request_ &&
                          (std::holds_alternative<protocol::ModelLoaded>(e) || std::holds_alternative<protocol::ErrorRaised>(e));
    apply(view_, e, ImGui::GetTime());
    // A kept run's model answers in the classes of the dataset that run trained on.
    if (std::holds_alternative<protocol::ModelLoaded>(e) && protocol::request_id_of(e) == kept_run_load_.first)
      view_.model_dataset = kept_run_load_.second;
    if (restored) restore_answered(e);
    if (note003_request_ != 0 && protocol::request_id_of(e) == note003_request_) note003_built(e);
    if (default_spec_.empty() && view_.has_model) default_spec_ = view_.summary.spec_text;
    // The saved model, once the shipped one is in (the engine is up and has a model to keep if
    // the saved file is refused).
    if (!restore_model_.empty() && restore_request_ == 0 && view_.ready && view_.has_model) {
      protocol::LoadModel load;
      load.name = restore_name_;
      load.bytes = restore_model_;
      restore_request_ = sink_.send(std::move(load));
    }
    // Said once the page is up, and after the saved model's arrival: a ModelLoaded clears older
    // messages from the status line.
    if (!startup_notes_.empty() && view_.ready && view_.has_model && restore_model_.empty()) {
      platform_error(startup_notes_);
      startup_notes_.clear();
    }
    if (!link_spec_.empty() && link_build_request_ == 0 && view_.ready && view_.has_model) {
      protocol::BuildModel build;
      build.spec = link_spec_;
      build.seed = uint64_t(link_spec_seed_);
      network_.seed = link_spec_seed_;
      link_build_request_ = sink_.send(build);
    }
    uint32_t backup = 0;
    if (std::holds_alternative<protocol::ModelLoaded>(e) || std::holds_alternative<protocol::EpochFinished>(e) ||
        std::holds_alternative<protocol::TrainingStopped>(e))
      backup = request_backup();
    // A run that kept its weights (finished or stopped, not rolled back): the backup asked for
    // right after its end is that run's model.
    if (view_.runs.size() > runs_before) {
      const protocol::StopReason reason = view_.runs.back().reason;
      if (reason == protocol::StopReason::kFinished || reason == protocol::StopReason::kStopped ||
          reason == protocol::StopReason::kEarlyStopped) {
        run_awaiting_bytes_ = int(view_.runs.size()) - 1;
        run_bytes_request_ = backup;
      }
    }
    if (race_.active) race_event(e);
    residual_.race.on_event(e, view_, sink_);
  }
  return !events.empty();
}

void App::start_race(RaceKind kind, const std::string& values) {
  if (race_.active || !view_.ready || !view_.has_model || view_.training != TrainingState::kIdle) return;
  protocol::TrainSettings base = settings_of(training_);
  base.start = protocol::StartFrom::kCurrentWeights;
  Expected<std::vector<protocol::TrainSettings>> racers = race_settings(base, kind, values);
  runs_.race_note = racers ? std::string() : racers.error();
  if (!racers) return;
  race_ = Race{};
  race_.active = true;
  race_.racers = std::move(*racers);
  race_.start_name = view_.model_name;
  race_.save_request = sink_.send(protocol::SaveModel{});
}

// Note 003's run in one click (`scaled`: the same on pixels scaled to 0..1, to see what that
// buys): its network built fresh (seed 1), then trained with the
// settings the engine gives that preset (SGD 0.01, batch 128) for the note's 30 epochs on all
// 60,000 images; the Train tab draws the note's curve beside this run's.
void App::start_note003(bool scaled) {
  if (race_.active || note003_request_ != 0 || !view_.ready || view_.training != TrainingState::kIdle) return;
  protocol::BuildModel build;
  build.spec = scaled ? "lenet5-tanh" : kNote003Preset;
  build.seed = 1;
  note003_request_ = sink_.send(build);
}

void App::note003_built(const protocol::Event& e) {
  note003_request_ = 0;
  if (!std::holds_alternative<protocol::ModelLoaded>(e)) return;  // refused: the engine said why
  const TrainingPanelState defaults;
  const protocol::TrainSettings& s = view_.suggested;
  training_.start = 0;
  training_.epochs = kNote003Epochs;
  training_.samples = 0;
  training_.optimizer = int(s.optimizer);
  training_.lr = s.lr;
  training_.batch = s.batch;
  training_.lr_decay = s.lr_decay;
  training_.decay_every = s.decay_every;
  training_.weight_decay = defaults.weight_decay;
  training_.aug_shift = training_.aug_rotate = training_.aug_scale = 0;
  training_.patience = 0;
  training_.seed = 1;
  training_.suggestion_seen = view_.suggestion_generation;  // adopted here, with the epochs
  protocol::StartTraining start;
  start.settings = settings_of(training_);
  sink_.send(start);
  select_train_tab_ = true;
}

// Each racer: the start weights loaded again, then trained with its settings (the seed is
// the same for all).
void App::race_next() {
  protocol::LoadModel load;
  load.name = race_.start_name;
  load.bytes = race_.start;
  sink_.send(std::move(load));
  protocol::StartTraining start;
  start.settings = race_.racers[size_t(race_.next)];
  race_.run_request = sink_.send(start);
  ++race_.next;
}

void App::race_event(const protocol::Event& e) {
  if (const auto* saved = std::get_if<protocol::ModelSaved>(&e); saved && saved->request_id == race_.save_request) {
    race_.start = saved->bytes;
    race_.save_request = 0;
    race_next();
  } else if (const auto* stopped = std::get_if<protocol::TrainingStopped>(&e);
             stopped && stopped->request_id == race_.run_request) {
    // Stopped by the user, or gone wrong: the race ends with what it has.
    const bool ran = stopped->reason == protocol::StopReason::kFinished || stopped->reason == protocol::StopReason::kEarlyStopped;
    if (!ran || race_.next >= int(race_.racers.size())) race_.active = false;
    else race_next();
  } else if (const auto* error = std::get_if<protocol::ErrorRaised>(&e);
             error && (error->request_id == race_.run_request || error->request_id == race_.save_request)) {
    race_.active = false;
  }
}

bool App::animating() const {
  // A top bar laid out with the last frame's button widths (a resize, another font) is laid out
  // again at once: an idle page would otherwise show, and publish, that frame for a second.
  return view_.training == TrainingState::kRunning || view_.training == TrainingState::kDownloading ||
         conv_.step.playing || pool_.step.playing || optimizers_.step.playing || backward_.step.playing ||
         separable_.step.playing || top_bar_moved_ || settle_frames_ > 0;
}

uint32_t App::request_backup() {
  const uint32_t id = sink_.send(protocol::SaveModel{});
  backup_requests_.push_back(id);
  return id;
}

void App::engine_restarted(const std::string& why) {
  const bool was_training = view_.training != TrainingState::kIdle;
  // What the old engine knew and was asked is gone: the view waits for the new one, and
  // every panel asks again (a request id of 0 means "nothing asked yet").
  view_.ready = false;
  view_.training = TrainingState::kIdle;
  view_.has_inspection = view_.has_pool_trace = view_.has_test_image = view_.has_found_images = false;
  training_.cell_request = 0;
  view_.conv_traces.clear();
  view_.spec_summaries.clear();
  conv_.trace_request = conv_.gx_request = conv_.gy_request = conv_.test_request = 0;
  conv_.test_asked = -1;
  pool_.request = 0;
  inside_.request = 0;
  dropout_.image = dropout_.inspect = dropout_.trace = Request{};
  model_.questions.forget();
  network_.questions.forget();
  cost_.questions.forget();
  network_.pending_preset.clear();
  network_.apply_request = 0;
  draw_.in_flight = 0;
  link_build_request_ = 0;  // a link's network not built yet is asked of the new engine
  restore_request_ = 0;     // and so is a saved model not loaded yet
  draw_.dirty = true;
  backup_requests_.clear();
  run_bytes_request_ = 0;
  race_.active = false;
  residual_.race.forget();
  residual_.questions.forget();
  std::string notice = trf("The engine stopped (%s) and was restarted", why.c_str());
  if (was_training) notice += tr("; the training run was lost");
  if (!backup_.empty()) {
    protocol::LoadModel m;
    m.name = backup_name_.empty() ? tr("restored model") : backup_name_;
    m.bytes = backup_;
    notice += trf(". Your model (%s) is restored.", m.name.c_str());
    sink_.send(std::move(m));
  } else {
    notice += tr(". It starts again with the shipped model.");
  }
  view_.run_notice = notice;
  view_.last_error = notice;
  view_.last_error_id = 0;
  view_.last_error_time = ImGui::GetTime();
  ++view_.error_count;
}

void App::restore_session(const std::vector<uint8_t>& bytes, bool link_given) {
  Expected<protocol::SavedSession> s = protocol::decode_saved_session(bytes.data(), bytes.size());
  if (!s) {
    if (!startup_notes_.empty()) startup_notes_ += ". ";
    startup_notes_ += trf("Your work from the last visit could not be read (%s): the page starts afresh", s.error().c_str());
    session_baseline_ = true;  // what the browser holds is of no use: the first settled frame replaces it
    saved_backup_version_ = -1;
    return;
  }
  if (!link_given && !s->link.empty()) open_link(s->link);
  restore_runs(view_, *s);
  if (use_saved_model(*s, link_spec_)) {
    restore_model_ = std::move(s->model);
    restore_name_ = s->model_name;
    restore_after_run_ = s->model_after_run;
    link_spec_.clear();  // the link's network is the saved one, trained: it needs no building
    network_.seed = link_spec_seed_;
    restore_notice_ = trf("Back from your last visit: the model %s and the Runs tab (%d kept). To start afresh, Restore the shipped model (Model tab).",
                          restore_name_.c_str(), int(view_.runs.size()));
  } else if (!view_.runs.empty()) {
    view_.run_notice = trf("Back from your last visit: the Runs tab (%d kept). The link's network replaces the model you had.",
                           int(view_.runs.size()));
  }
}

void App::restore_answered(const protocol::Event& e) {
  restore_request_ = 0;
  restore_model_.clear();
  if (std::holds_alternative<protocol::ModelLoaded>(e)) {
    view_.model_after_run = restore_after_run_;  // the status reads as it did before the reload
    view_.run_notice = restore_notice_;
  } else {
    platform_error(trf("The model kept from your last visit could not be loaded (%s): the shipped model stays",
                       std::get<protocol::ErrorRaised>(e).message.c_str()));
  }
}

void App::session_not_saved(const std::string& why) {
  if (session_warned_) return;
  session_warned_ = true;
  platform_error(trf("This browser does not keep your work (%s): a reload loses it. To keep a model, use Save model (Model tab).",
                     why.c_str()));
}

void App::save_session_if_changed() {
  const bool settled = view_.ready && view_.has_model && !backup_.empty() && backup_requests_.empty() &&
                       restore_model_.empty() && link_spec_.empty() && link_build_request_ == 0 && !race_.active &&
                       !residual_.race.active();
  if (!settled) return;
  const std::string digest = session_digest(view_, page_.link);
  if (!session_baseline_) {  // what the browser holds already: nothing, or the session just restored
    session_baseline_ = true;
    saved_digest_ = digest;
    saved_backup_version_ = backup_version_;
    return;
  }
  if (digest == saved_digest_ && backup_version_ == saved_backup_version_) return;
  const double now = ImGui::GetTime();
  if (now - last_session_save_ < 1.0) return;  // a slider being dragged: one save a second
  last_session_save_ = now;
  saved_digest_ = digest;
  saved_backup_version_ = backup_version_;
  platform_.save_session(protocol::encode(session_of(view_, backup_, backup_name_, backup_spec_, page_.link)));
}

void App::model_file_chosen(std::string name, std::vector<uint8_t> bytes) {
  protocol::LoadModel m;
  m.name = std::move(name);
  m.bytes = std::move(bytes);
  sink_.send(std::move(m));
}

void App::platform_error(const std::string& message) {
  view_.last_error = message;
  view_.last_error_time = ImGui::GetTime();
  ++view_.error_count;
}

namespace {
struct Tab {
  const char* label;
  const char* control;
  Mode mode;
  const char* short_label = nullptr;  // where the labels do not fit on one line
  const char* shown(bool short_tabs) const { return short_tabs && short_label ? short_label : label; }
};
constexpr Tab kTabs[] = {{N_("Draw & train"), "mode_draw", Mode::kDrawAndTrain},
                         {N_("Your network"), "mode_network", Mode::kNetwork, N_("Network")},
                         {N_("Convolution"), "mode_convolution", Mode::kConvolution},
                         {N_("Pooling"), "mode_pooling", Mode::kPooling},
                         {N_("Inside the network"), "mode_inside", Mode::kInside, N_("Inside")},
                         {N_("Costs"), "mode_cost", Mode::kCost},
                         {N_("Optimizers"), "mode_optimizers", Mode::kOptimizers},
                         {N_("Depthwise"), "mode_depthwise", Mode::kSeparable},
                         {N_("Backward"), "mode_backward", Mode::kBackward},
                         {N_("Deep nets"), "mode_deep", Mode::kResidual}};
// The top tab a mode is drawn under: the Deep nets tab holds two.
Mode tab_of(Mode mode) { return mode == Mode::kDropout ? Mode::kResidual : mode; }
const char* const kTitle = "CNN Playground";
}  // namespace

// The top bar's layout: the title, the buttons and the tabs on one line when they fit, with the
// two long tab labels shortened or the title left out if that is what it takes; else the tabs
// on a second line under the title and the buttons. The buttons' width is the last frame's.
App::TopBarLayout App::top_bar_layout() const {
  const ImGuiStyle& style = ImGui::GetStyle();
  const auto tabs_width = [&](bool short_tabs) {
    float w = 0;
    // As ImGui 1.86 sizes a tab (TabItemCalcSize: its label, the frame's padding, 1 pixel), and
    // the spacing between two.
    for (const Tab& tab : kTabs)
      w += ImGui::CalcTextSize(tr(tab.shown(short_tabs))).x + style.FramePadding.x * 2 + 1.0f + style.ItemInnerSpacing.x;
    return w;
  };
  const float full = tabs_width(false), brief = tabs_width(true);
  const float title_w = ImGui::CalcTextSize(kTitle).x + ImGui::GetFontSize() * 1.5f;
  // Half a line's height to spare: at 1024x768 an estimate within a few pixels of the width had
  // ImGui shrink two tabs to "Draw & tr...".
  const float room = ImGui::GetIO().DisplaySize.x - style.WindowPadding.x * 2 - ImGui::GetFontSize() * 0.5f;
  // One line if at all possible: a second costs every view a line of its height (at 1280x720
  // the Train tab's curves went below the panel's edge).
  TopBarLayout l;
  if (title_w + top_buttons_w_ + full <= room) return l;
  if (title_w + top_buttons_w_ + brief <= room) {
    l.short_tabs = true;
    return l;
  }
  l.title = false;
  if (top_buttons_w_ + full <= room) return l;
  l.short_tabs = true;
  if (top_buttons_w_ + brief <= room) return l;
  l.title = true;
  l.rows = 2;
  l.short_tabs = full > room;
  return l;
}

void App::top_bar(float height, TopBarLayout layout) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(size.x, height));
  ImGui::Begin("##top", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const ImGuiStyle& style = ImGui::GetStyle();
  if (layout.title) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.3f, 1.0f), "%s", kTitle);
    ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
  }
  const float buttons_x = ImGui::GetCursorPosX();
  language_switch();
  ImGui::SameLine();
  if (ImGui::Button(presenting() ? tr_id("Presenter: on", "present_switch") : tr_id("Presenter", "present_switch")))
    set_presenting(!presenting());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("Presenter mode, for a projector: larger text, high contrast, thicker lines, the less used settings folded away"));
  note_control_value("present_switch", presenting() ? "on" : "off");
  ImGui::SameLine();
  copy_link_button();
  ImGui::SameLine(0, ImGui::GetFontSize());
  const float buttons_w = ImGui::GetCursorPosX() - buttons_x;
  top_bar_moved_ = std::fabs(buttons_w - top_buttons_w_) > 0.5f;
  top_buttons_w_ = buttons_w;
  if (layout.rows == 2) ImGui::NewLine();
  if (ImGui::BeginTabBar("modes")) {
    // A mode set by set_mode() is asked of the tab bar until its tab is the open one (a
    // selection takes effect a frame later).
    for (const Tab& tab : kTabs) {
      const bool select = select_mode_ && tab.mode == tab_of(mode_);
      if (mode_ == Mode::kGallery) break;  // no tab bar selection while the gallery shows
      const char* label = tab.shown(layout.short_tabs);
      const bool open = ImGui::BeginTabItem(tr_id(label, tab.control), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
      if (label != tab.label && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(tab.label));
      note_control(tab.control);
      // A tab narrower than its label shows it cut with "...": that is cut text too.
      if (ImGui::GetItemRectSize().x + 0.5f < ImGui::CalcTextSize(tr(label)).x + style.FramePadding.x * 2)
        noted_controls().back().cut = true;
      if (open) {
        if (!select_mode_ && tab.mode != tab_of(mode_)) mode_ = tab.mode;
        else if (tab.mode == tab_of(mode_)) select_mode_ = false;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

// The next language, named in its own words ("中文" while English is on, "English" while Chinese
// is): a click switches every string at once; the tabs, headers and fields keep their state.
void App::language_switch() {
  int count = 0;
  const LanguageInfo* all = languages(&count);
  const LanguageInfo& next = all[(int(current_language()) + 1) % count];
  if (ImGui::Button(tr_id(next.name, "lang_switch"))) {
    set_language(next.language);
    language_chosen_ = true;
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", trf("Language: %s. Click for %s.", language_info(current_language()).name, next.name).c_str());
  note_control_value("lang_switch", language_info(current_language()).code);
}

// "Copy link": the page's address with every setting in it (link_query), to hand out or to
// open a lesson with later; it reads "Copied" for two seconds.
void App::copy_link_button() {
  const bool copied = ImGui::GetTime() - link_copied_time_ < 2.0;
  if (ImGui::Button(copied ? tr_id("Copied", "copy_link") : tr_id("Copy link", "copy_link"))) {
    platform_.copy_link(link_query());
    link_copied_time_ = ImGui::GetTime();
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("The page's address with this view and its settings in it: whoever opens it sees the same lesson"));
  note_control("copy_link");
}

namespace {
constexpr const char* kModeKeys[] = {"draw", "network", "convolution", "pooling", "inside", "cost", "optimizers", "backward",
                                     "depthwise", "residual", "dropout", "gallery"};
constexpr Mode kModes[] = {Mode::kDrawAndTrain, Mode::kNetwork, Mode::kConvolution, Mode::kPooling, Mode::kInside, Mode::kCost,
                           Mode::kOptimizers, Mode::kBackward, Mode::kSeparable, Mode::kResidual, Mode::kDropout, Mode::kGallery};
constexpr int kModeCount = int(std::size(kModes));
}  // namespace

void App::open_link(const std::string& query) {
  LinkReader in(parse_query(query));
  int mode = 0;
  if (in.choice("mode", kModeKeys, kModeCount, &mode)) set_mode(kModes[mode]);
  int count = 0;
  const LanguageInfo* all = languages(&count);
  std::vector<const char*> codes;
  for (int i = 0; i < count; ++i) codes.push_back(all[i].code);
  int language = 0;
  if (in.choice("lang", codes.data(), count, &language)) {
    set_language(all[language].language);
    language_chosen_ = true;
  }
  bool present = false;
  if (in.flag("present", &present)) set_presenting(present);
  std::string spec;
  if (in.text("spec", &spec) && !spec.empty()) link_spec_ = spec;
  in.integer("spec.seed", 0, 1 << 30, &link_spec_seed_);
  read_link(training_, in);
  read_link(conv_, in);
  read_link(pool_, in);
  read_link(cost_, in);
  read_link(optimizers_, in);
  read_link(backward_, in);
  read_link(separable_, in);
  read_link(residual_, in);
  read_link(dropout_, in);
  const std::vector<std::string> notes = in.finish();
  if (notes.empty()) return;
  if (!startup_notes_.empty()) startup_notes_ += ". ";
  startup_notes_ += tr("Part of this link was not used: ");
  for (size_t i = 0; i < notes.size(); ++i) startup_notes_ += (i ? "; " : "") + notes[i];
}

std::string App::link_query() const {
  LinkWriter out;
  for (int i = 0; i < kModeCount; ++i)
    if (kModes[i] == mode_ && mode_ != Mode::kDrawAndTrain) out.text("mode", kModeKeys[i]);
  if (language_chosen_) out.text("lang", language_info(current_language()).code);
  if (presenting()) out.integer("present", 1);
  // The network, when it is not the one the page opened with (its weights stay behind: a link
  // builds it fresh from the seed).
  const std::string& spec = !link_spec_.empty() ? link_spec_ : view_.summary.spec_text;
  if (view_.has_model && !default_spec_.empty() && spec != default_spec_) {
    out.text("spec", spec);
    if (network_.seed != 1) out.integer("spec.seed", network_.seed);
  }
  write_link(training_, out);
  write_link(conv_, out);
  write_link(pool_, out);
  write_link(cost_, out);
  write_link(optimizers_, out);
  write_link(backward_, out);
  write_link(separable_, out);
  write_link(residual_, out);
  write_link(dropout_, out);
  return make_query(out.params());
}

// One line at the bottom: the training status, or the latest error while it is recent.
void App::status_bar(float y, float height) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, y));
  ImGui::SetNextWindowSize(ImVec2(size.x, height));
  ImGui::Begin("##status", nullptr, kPanelFlags | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const bool recent_error = !view_.last_error.empty() && ImGui::GetTime() - view_.last_error_time < 12.0;
  if (!view_.fatal.empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.45f, 1.0f), "%s", view_.fatal.c_str());
  } else if (recent_error) {
    // One line: a long message ends in "..." here (hover for all of it; the panels and the
    // page's alert carry it whole).
    const std::string shown = fit_line(view_.last_error, ImGui::GetContentRegionAvail().x);
    ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.45f, 1.0f), "%s", shown.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", view_.last_error.c_str());
  } else {
    ImGui::TextUnformatted(training_status_text(view_).c_str());
  }
  ImGui::End();
}

void App::frame() {
  noted_controls().clear();
  poll();  // the platform layer polls too, between frames it does not draw
  if (view_.saved_model_ready) {
    platform_.download(view_.saved_model, "cnn-playground-model.bin");
    view_.saved_model_ready = false;
    view_.saved_model.clear();
  }
  if (model_.want_open_file) {
    model_.want_open_file = false;
    platform_.choose_model_file();
  }

  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  if (size.x != display_size_.x || size.y != display_size_.y) settle_frames_ = 3;
  else if (settle_frames_ > 0) --settle_frames_;
  display_size_ = size;
  const float gap = style.WindowPadding.x * 0.5f;
  const TopBarLayout bar = top_bar_layout();
  const float top = ImGui::GetFrameHeight() * float(bar.rows) + style.ItemSpacing.y * float(bar.rows - 1) +
                    style.WindowPadding.y * 2;
  const float bottom = ImGui::GetTextLineHeight() + style.WindowPadding.y * 2;
  gaps_.clear();
  gaps_.add(ImVec2(0, 0), ImVec2(size.x, top));
  gaps_.add(ImVec2(0, size.y - bottom), size);
  top_bar(top, bar);
  status_bar(size.y - bottom, bottom);
  const float body_y = top + gap, body_h = size.y - body_y - bottom - gap;

  switch (mode_) {
    case Mode::kDrawAndTrain: draw_and_train(body_y, body_h); break;
    case Mode::kNetwork:
      if (begin_panel(gaps_, tr_id("Your network: write it, see what it costs, apply it", "panel_network"), {gap, body_y, size.x - gap * 2, body_h}))
        draw_network_panel(network_, view_, sink_);
      ImGui::End();
      if (network_.want_train) {
        network_.want_train = false;
        set_mode(Mode::kDrawAndTrain);
      }
      break;
    case Mode::kConvolution:
      if (begin_panel(gaps_, tr_id("Convolution: a kernel slides over the input", "panel_convolution"), {gap, body_y, size.x - gap * 2, body_h}))
        draw_conv_panel(conv_, view_, sink_);
      ImGui::End();
      break;
    case Mode::kPooling:
      if (begin_panel(gaps_, tr_id("Pooling: one window at a time, forward and backward", "panel_pooling"), {gap, body_y, size.x - gap * 2, body_h}))
        draw_pool_panel(pool_, view_, sink_);
      ImGui::End();
      break;
    case Mode::kCost:
      if (begin_panel(gaps_, tr_id("What a layer costs: 1x1 bottlenecks and depthwise-separable convolution", "panel_cost"),
                      {gap, body_y, size.x - gap * 2, body_h}))
        draw_cost_panel(cost_, view_, sink_);
      ImGui::End();
      break;
    case Mode::kOptimizers:
      if (begin_panel(gaps_, tr_id("Optimizers on a loss surface: SGD, momentum and Adam from one start", "panel_optimizers"),
                      {gap, body_y, size.x - gap * 2, body_h}))
        draw_optimizer_panel(optimizers_, view_, sink_);
      ImGui::End();
      if (optimizers_.want_race) {
        optimizers_.want_race = false;
        set_mode(Mode::kDrawAndTrain);
        select_runs_tab_ = true;
        start_race(RaceKind::kOptimizers, "");
      }
      break;
    case Mode::kBackward:
      if (begin_panel(gaps_, tr_id("The backward pass of a convolution: dZ in, dA_prev, dW and db out", "panel_backward"),
                      {gap, body_y, size.x - gap * 2, body_h}))
        draw_backward_panel(backward_, view_, sink_);
      ImGui::End();
      break;
    case Mode::kSeparable:
      if (begin_panel(gaps_, tr_id("Depthwise-separable convolution: a kernel a channel, then 1x1 kernels across them", "panel_depthwise"),
                      {gap, body_y, size.x - gap * 2, body_h}))
        draw_separable_panel(separable_, view_, sink_);
      ImGui::End();
      break;
    case Mode::kResidual:
    case Mode::kDropout: deep_nets(body_y, body_h); break;
    case Mode::kGallery:
#ifdef CNN_UI_GALLERY
      if (begin_panel(gaps_, tr_id("Widget gallery", "panel_gallery"), {gap, body_y, size.x - gap * 2, body_h})) draw_gallery_panel();
#else
      if (begin_panel(gaps_, tr_id("Widget gallery", "panel_gallery"), {gap, body_y, size.x - gap * 2, body_h}))
        text_wrapped_disabled("%s", tr("The widget gallery is in the native window only: cnnplayground --mode gallery"));
#endif
      ImGui::End();
      break;
    case Mode::kInside:
      if (begin_panel(gaps_, tr_id("Inside the network: what each layer makes of your digit", "panel_inside"), {gap, body_y, size.x - gap * 2, body_h}))
        draw_inside_panel(inside_, draw_, view_, sink_);
      ImGui::End();
      prediction_.has_ink = has_ink(draw_);
  prediction_.test_index = draw_.test_index;
      break;
  }
  gaps_.paint(ImGui::GetBackgroundDrawList(), size, style.WindowRounding, ImGui::ColorConvertFloat4ToU32(page_gap_color()));

  page_.ready = view_.ready;
  page_.prediction = prediction_.has_ink ? prediction_text(view_) : "";
  page_.training_status = training_status_text(view_);
  page_.explorer = mode_ == Mode::kConvolution ? conv_.status
                   : mode_ == Mode::kPooling   ? pool_.status
                   : mode_ == Mode::kInside    ? inside_.status
                   : mode_ == Mode::kCost      ? cost_.status
                   : mode_ == Mode::kOptimizers ? optimizers_.status
                   : mode_ == Mode::kBackward  ? backward_.status
                   : mode_ == Mode::kSeparable ? separable_.status
                   : mode_ == Mode::kResidual  ? residual_.status
                   : mode_ == Mode::kDropout   ? dropout_.status
                   : mode_ == Mode::kNetwork   ? network_.status
                   : runs_open_                ? runs_.status
                                               : model_.status;
  page_.message = !view_.fatal.empty()       ? view_.fatal
                  : !view_.last_error.empty() ? view_.last_error
                                              : view_.run_notice;
  page_.error_count = view_.error_count;
  page_.language = language_info(current_language()).code;
  page_.link = link_query();
  page_.presenting = presenting();
  page_.runs = int(view_.runs.size());
  page_.confusion = view_.epochs.empty() ? std::vector<int32_t>{} : view_.epochs.back().confusion;
  page_.controls = noted_controls();
  platform_.publish(page_);
  save_session_if_changed();
}

// The playground: the draw pad, the prediction, and training / the model summary.
void App::draw_and_train(float body_y, float body_h) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  const float gap = style.WindowPadding.x * 0.5f;

  // Landscape (desktop, projector, tablet held sideways): three columns. Portrait: the pad
  // and the prediction side by side on top, training below.
  Box draw, predict, right;
  if (size.x >= size.y * 1.15f) {
    const float usable = size.x - gap * 4;
    const float draw_w = std::min(usable * 0.37f, body_h + style.WindowPadding.x * 2);
    const float predict_w = usable * 0.22f;
    draw = {gap, body_y, draw_w, body_h};
    predict = {gap * 2 + draw_w, body_y, predict_w, body_h};
    right = {gap * 3 + draw_w + predict_w, body_y, size.x - (gap * 4 + draw_w + predict_w), body_h};
  } else {
    const float upper_h = std::min(body_h * 0.5f, size.x * 0.6f);
    const float draw_w = (size.x - gap * 3) * 0.58f;
    draw = {gap, body_y, draw_w, upper_h};
    predict = {gap * 2 + draw_w, body_y, size.x - gap * 3 - draw_w, upper_h};
    right = {gap, body_y + upper_h + gap, size.x - gap * 2, body_h - upper_h - gap};
  }

  if (begin_panel(gaps_, tr_id("Draw", "panel_draw"), draw, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
    draw_draw_panel(draw_, view_, sink_);
  ImGui::End();

  prediction_.has_ink = has_ink(draw_);
  prediction_.test_index = draw_.test_index;
  if (begin_panel(gaps_, tr_id("Prediction", "panel_prediction"), predict, ImGuiWindowFlags_NoScrollbar)) draw_prediction_panel(prediction_, view_, sink_);
  ImGui::End();

  model_.status.clear();  // set again below while the Model tab is open
  runs_open_ = false;
  if (begin_panel(gaps_, tr_id("Network", "panel_right"), right)) {
    if (ImGui::BeginTabBar("tabs")) {
      const bool train =
          ImGui::BeginTabItem(tr_id("Train", "tab_train"), nullptr, select_train_tab_ ? ImGuiTabItemFlags_SetSelected : 0);
      select_train_tab_ = false;
      note_control("tab_train");
      if (train) {
        draw_training_panel(training_, view_, sink_);
        ImGui::EndTabItem();
      }
      const bool mistakes = ImGui::BeginTabItem(tr_id("Mistakes", "tab_mistakes"));
      note_control("tab_mistakes");
      if (mistakes) {
        draw_mistakes_panel(training_, view_, sink_);
        if (training_.picked >= 0 && view_.has_found_images) {
          const protocol::TestImagesFound& f = view_.found_images;
          const size_t i = size_t(training_.picked);
          if (i < f.indices.size() && f.pixels.size() >= (i + 1) * protocol::kDigitPixels)
            put_test_image(draw_, f.indices[i], f.label, f.pixels.data() + i * protocol::kDigitPixels);
        }
        training_.picked = -1;
        ImGui::EndTabItem();
      }
      const bool runs =
          ImGui::BeginTabItem(tr_id("Runs", "tab_runs"), nullptr, select_runs_tab_ ? ImGuiTabItemFlags_SetSelected : 0);
      select_runs_tab_ = false;
      note_control("tab_runs");
      if (runs) {
        runs_.racing = race_.active;
        runs_.race_at = race_.next;
        runs_.race_count = int(race_.racers.size());
        draw_runs_panel(runs_, view_);
        runs_open_ = true;
        ImGui::EndTabItem();
      }
      const bool model = ImGui::BeginTabItem(tr_id("Model", "tab_model"));
      note_control("tab_model");
      if (model) {
        draw_model_panel(model_, view_, sink_);
        ImGui::EndTabItem();
      }
      ImGui::EndTabBar();
    }
  }
  ImGui::End();
  if (runs_.want_race) {
    runs_.want_race = false;
    start_race(RaceKind(runs_.race_kind), runs_.race_values);
  }
  if (runs_.want_note003 >= 0) {
    start_note003(runs_.want_note003 == 1);
    runs_.want_note003 = -1;
  }
  if (runs_.use_run >= 0 && runs_.use_run < int(view_.runs.size()) && view_.training == TrainingState::kIdle) {
    const RunRecord& r = view_.runs[size_t(runs_.use_run)];
    protocol::LoadModel m;
    m.name = r.name;
    m.bytes = r.model_bytes;
    kept_run_load_ = {sink_.send(std::move(m)), r.dataset};
  }
  runs_.use_run = -1;
}

void App::deep_nets(float body_y, float body_h) {
  const float gap = ImGui::GetStyle().WindowPadding.x * 0.5f;
  const float width = ImGui::GetIO().DisplaySize.x - gap * 2;
  if (begin_panel(gaps_, tr_id("Training deep networks: residual connections and dropout", "panel_deep"), {gap, body_y, width, body_h}) &&
      ImGui::BeginTabBar("deep")) {
    struct Sub {
      const char* label;
      const char* control;
      Mode mode;
    };
    for (const Sub& sub : {Sub{N_("Residual connections"), "deep_residual", Mode::kResidual},
                           Sub{N_("Dropout"), "deep_dropout", Mode::kDropout}}) {
      const bool select = select_sub_mode_ && sub.mode == mode_;
      const bool open = ImGui::BeginTabItem(tr_id(sub.label, sub.control), nullptr, select ? ImGuiTabItemFlags_SetSelected : 0);
      note_control(sub.control);
      if (!open) continue;
      if (!select_sub_mode_) mode_ = sub.mode;
      else if (sub.mode == mode_) select_sub_mode_ = false;
      if (sub.mode == Mode::kResidual) draw_residual_panel(residual_, view_, sink_);
      else draw_dropout_panel(dropout_, view_, sink_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace cnn::ui
