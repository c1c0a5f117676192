// Training: settings, Start / Pause / Resume / Stop / Step, the progress bar (samples/s and
// time left), live loss and accuracy curves, and the test accuracy of every epoch.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "controls.h"
#include "panels/panels.h"
#include "widgets/line_plot.h"

namespace cnn::ui {
namespace {

constexpr ImU32 kTrainColor = IM_COL32(110, 160, 240, 255);
constexpr ImU32 kRawColor = IM_COL32(110, 160, 240, 70);
constexpr ImU32 kTestColor = IM_COL32(120, 220, 120, 255);
constexpr const char* kOptimizers[] = {"SGD", "SGD + momentum", "Adam"};
constexpr float kDefaultLr[] = {0.05f, 0.01f, 0.001f};
constexpr const char* kSampleChoices[] = {"all 60,000", "10,000", "2,000"};
constexpr int kSampleLimits[] = {0, 10000, 2000};

std::string clock_text(double seconds) {
  char buf[32];
  const int s = int(seconds + 0.5);
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

void settings(TrainingPanelState& st, bool editable) {
  ImGui::BeginDisabled(!editable);
  ImGui::TextUnformatted("Start from");
  ImGui::SameLine();
  ImGui::RadioButton("current weights", &st.start, 0);
  note_control("start_current");
  ImGui::SameLine();
  ImGui::RadioButton("random init", &st.start, 1);
  note_control("start_fresh");

  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  const float field = half - ImGui::CalcTextSize("Learning rate ").x;
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputInt("Epochs", &st.epochs)) st.epochs = std::clamp(st.epochs, 1, 100);
  ImGui::SameLine(half + ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputInt("Batch", &st.batch, 8, 32)) st.batch = std::clamp(st.batch, 1, 1024);

  ImGui::SetNextItemWidth(field);
  if (ImGui::Combo("Optimizer", &st.optimizer, kOptimizers, 3)) st.lr = kDefaultLr[st.optimizer];
  ImGui::SameLine(half + ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field);
  if (ImGui::InputFloat("Learning rate", &st.lr, 0, 0, "%.4g")) st.lr = std::clamp(st.lr, 1e-6f, 10.0f);

  ImGui::SetNextItemWidth(field);
  if (ImGui::InputInt("Seed", &st.seed)) st.seed = std::max(st.seed, 0);
  ImGui::SameLine(half + ImGui::GetStyle().ItemSpacing.x);
  ImGui::SetNextItemWidth(field);
  ImGui::Combo("Samples", &st.samples, kSampleChoices, 3);
  ImGui::EndDisabled();
}

void buttons(TrainingPanelState& st, const EngineView& view, CommandSink& sink) {
  const TrainingState t = view.training;
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 3) / 4;
  const ImVec2 size(w, ImGui::GetFrameHeight() * 1.3f);

  ImGui::BeginDisabled(t != TrainingState::kIdle || !view.ready);
  if (ImGui::Button("Start", size)) {
    protocol::StartTraining c;
    c.settings.start = st.start == 1 ? protocol::StartFrom::kFreshInit : protocol::StartFrom::kCurrentWeights;
    c.settings.epochs = st.epochs;
    c.settings.batch = st.batch;
    c.settings.lr = st.lr;
    c.settings.optimizer = protocol::Optimizer(st.optimizer);
    c.settings.seed = uint64_t(st.seed);
    c.settings.limit = kSampleLimits[st.samples];
    sink.send(c);
  }
  note_control("train_start");
  ImGui::EndDisabled();
  ImGui::SameLine();

  const bool paused = t == TrainingState::kPaused;
  ImGui::BeginDisabled(t != TrainingState::kRunning && !paused);
  if (ImGui::Button(paused ? "Resume" : "Pause", size)) {
    if (paused) sink.send(protocol::ResumeTraining{});
    else sink.send(protocol::PauseTraining{});
  }
  note_control(paused ? "train_resume" : "train_pause");
  ImGui::SameLine();
  if (ImGui::Button("Stop", size)) sink.send(protocol::StopTraining{});
  note_control("train_stop");
  ImGui::EndDisabled();
  ImGui::SameLine();

  ImGui::BeginDisabled(!paused);
  if (ImGui::Button("Step", size)) sink.send(protocol::StepBatch{});
  note_control("train_step");
  ImGui::EndDisabled();
}

void progress(const EngineView& view) {
  char overlay[160];
  if (view.training == TrainingState::kDownloading) {
    const float f = view.download_total > 0 ? float(view.download_loaded / view.download_total) : 0.0f;
    std::snprintf(overlay, sizeof overlay, "downloading MNIST  %.1f / %.1f MB", view.download_loaded / 1e6,
                  view.download_total / 1e6);
    ImGui::ProgressBar(f, ImVec2(-1, 0), overlay);
    note_control("train_progress");
    return;
  }
  const protocol::TrainingProgressed& p = view.progress;
  const float f = p.total_samples > 0 ? float(double(p.samples_done) / double(p.total_samples)) : 0.0f;
  if (view.has_progress)
    std::snprintf(overlay, sizeof overlay, "epoch %d/%d   %.0f samples/s   %s left", p.epoch + 1, p.epochs,
                  p.samples_per_s, clock_text(p.seconds_left).c_str());
  else
    std::snprintf(overlay, sizeof overlay, "%s", view.training == TrainingState::kRunning ? "starting..." : "not training");
  ImGui::ProgressBar(f, ImVec2(-1, 0), overlay);
  note_control("train_progress");
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
void curves(const EngineView& view) {
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

  float loss_max = 0.1f, accuracy_min = 0.9f;
  for (float v : view.loss_curve) loss_max = std::max(loss_max, v);
  for (float v : test_loss) loss_max = std::max(loss_max, v);
  for (float v : view.accuracy_curve) accuracy_min = std::min(accuracy_min, v);
  for (float v : test_accuracy) accuracy_min = std::min(accuracy_min, v);

  // Each progress event averages only a few batches: the raw curve is drawn faintly, under
  // its moving average.
  const std::vector<float> loss_smooth = moving_average(view.loss_curve);
  const std::vector<float> accuracy_smooth = moving_average(view.accuracy_curve);
  const PlotSeries loss[] = {
      {"", view.curve_samples.data(), view.loss_curve.data(), n, kRawColor},
      {"train loss", view.curve_samples.data(), loss_smooth.data(), n, kTrainColor},
      {"test loss", epoch_x.data(), test_loss.data(), m, kTestColor, true},
  };
  draw_line_plot("##loss", ImVec2(w, h), PlotAxes{0, x_max, 0, loss_max, 1.0f, "", "samples", "loss: drawn while training"},
                 loss, 3);
  note_control("loss_curve");
  const PlotSeries accuracy[] = {
      {"", view.curve_samples.data(), view.accuracy_curve.data(), n, kRawColor},
      {"train accuracy", view.curve_samples.data(), accuracy_smooth.data(), n, kTrainColor},
      {"test accuracy", epoch_x.data(), test_accuracy.data(), m, kTestColor, true},
  };
  draw_line_plot("##accuracy", ImVec2(w, h),
                 PlotAxes{0, x_max, accuracy_min, 1.0f, 100.0f, "%", "samples", "accuracy: drawn while training"}, accuracy, 3);
  note_control("accuracy_curve");
}

void epoch_table(const EngineView& view) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  const float h = std::max(ImGui::GetFrameHeight() * 2, ImGui::GetContentRegionAvail().y);
  if (!ImGui::BeginTable("epochs", 5, flags, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Epoch");
  ImGui::TableSetupColumn("Train loss");
  ImGui::TableSetupColumn("Train acc.");
  ImGui::TableSetupColumn("Test acc.");
  ImGui::TableSetupColumn("Time");
  ImGui::TableHeadersRow();
  for (const protocol::EpochFinished& e : view.epochs) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn(); ImGui::Text("%d", e.epoch);
    ImGui::TableNextColumn(); ImGui::Text("%.4f", e.train_loss);
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

}  // namespace

void draw_training_panel(TrainingPanelState& st, const EngineView& view, CommandSink& sink) {
  settings(st, view.training == TrainingState::kIdle);
  ImGui::Spacing();
  buttons(st, view, sink);
  ImGui::Spacing();
  progress(view);
  ImGui::Spacing();
  curves(view);
  epoch_table(view);
}

}  // namespace cnn::ui
