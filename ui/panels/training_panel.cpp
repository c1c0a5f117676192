// Training: settings, Start / Pause / Resume / Stop / Step, the progress bar (samples/s and
// time left), live loss and accuracy curves, and the test accuracy of every epoch.
#include <algorithm>
#include <cstdio>

#include "controls.h"
#include "panels/panels.h"

namespace cnn::ui {
namespace {

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

void curves(const EngineView& view) {
  const float h = std::max(ImGui::GetTextLineHeight() * 3.0f, ImGui::GetContentRegionAvail().y * 0.22f);
  const float w = ImGui::GetContentRegionAvail().x;
  char label[64];
  const bool any = !view.loss_curve.empty();
  std::snprintf(label, sizeof label, "loss %.3f", any ? view.loss_curve.back() : 0.0f);
  ImGui::PlotLines("##loss", view.loss_curve.data(), int(view.loss_curve.size()), 0, any ? label : "loss", 0.0f,
                   FLT_MAX, ImVec2(w, h));
  note_control("loss_curve");
  std::snprintf(label, sizeof label, "train accuracy %.1f%%", any ? view.accuracy_curve.back() * 100.0f : 0.0f);
  ImGui::PlotLines("##accuracy", view.accuracy_curve.data(), int(view.accuracy_curve.size()), 0,
                   any ? label : "train accuracy", 0.0f, 1.0f, ImVec2(w, h));
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
