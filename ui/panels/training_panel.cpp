// Training: settings, Start / Pause / Resume / Stop / Step, the progress bar (samples/s and
// time left), live loss and accuracy curves, and the test accuracy of every epoch.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "teaching/note003_run.h"
#include "theme.h"
#include "train_ranges.h"
#include "widgets/confusion_matrix.h"
#include "widgets/flow.h"
#include "widgets/image_view.h"
#include "widgets/line_plot.h"
#include "widgets/stepper.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

constexpr ImU32 kTrainColor = IM_COL32(110, 160, 240, 255);
constexpr ImU32 kRawColor = IM_COL32(110, 160, 240, 70);
constexpr ImU32 kTestColor = IM_COL32(120, 220, 120, 255);
constexpr ImU32 kNoteColor = IM_COL32(230, 130, 230, 255);
constexpr const char* kSampleChoices[] = {N_("all 60,000"), "10,000", "2,000"};
constexpr const char* kDatasetChoices[] = {N_("MNIST digits"), "Fashion-MNIST"};  // as proto::DatasetName
constexpr int kSampleLimits[] = {0, 10000, 2000};
constexpr int kMaxCellImages = 24;  // a confusion-matrix cell's test images shown

std::string clock_text(double seconds) {
  char buf[32];
  const int s = int(seconds + 0.5);
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

// A field's value is checked when editing ends (clamping while typing would turn "0.5" into
// "0" and then the minimum): out of range, it is set to the nearest bound and the panel says so.
template <typename T>
void keep_in_range(T& value, T lo, T hi, const char* what, std::string& note) {
  if (!ImGui::IsItemDeactivatedAfterEdit() || !(value < lo || value > hi)) return;  // NaN counts as out
  const T was = value;
  value = value < lo || value != value ? lo : hi;
  note = trf("%s %s is not in %s..%s: set to %s", what, compact_value(double(was), 0).c_str(),
             compact_value(double(lo), 0).c_str(), compact_value(double(hi), 0).c_str(),
             compact_value(double(value), 0).c_str());
}

// Dear ImGui drops a letter typed into a number field without a word ("abc" left the old
// value, issue 11 item 12). The characters typed this frame wait in io.InputQueueCharacters
// until the active field takes them, so they are read before the field, while the field that
// had the keyboard last frame is this one (`index`); after it, call typing_done().
void refused_chars(TrainingPanelState& st, int index, bool is_float, const char* what) {
  if (st.typing_in != index) return;
  const char* allowed = is_float ? "0123456789.+-*/eE" : "0123456789.+-*/";  // ImGui's own filters
  const ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
  for (ImWchar c : queue) {
    if (c < 32 || (c < 128 && std::strchr(allowed, int(c)))) continue;
    char typed[8] = "?";
    if (c < 128) typed[0] = char(c);
    st.adjusted = is_float ? trf("%s takes a number such as 0.001: '%s' cannot be typed there", what, typed)
                           : trf("%s takes a number: '%s' cannot be typed there", what, typed);
    return;
  }
}

void typing_done(TrainingPanelState& st, int index) {
  if (ImGui::IsItemActive()) st.typing_in = index;
  else if (st.typing_in == index) st.typing_in = -1;
}

// One number field of the settings: a typed letter refused with a word, the hint on hover, the
// value kept in its range (train_ranges.h) with a note when it was moved there.
struct SettingField {
  int index;            // the field's number for refused_chars and typing_done
  const char* label;    // shown beside it
  const char* what;     // named in the notes
  const char* hint;     // a tooltip, or nullptr
  const char* control;  // its name in the ARIA mirror
};

template <typename T>
void field_done(TrainingPanelState& st, const SettingField& f, const SettingRange& r, T* value) {
  typing_done(st, f.index);
  if (f.hint && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.hint);
  note_control(f.control);
  keep_in_range(*value, T(r.lo), T(r.hi), f.what, st.adjusted);
}

void whole_field(TrainingPanelState& st, float width, const SettingField& f, const SettingRange& r, int* value,
                 int step = 1, int step_fast = 100) {
  ImGui::SetNextItemWidth(width);
  refused_chars(st, f.index, false, f.what);
  if (ImGui::InputInt(f.label, value, step, step_fast)) st.adjusted.clear();
  field_done(st, f, r, value);
}

void number_field(TrainingPanelState& st, float width, const SettingField& f, const SettingRange& r, float* value,
                  const char* format) {
  ImGui::SetNextItemWidth(width);
  refused_chars(st, f.index, true, f.what);
  if (ImGui::InputFloat(f.label, value, 0, 0, format)) st.adjusted.clear();
  field_done(st, f, r, value);
}

// A labelled combo whose items are noted controls (train_optimizer_0, ...); the items are
// shown in the current language (at most 8).
bool labelled_combo(const char* label, const char* id, int* current, const char* const items[], int count, float width) {
  const char* shown[8];
  count = std::min(count, 8);
  for (int i = 0; i < count; ++i) shown[i] = tr(items[i]);
  ImGui::SetNextItemWidth(width);
  const bool changed = noted_combo(id, current, shown, count);
  ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::TextUnformatted(label);
  return changed;
}

// The settings a first run leaves alone, folded away: the decay's step, the optimizer's own
// parameters (those of the optimizer chosen), and L2. Each says what it does when hovered.
// `folded_too`: more fields that go in here when presenting (the decay and the seed).
template <typename NextColumn, typename Fields>
void more_settings(TrainingPanelState& st, float field, NextColumn next_column, Fields folded_too) {
  const bool open = ImGui::CollapsingHeader(tr_id("More settings", "train_more"));
  note_full_width_control("train_more");
  st.more_open = open;
  if (!open) return;
  if (presenting()) folded_too();
  whole_field(st, field,
              {5, tr("Decay every"), tr("decay every"),
               tr("The learning rate is multiplied by Decay after every this many epochs (1: each epoch, an exponential decay; 3: in steps)"),
               "train_decay_every"},
              kDecayEveryRange, &st.decay_every);
  next_column();
  number_field(st, field,
               {6, "L2", tr("L2 weight decay"),
                tr("L2 regularization: each step also pulls every weight towards 0 by learning rate x this x the weight (0: none; 0.0005 is usual)"),
                "train_weight_decay"},
               kWeightDecayRange, &st.weight_decay, "%.4g");
  if (st.optimizer == 1)
    number_field(st, field,
                 {7, tr("Momentum"), tr("momentum"),
                  tr("How much of the last step's velocity each step keeps (0: plain SGD; 0.9 is usual)"), "train_momentum"},
                 kMomentumRange, &st.momentum, "%.3g");
  if (st.optimizer == 2) {
    number_field(st, field,
                 {8, "Beta 1", tr("Adam beta 1"), tr("Adam's decay of the gradient's running mean (0.9 is usual)"), "train_beta1"},
                 kBeta1Range, &st.beta1, "%.3g");
    next_column();
    number_field(st, field,
                 {9, "Beta 2", tr("Adam beta 2"), tr("Adam's decay of the squared gradient's running mean (0.999 is usual)"),
                  "train_beta2"},
                 kBeta2Range, &st.beta2, "%.4g");
  }
  // Augmentation and early stopping, a row of their own: the course's two cheapest cures for
  // overfitting.
  whole_field(st, field,
              {10, tr("Patience"), tr("patience"),
               tr("Early stopping: end the run once the test loss has not fallen for this many epochs, keeping the best epoch's weights (0: off)"),
               "train_patience"},
              kPatienceRange, &st.patience);
  next_column();
  number_field(st, field,
               {11, tr("Shift"), tr("augmentation shift"),
                tr("Augmentation: each training image moves up to this many pixels in x and y, drawn anew each epoch (0: none; 2 is usual)"),
                "train_aug_shift"},
               kShiftRange, &st.aug_shift, "%.3g");
  number_field(st, field,
               {12, tr("Rotation"), tr("augmentation rotation"),
                tr("Augmentation: each training image is turned by up to this many degrees either way (0: none; 10 is usual)"),
                "train_aug_rotate"},
               kRotationRange, &st.aug_rotate, "%.3g");
  next_column();
  number_field(st, field,
               {13, tr("Scale"), tr("augmentation scale"),
                tr("Augmentation: each training image is made up to this fraction larger or smaller (0: none; 0.1 is usual)"),
                "train_aug_scale"},
               kScaleRange, &st.aug_scale, "%.3g");
}

void settings(TrainingPanelState& st, const EngineView& view, bool editable) {
  ImGui::BeginDisabled(!editable);
  ImGui::TextUnformatted(tr("Start from"));
  same_line_if_fits(toggle_width(tr("current weights")));
  ImGui::RadioButton(tr("current weights"), &st.start, 0);
  note_control("start_current");
  same_line_if_fits(toggle_width(tr("random init")));
  ImGui::RadioButton(tr("random init"), &st.start, 1);
  note_control("start_fresh");

  // Two fields a row where both fit, else one: a field must show its widest value (a number
  // beside its - and + buttons, "Momentum", "all 60,000"), or the box read "Moment", "all 60,00"
  // and an epoch count hid behind its buttons at 800x600 (the screens test checks none is cut).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float full = ImGui::GetContentRegionAvail().x;
  const float half = (full - style.ItemSpacing.x) / 2;
  const float arrow = ImGui::GetFrameHeight();
  // The widest item of either combo, in the language shown ("Momentum" and "all 60,000" in English).
  float widest_item = 0;
  for (const char* item : kOptimizers) widest_item = std::max(widest_item, ImGui::CalcTextSize(tr(item)).x);
  for (const char* item : kSampleChoices) widest_item = std::max(widest_item, ImGui::CalcTextSize(tr(item)).x);
  const float widest_value = std::max(widest_item + style.FramePadding.x * 2 + arrow,
                                      ImGui::CalcTextSize("0000").x + style.FramePadding.x * 2 + (arrow + style.ItemInnerSpacing.x) * 2);
  const float widest_label = ImGui::CalcTextSize(tr("Learning rate")).x + style.ItemInnerSpacing.x + style.ItemSpacing.x;
  const bool two_columns = half >= widest_value + widest_label;
  const float column = two_columns ? half : full;
  // Each field takes its column less its own label: "Optimizer" leaves the combo more room
  // than "Learning rate".
  auto width_for = [&](const char* label) {
    return std::max(widest_value, column - ImGui::CalcTextSize(label).x - style.ItemInnerSpacing.x - style.ItemSpacing.x);
  };
  auto next_column = [&] {
    if (two_columns) ImGui::SameLine(half + style.ItemSpacing.x);
  };
  const float field = width_for(tr("Learning rate"));
  whole_field(st, field, {0, tr("Epochs"), tr("epochs"), nullptr, "train_epochs"}, kEpochsRange, &st.epochs);
  next_column();
  whole_field(st, field, {1, tr("Batch"), tr("batch"), nullptr, "train_batch"}, kBatchRange, &st.batch, 8, 32);

  if (labelled_combo(tr("Optimizer"), "train_optimizer", &st.optimizer, kOptimizers, 3, width_for(tr("Optimizer"))))
    st.lr = kDefaultLr[st.optimizer];
  next_column();
  number_field(st, field, {2, tr("Learning rate"), tr("learning rate"), nullptr, "train_lr"}, kLrRange, &st.lr, "%.4g");

  // The decay and the seed: in the grid, or under More settings when presenting (a lesson on
  // a projector changes the epochs, the optimizer and its rate; fewer fields, larger text).
  auto decay_and_seed = [&] {
    number_field(st, field,
                 {3, tr("Decay"), tr("decay"),
                  tr("After each epoch the learning rate is multiplied by this (1: constant; 0.2: a fifth)"), "train_lr_decay"},
                 kLrDecayRange, &st.lr_decay, "%.3g");
    next_column();
    whole_field(st, field, {4, tr("Seed"), tr("seed"), nullptr, "train_seed"}, kSeedRange, &st.seed);
  };
  if (!presenting()) decay_and_seed();
  // "[all 60,000] [Fashion-MNIST] Samples": the dataset on the samples' row wherever both fit
  // (the Train tab's curves stay on the first screen at 1280x720), else a row of its own.
  auto widest = [](const char* const* items, int n) {
    float w = 0;
    for (int i = 0; i < n; ++i) w = std::max(w, ImGui::CalcTextSize(tr(items[i])).x);
    return w + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
  };
  const float samples_w = widest(kSampleChoices, 3), dataset_w = widest(kDatasetChoices, 2);
  const float label_w = ImGui::CalcTextSize(tr("Samples")).x + style.ItemInnerSpacing.x + style.ItemSpacing.x;
  const bool one_row = samples_w + style.ItemSpacing.x + dataset_w + label_w <= full;
  if (one_row) {
    ImGui::SetNextItemWidth(samples_w);
    const char* shown[3];
    for (int i = 0; i < 3; ++i) shown[i] = tr(kSampleChoices[i]);
    noted_combo("train_samples", &st.samples, shown, 3);
    ImGui::SameLine();
    labelled_combo(tr("Samples"), "train_dataset", &st.dataset, kDatasetChoices, 2, full - samples_w - style.ItemSpacing.x - label_w);
  } else {
    labelled_combo(tr("Samples"), "train_samples", &st.samples, kSampleChoices, 3, width_for(tr("Samples")));
    labelled_combo(tr("Dataset"), "train_dataset", &st.dataset, kDatasetChoices, 2, width_for(tr("Dataset")));
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("What the network learns from: handwritten digits, or Zalando's ten kinds of clothing (the same 28x28 grey images). The model keeps its weights: train it to learn the new one."));
  more_settings(st, field, next_column, decay_and_seed);
  ImGui::EndDisabled();
  if (!st.suggestion_note.empty() && view.model_name == st.suggestion_for) {
    text_wrapped("%s", st.suggestion_note.c_str());
    note_control("train_suggestion");
  }
  if (!st.adjusted.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.3f, 1.0f));
    text_wrapped("%s", st.adjusted.c_str());  // wrapped: a long note was cut at the panel's edge
    ImGui::PopStyleColor();
    note_control("train_adjusted");
  }
}

void buttons(TrainingPanelState& st, const EngineView& view, CommandSink& sink) {
  const TrainingState t = view.training;
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 3) / 4;
  const ImVec2 size(w, ImGui::GetFrameHeight() * 1.3f);

  ImGui::BeginDisabled(t != TrainingState::kIdle || !view.ready);
  if (ImGui::Button(tr("Start"), size)) {
    protocol::StartTraining c;
    c.settings = settings_of(st);
    sink.send(c);
    // "random init" throws the trained model away: it is chosen for one run, never kept
    // for the next Start (which would silently discard what this run learns).
    st.start = 0;
  }
  note_control("train_start");
  ImGui::EndDisabled();
  ImGui::SameLine();

  const bool paused = t == TrainingState::kPaused;
  ImGui::BeginDisabled(t != TrainingState::kRunning && !paused);
  if (ImGui::Button(paused ? tr("Resume") : tr("Pause"), size)) {
    if (paused) sink.send(protocol::ResumeTraining{});
    else sink.send(protocol::PauseTraining{});
  }
  note_control(paused ? "train_resume" : "train_pause");
  ImGui::SameLine();
  if (ImGui::Button(tr("Stop"), size)) sink.send(protocol::StopTraining{});
  note_control("train_stop");
  ImGui::EndDisabled();
  ImGui::SameLine();

  ImGui::BeginDisabled(!paused);
  if (ImGui::Button(tr("Step"), size)) sink.send(protocol::StepBatch{});
  note_control("train_step");
  ImGui::EndDisabled();
}

void progress(const EngineView& view) {
  std::string overlay;
  if (view.training == TrainingState::kDownloading) {
    const float f = view.download_total > 0 ? float(view.download_loaded / view.download_total) : 0.0f;
    overlay = trf("downloading %s  %.1f / %.1f MB", dataset_title(view.dataset), view.download_loaded / 1e6, view.download_total / 1e6);
    ImGui::ProgressBar(f, ImVec2(-1, 0), overlay.c_str());
    note_control("train_progress");
    return;
  }
  const protocol::TrainingProgressed& p = view.progress;
  const float f = p.total_samples > 0 ? float(double(p.samples_done) / double(p.total_samples)) : 0.0f;
  if (view.has_progress)
    overlay = trf("epoch %d/%d   %.0f samples/s   %s left", p.epoch + 1, p.epochs, p.samples_per_s,
                  clock_text(p.seconds_left).c_str());
  else
    overlay = view.training == TrainingState::kRunning ? tr("starting...") : tr("not training");
  // After the run: where it ended, not a stale "0:11 left".
  if (view.training == TrainingState::kIdle && view.has_stop)
    overlay = trf("%s: the model has %s", stop_reason_text(view.stop.reason), stopped_weights_text(view).c_str());
  ImGui::ProgressBar(f, ImVec2(-1, 0), overlay.c_str());
  note_control("train_progress");
}

// A diverged or failed run: what happened, what to try, and where the model is now, until
// the next run starts. Amber, wrapped: it must be read, not hovered. Early stopping's note
// (which epoch's weights were kept) in the text's own colour: news, not a warning.
void run_notice(const EngineView& view) {
  const std::string& notice = view.run_notice.empty() ? view.stop_note : view.run_notice;
  if (notice.empty() || view.training != TrainingState::kIdle) return;
  const bool went_wrong = run_went_wrong(view);
  if (went_wrong) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.3f, 1.0f));
  text_wrapped("%s", notice.c_str());
  if (went_wrong) ImGui::PopStyleColor();
  note_control("train_notice");
}

// Exponential moving average, as TensorBoard smooths its curves (weight 0.9 on the past).
std::vector<float> moving_average(const std::vector<float>& v) {
  std::vector<float> out(v.size());
  float avg = v.empty() ? 0.0f : v[0];
  for (size_t i = 0; i < v.size(); ++i) out[i] = avg = 0.9f * avg + 0.1f * v[i];
  return out;
}

// Loss and accuracy against samples trained: the train curve from every progress event,
// the test set's after every epoch (dots), on shared axes.
void curves(TrainingPanelState& st, const EngineView& view) {
  const float h = std::max(ImGui::GetTextLineHeight() * 5.0f, ImGui::GetContentRegionAvail().y * 0.3f);
  const float w = ImGui::GetContentRegionAvail().x;
  const protocol::TrainingProgressed& p = view.progress;
  const float per_epoch = p.epochs > 0 ? float(p.total_samples / p.epochs) : 0.0f;
  std::vector<float> epoch_x, test_loss, test_accuracy;
  for (const protocol::EpochFinished& e : view.epochs) {
    epoch_x.push_back(per_epoch * float(e.epoch));
    test_loss.push_back(float(e.test_loss));
    test_accuracy.push_back(float(e.test_accuracy));
  }
  const int n = int(view.curve_samples.size()), m = int(epoch_x.size());
  const float x_max = std::max(1.0f, float(p.total_samples));
  // Note 003's Keras run beside a run of its network on all 60,000 images: its loss and
  // accuracy after each epoch, up to this run's epochs.
  std::vector<float> note_x, note_loss, note_accuracy;
  if (shows_note003(view.model_name) && per_epoch == 60000.0f)
    for (int e = 0; e < kNote003Epochs && e < p.epochs; ++e) {
      note_x.push_back(per_epoch * float(e + 1));
      note_loss.push_back(kNote003Loss[e]);
      note_accuracy.push_back(kNote003Accuracy[e]);
    }
  const int k = int(note_x.size());

  // The log axis spans the smoothed curve and the test points: single near-perfect batches
  // (a raw loss of 1e-5) would stretch it over decades and stay on its bottom edge instead.
  const std::vector<float> loss_smooth = moving_average(view.loss_curve);
  float loss_max = 0.1f, loss_min = 1.0f, accuracy_min = 0.9f;
  for (float v : view.loss_curve) loss_max = std::max(loss_max, v);
  for (float v : loss_smooth) loss_min = std::min(loss_min, v > 0 ? v : loss_min);
  for (float v : test_loss) loss_max = std::max(loss_max, v), loss_min = std::min(loss_min, v > 0 ? v : loss_min);
  for (float v : view.accuracy_curve) accuracy_min = std::min(accuracy_min, v);
  for (float v : test_accuracy) accuracy_min = std::min(accuracy_min, v);
  for (float v : note_loss) loss_max = std::max(loss_max, v), loss_min = std::min(loss_min, v);
  for (float v : note_accuracy) accuracy_min = std::min(accuracy_min, v);

  // Each progress event averages only a few batches: the raw curve is drawn faintly, under
  // its moving average.
  const std::vector<float> accuracy_smooth = moving_average(view.accuracy_curve);
  const PlotSeries loss[] = {
      {"", view.curve_samples.data(), view.loss_curve.data(), n, kRawColor},
      {tr("train loss"), view.curve_samples.data(), loss_smooth.data(), n, kTrainColor},
      {tr("test loss"), epoch_x.data(), test_loss.data(), m, kTestColor, true},
      {tr("note 003 (Keras)"), note_x.data(), note_loss.data(), k, kNoteColor, true},
  };
  // Log by default: on a linear axis from 0 to 2.3, everything after the first few thousand
  // samples looks flat. The digits in the legend are the epoch table's.
  PlotAxes loss_axes{0, x_max, st.loss_log ? loss_min : 0.0f, loss_max, 1.0f, "", tr("samples"), tr("loss: drawn while training")};
  loss_axes.log_y = st.loss_log;
  loss_axes.legend_decimals = 4;
  // Early stopping: the epoch whose weights the run keeps, where the test loss was lowest.
  const int best = view.epochs.empty() ? 0 : view.epochs.back().best_epoch;
  const std::string best_label = best > 0 ? trf("best: epoch %d", best) : std::string();
  if (best > 0) {
    loss_axes.mark_x = per_epoch * float(best);
    loss_axes.mark_label = best_label.c_str();
  }
  draw_line_plot("##loss", ImVec2(w, h), loss_axes, loss, 4);
  note_control("loss_curve");
  ImGui::Checkbox(tr("log scale"), &st.loss_log);
  note_control("loss_log");
  const PlotSeries accuracy[] = {
      {"", view.curve_samples.data(), view.accuracy_curve.data(), n, kRawColor},
      {tr("train accuracy"), view.curve_samples.data(), accuracy_smooth.data(), n, kTrainColor},
      {tr("test accuracy"), epoch_x.data(), test_accuracy.data(), m, kTestColor, true},
      {tr("note 003 (Keras)"), note_x.data(), note_accuracy.data(), k, kNoteColor, true},
  };
  PlotAxes accuracy_axes{0, x_max, accuracy_min, 1.0f, 100.0f, "%", tr("samples"), tr("accuracy: drawn while training")};
  accuracy_axes.legend_decimals = 2;
  accuracy_axes.mark_x = loss_axes.mark_x;
  accuracy_axes.mark_label = loss_axes.mark_label;
  draw_line_plot("##accuracy", ImVec2(w, h), accuracy_axes, accuracy, 4);
  note_control("accuracy_curve");
  if (k > 0) {
    text_wrapped_disabled("%s", tr("note 003 (Keras): the note's own run of this network, its loss and accuracy after each epoch"));
    note_control_value("train_note003", std::to_string(k));
  }
}

void epoch_table(const EngineView& view) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  // Its rows, up to the room left (the confusion matrix follows, below the fold if need be).
  const float rows_h = ImGui::GetTextLineHeightWithSpacing() * float(std::max<size_t>(view.epochs.size(), 1) + 1) +
                       ImGui::GetStyle().CellPadding.y * 4;
  const float h = std::max(ImGui::GetFrameHeight() * 2, std::min(rows_h, ImGui::GetContentRegionAvail().y));
  if (!ImGui::BeginTable("epochs", 5, flags, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Epoch"));
  ImGui::TableSetupColumn(tr("Train loss"));
  ImGui::TableSetupColumn(tr("Train acc."));
  ImGui::TableSetupColumn(tr("Test acc."));
  ImGui::TableSetupColumn(tr("Time"));
  ImGui::TableHeadersRow();
  for (const protocol::EpochFinished& e : view.epochs) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn(); ImGui::Text("%d", e.epoch);
    ImGui::TableNextColumn(); ImGui::TextUnformatted(compact_value(e.train_loss, 4).c_str());
    ImGui::TableNextColumn(); ImGui::Text("%.2f%%", e.train_accuracy * 100);
    ImGui::TableNextColumn(); ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1), "%.2f%%", e.test_accuracy * 100);
    ImGui::TableNextColumn(); ImGui::Text("%.1f s", e.seconds);
  }
  if (view.epochs.empty()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("-");
  }
  ImGui::EndTable();
}

// A cell's test images, as the engine found them with the current model: each with the
// network's answer and how sure it was.
void cell_images(TrainingPanelState& st, const EngineView& view) {
  if (st.cell_row < 0) return;
  const bool answered = view.has_found_images && view.found_images.request_id == st.cell_request;
  if (!answered) {
    if (st.cell_request != 0 && view.last_error_id == st.cell_request) {
      text_wrapped_colored(ImVec4(1.0f, 0.6f, 0.4f, 1.0f), "%s", view.last_error.c_str());
    } else {
      ImGui::TextDisabled(tr("looking for the test images of true %d, predicted %d..."), st.cell_row, st.cell_col);
    }
    return;
  }
  const proto::TestImagesFound& f = view.found_images;
  const int n = int(f.indices.size());
  if (n == 0) {
    ImGui::TextDisabled(tr("No test image is a %d that the network calls %d."), f.label, f.predicted);
    return;
  }
  const std::string found = n == kMaxCellImages ? trf("the first %d test images: true %d, the network said %d", n, f.label, f.predicted)
                            : n == 1 ? trf("%d test image: true %d, the network said %d", n, f.label, f.predicted)
                                     : trf("%d test images: true %d, the network said %d", n, f.label, f.predicted);
  ImGui::TextDisabled("%s", found.c_str());
  const float side = ImGui::GetFontSize() * 3.2f;
  ImageViewStyle style;
  style.numbers = false;
  for (int i = 0; i < n; ++i) {
    if (i > 0) same_line_if_fits(side);
    ImGui::BeginGroup();
    ImGui::PushID(i);
    if (draw_image_view("##found", f.pixels.data() + size_t(i) * 784, 28, 28, side, style).clicked) st.picked = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Click: put it on the draw pad, for the prediction and Inside the network"));
    const float* p = f.probs.data() + size_t(i) * 10;
    ImGui::TextDisabled("%d: %.0f%%", f.predicted, double(p[f.predicted]) * 100.0);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(tr("test image %d: a %d; the network gave %d %.1f%% and %d %.1f%%"), f.indices[size_t(i)], f.label,
                        f.predicted, double(p[f.predicted]) * 100.0, f.label, double(p[f.label]) * 100.0);
    ImGui::PopID();
    ImGui::EndGroup();
    if (i == 0) note_control("train_cell_first_image");
  }
}

}  // namespace

// What the network gets wrong on the test set after the last epoch (the Mistakes tab).
void draw_mistakes_panel(TrainingPanelState& st, const EngineView& view, CommandSink& sink) {
  if (view.epochs.empty() || view.epochs.back().confusion.size() != 100) {
    text_wrapped_disabled("%s", tr("After an epoch of training, the test set's confusion matrix shows here: which digits the network mixes up, and a click on a cell shows those test images."));
    return;
  }
  const protocol::EpochFinished& e = view.epochs.back();
  int total = 0, right = 0;
  for (int t = 0; t < 10; ++t)
    for (int p = 0; p < 10; ++p) {
      total += e.confusion[size_t(t * 10 + p)];
      if (t == p) right += e.confusion[size_t(t * 10 + p)];
    }
  const bool digits = view.model_dataset == protocol::DatasetName::kMnist;
  text_wrapped_disabled(digits ? tr("the %s test images after epoch %d: %s right, %s wrong. Rows: the true digit; columns: what the network said.")
                               : tr("the %s test images after epoch %d: %s right, %s wrong. Rows: the true class; columns: what the network said."),
                        grouped(total).c_str(), e.epoch, grouped(right).c_str(), grouped(total - right).c_str());
  const float side = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 22);
  const MatrixCell hit = draw_confusion_matrix("##confusion", e.confusion, 10, side);
  note_control("train_confusion");
  if (!digits) {  // the rows' and columns' numbers in words
    std::string legend;
    for (int k = 0; k < 10; ++k) legend += (k ? ", " : "") + std::to_string(k) + " " + class_name(view.model_dataset, k);
    text_wrapped_disabled("%s", legend.c_str());
  }
  // A click asks the engine for that cell's images (with the current weights, so not while a
  // run changes them).
  // New weights (another epoch, another model) make the images shown stale.
  if (st.cell_row >= 0 && (st.cell_model != view.model_generation || st.cell_epochs != int(view.epochs.size())))
    st.cell_row = -1;
  if (hit.row >= 0) {
    st.cell_row = hit.row;
    st.cell_col = hit.col;
    st.cell_model = view.model_generation;
    st.cell_epochs = int(view.epochs.size());
    protocol::FindTestImages m;
    m.label = hit.row;
    m.predicted = hit.col;
    m.max = kMaxCellImages;
    st.cell_request = sink.send(m);
  }
  if (view.training == TrainingState::kRunning) ImGui::TextDisabled("%s", tr("Click a cell once training has stopped to see its images."));
  else if (st.cell_row < 0) ImGui::TextDisabled("%s", tr("Click a cell to see its test images."));
  cell_images(st, view);
}

protocol::TrainSettings settings_of(const TrainingPanelState& st) {
  protocol::TrainSettings s;
  s.start = st.start == 1 ? protocol::StartFrom::kFreshInit : protocol::StartFrom::kCurrentWeights;
  s.epochs = st.epochs;
  s.batch = st.batch;
  s.lr = st.lr;
  s.optimizer = protocol::Optimizer(st.optimizer);
  s.seed = uint64_t(st.seed);
  s.limit = kSampleLimits[st.samples];
  s.lr_decay = st.lr_decay;
  s.decay_every = st.decay_every;
  s.momentum = st.momentum;
  s.beta1 = st.beta1;
  s.beta2 = st.beta2;
  s.weight_decay = st.weight_decay;
  s.augment = protocol::Augmentation{st.aug_shift, st.aug_rotate, st.aug_scale};
  s.patience = st.patience;
  return s;
}

namespace {
constexpr const char* kOptimizerKeys[] = {"sgd", "momentum", "adam"};
constexpr const char* kSampleKeys[] = {"60000", "10000", "2000"};
constexpr const char* kDatasetKeys[] = {"mnist", "fashion"};
constexpr const char* kStartKeys[] = {"current", "fresh"};
}  // namespace

// ?epochs=3&opt=sgd&lr=0.05: the settings that differ from a fresh page's, in the ranges the
// fields keep them in.
void write_link(const TrainingPanelState& st, LinkWriter& out) {
  const TrainingPanelState d;
  if (st.start != d.start) out.text("start", kStartKeys[st.start]);
  if (st.epochs != d.epochs) out.integer(kEpochsRange.key, st.epochs);
  if (st.batch != d.batch) out.integer(kBatchRange.key, st.batch);
  if (st.optimizer != d.optimizer) out.text("opt", kOptimizerKeys[st.optimizer]);
  if (st.lr != kDefaultLr[st.optimizer]) out.number(kLrRange.key, st.lr);
  if (st.lr_decay != d.lr_decay) out.number(kLrDecayRange.key, st.lr_decay);
  if (st.decay_every != d.decay_every) out.integer(kDecayEveryRange.key, st.decay_every);
  if (st.seed != d.seed) out.integer(kSeedRange.key, st.seed);
  if (st.samples != d.samples) out.text("samples", kSampleKeys[st.samples]);
  if (st.dataset != d.dataset) out.text("data", kDatasetKeys[st.dataset]);
  if (st.momentum != d.momentum) out.number(kMomentumRange.key, st.momentum);
  if (st.beta1 != d.beta1) out.number(kBeta1Range.key, st.beta1);
  if (st.beta2 != d.beta2) out.number(kBeta2Range.key, st.beta2);
  if (st.weight_decay != d.weight_decay) out.number(kWeightDecayRange.key, st.weight_decay);
  if (st.aug_shift != d.aug_shift) out.number(kShiftRange.key, st.aug_shift);
  if (st.aug_rotate != d.aug_rotate) out.number(kRotationRange.key, st.aug_rotate);
  if (st.aug_scale != d.aug_scale) out.number(kScaleRange.key, st.aug_scale);
  if (st.patience != d.patience) out.integer(kPatienceRange.key, st.patience);
}

namespace {
void read_setting(LinkReader& in, const SettingRange& r, int* value) { in.integer(r.key, int(r.lo), int(r.hi), value); }
void read_setting(LinkReader& in, const SettingRange& r, float* value) { in.number(r.key, float(r.lo), float(r.hi), value); }
}  // namespace

void read_link(TrainingPanelState& st, LinkReader& in) {
  in.choice("start", kStartKeys, 2, &st.start);
  read_setting(in, kEpochsRange, &st.epochs);
  read_setting(in, kBatchRange, &st.batch);
  if (in.choice("opt", kOptimizerKeys, 3, &st.optimizer)) st.lr = kDefaultLr[st.optimizer];
  read_setting(in, kLrRange, &st.lr);
  read_setting(in, kLrDecayRange, &st.lr_decay);
  read_setting(in, kDecayEveryRange, &st.decay_every);
  read_setting(in, kSeedRange, &st.seed);
  in.choice("samples", kSampleKeys, 3, &st.samples);
  in.choice("data", kDatasetKeys, 2, &st.dataset);
  read_setting(in, kMomentumRange, &st.momentum);
  read_setting(in, kBeta1Range, &st.beta1);
  read_setting(in, kBeta2Range, &st.beta2);
  read_setting(in, kWeightDecayRange, &st.weight_decay);
  read_setting(in, kShiftRange, &st.aug_shift);
  read_setting(in, kRotationRange, &st.aug_rotate);
  read_setting(in, kScaleRange, &st.aug_scale);
  read_setting(in, kPatienceRange, &st.patience);
}

// A preset built from the Model tab trains with its own settings: adopted once, and said.
void adopt_suggestion(TrainingPanelState& st, const EngineView& view) {
  if (view.suggestion_generation == st.suggestion_seen) return;
  st.suggestion_seen = view.suggestion_generation;
  const proto::TrainSettings& s = view.suggested;
  st.optimizer = int(s.optimizer);
  st.lr = s.lr;
  st.batch = s.batch;
  st.lr_decay = s.lr_decay;
  st.decay_every = s.decay_every;
  const std::string decay = st.lr_decay != 1.0f ? trf(", x%g after each epoch", double(st.lr_decay)) : std::string();
  st.suggestion_note = trf("%s's settings: %s, learning rate %g%s, batch %d (%s).", view.model_name.c_str(),
                           tr(kOptimizers[st.optimizer]), double(st.lr), decay.c_str(), st.batch, view.suggestion.c_str());
  st.suggestion_for = view.model_name;
}

void draw_training_panel(TrainingPanelState& st, const EngineView& view, CommandSink& sink) {
  adopt_suggestion(st, view);
  // The dataset chosen here becomes the engine's (which refuses a change during a run: the
  // field is disabled then).
  const protocol::ChooseDataset choose{0, protocol::DatasetName(st.dataset)};
  const double now = ImGui::GetTime();
  if (view.ready && view.dataset != choose.dataset &&
      st.choose.due(choose, false, st.choose.id() != 0 && view.last_error_id == st.choose.id(), now))
    st.choose.sent(sink.send(choose), choose, now);
  settings(st, view, view.training == TrainingState::kIdle);
  // Under More settings, with the settings it previews: the tab's first screen keeps the run's
  // buttons and curves in view at 1280x720.
  if (st.more_open) draw_run_preview(st, view, sink);
  ImGui::Spacing();
  buttons(st, view, sink);
  ImGui::Spacing();
  progress(view);
  run_notice(view);
  ImGui::Spacing();
  curves(st, view);
  epoch_table(view);
  draw_grad_norms(view);
}

}  // namespace cnn::ui
