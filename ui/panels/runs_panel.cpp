// Runs: every run that ended, kept side by side (EngineView::runs). A table compares them
// (settings, speed, final accuracies); the ticked ones are overlaid on shared axes, one colour
// each, the loss while training and the test accuracy after each epoch. Any run that kept its
// weights can be made the model again. "Race" trains the current network with SGD, momentum
// and Adam, or with each value listed of one setting, from the same weights and seed, one after
// another (ui/race.h; the app runs it: App::start_race).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "race.h"
#include "widgets/stepper.h"
#include "widgets/flow.h"
#include "widgets/line_plot.h"
#include "widgets/summary_table.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

// One colour per run, in the order they ended.
constexpr ImU32 kRunColours[] = {IM_COL32(110, 160, 240, 255), IM_COL32(240, 150, 70, 255),
                                 IM_COL32(120, 210, 120, 255), IM_COL32(220, 100, 200, 255),
                                 IM_COL32(230, 220, 90, 255),  IM_COL32(90, 210, 220, 255),
                                 IM_COL32(240, 90, 90, 255),   IM_COL32(180, 180, 180, 255)};
constexpr int kColourCount = int(sizeof kRunColours / sizeof kRunColours[0]);

ImU32 colour_of(const RunRecord& r) { return kRunColours[(r.number - 1) % kColourCount]; }

void overlay(const EngineView& view, float height) {
  std::vector<PlotSeries> loss, accuracy;
  std::vector<std::vector<float>> epoch_x, epoch_acc;
  std::vector<std::string> labels;  // "Run 3": the table beside says the rest
  epoch_x.reserve(view.runs.size());
  epoch_acc.reserve(view.runs.size());
  labels.reserve(view.runs.size());
  float x_max = 1, loss_min = 1e30f, loss_max = 0, acc_min = 1.0f;
  for (const RunRecord& r : view.runs) {
    if (!r.shown) continue;
    labels.push_back(trf("Run %d", r.number));
    loss.push_back({labels.back().c_str(), r.curve_samples.data(), r.loss_curve.data(), int(r.loss_curve.size()),
                    colour_of(r)});
    std::vector<float> xs, ys;
    const int64_t per_epoch = r.settings.epochs > 0 ? r.samples_done / std::max<int64_t>(1, int64_t(r.epochs.size())) : 0;
    for (const protocol::EpochFinished& e : r.epochs) {
      xs.push_back(float(per_epoch * e.epoch));
      ys.push_back(float(e.test_accuracy));
      acc_min = std::min(acc_min, float(e.test_accuracy));
    }
    epoch_x.push_back(std::move(xs));
    epoch_acc.push_back(std::move(ys));
    accuracy.push_back({labels.back().c_str(), epoch_x.back().data(), epoch_acc.back().data(),
                        int(epoch_acc.back().size()), colour_of(r), true});
    if (!r.curve_samples.empty()) x_max = std::max(x_max, r.curve_samples.back());
    for (float l : r.loss_curve)
      if (l > 0 && std::isfinite(l)) {
        loss_min = std::min(loss_min, l);
        loss_max = std::max(loss_max, l);
      }
  }
  // The log axis spans the losses drawn, a little wider: runs that differ by 10% stay apart.
  if (loss_max <= 0) loss_min = 0.01f, loss_max = 10.0f;
  const float w = ImGui::GetContentRegionAvail().x;
  PlotAxes loss_axes{0, x_max, loss_min * 0.8f, loss_max * 1.25f, 1.0f, "", tr("samples"), tr("tick runs to compare them")};
  loss_axes.log_y = true;
  loss_axes.legend_decimals = 3;
  draw_line_plot("##runs_loss", ImVec2(w, height), loss_axes, loss.data(), int(loss.size()));
  note_control("runs_loss");
  float lo = std::max(0.0f, acc_min - 0.02f), hi = 1.0f;
  nice_range(lo, hi, 5);
  PlotAxes acc_axes{0, x_max, lo, 1.0f, 100.0f, "%", tr("samples"), tr("test accuracy after each epoch")};
  acc_axes.legend_decimals = 2;
  draw_line_plot("##runs_accuracy", ImVec2(w, height), acc_axes, accuracy.data(), int(accuracy.size()));
  note_control("runs_accuracy");
}

// A row per run: its name (a click renames it; the model, epochs and settings in its tooltip),
// the final test accuracy, the speed, and Use.
void table(RunsPanelState& st, EngineView& view, bool idle) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  std::vector<std::string> accuracies, speeds;
  for (const RunRecord& r : view.runs) {
    accuracies.push_back(r.epochs.empty() ? stop_reason_text(r.reason) : compact_value(r.epochs.back().test_accuracy * 100, 2) + "%");
    speeds.push_back(grouped(int64_t(r.samples_per_s + 0.5)));
  }
  const float h = std::max(ImGui::GetFrameHeight() * 3, ImGui::GetContentRegionAvail().y);
  if (!ImGui::BeginTable("runs", 4, flags, ImVec2(0, h))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Run"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(tr("Test acc."), ImGuiTableColumnFlags_WidthFixed, fit_column_width(tr("Test acc."), accuracies));
  ImGui::TableSetupColumn(tr("Samples/s"), ImGuiTableColumnFlags_WidthFixed, fit_column_width(tr("Samples/s"), speeds));
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize(tr("Use")).x + ImGui::GetStyle().FramePadding.x * 2 + 2);
  ImGui::TableHeadersRow();
  for (size_t i = 0; i < view.runs.size(); ++i) {
    RunRecord& r = view.runs[i];
    ImGui::PushID(int(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_CheckMark, colour_of(r));
    ImGui::Checkbox("##shown", &r.shown);
    ImGui::PopStyleColor();
    if (i == 0) note_control("runs_first_shown");
    ImGui::SameLine();
    if (st.renaming == int(i)) {
      ImGui::SetNextItemWidth(-1);
      if (st.rename_focus) ImGui::SetKeyboardFocusHere();
      st.rename_focus = false;
      char buf[96];
      std::snprintf(buf, sizeof buf, "%s", r.name.c_str());
      if (ImGui::InputText("##name", buf, sizeof buf)) r.name = buf;
      if (ImGui::IsItemDeactivated()) st.renaming = -1;
    } else {
      ImGui::TextUnformatted(r.name.c_str());
      if (ImGui::IsItemClicked()) {
        st.renaming = int(i);
        st.rename_focus = true;
      }
      if (ImGui::IsItemHovered()) {
        std::string decay;
        if (r.settings.lr_decay != 1.0f)
          decay = r.settings.decay_every == 1 ? trf(" (x%g every %d epoch)", double(r.settings.lr_decay), r.settings.decay_every)
                                              : trf(" (x%g every %d epochs)", double(r.settings.lr_decay), r.settings.decay_every);
        char l2[32] = "";
        if (r.settings.weight_decay > 0) std::snprintf(l2, sizeof l2, ", L2 %g", double(r.settings.weight_decay));
        ImGui::SetTooltip(tr("%s (click to rename)\n%s, %s parameters\n%s, learning rate %g%s%s, batch %d, seed %llu\n%d of %d epochs, %s"),
                          r.name.c_str(), r.model_name.c_str(), grouped(r.params).c_str(),
                          tr(kOptimizers[std::clamp(int(r.settings.optimizer), 0, 2)]), double(r.settings.lr), decay.c_str(), l2,
                          r.settings.batch, (unsigned long long)r.settings.seed, int(r.epochs.size()), r.settings.epochs,
                          stop_reason_text(r.reason));
      }
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(accuracies[i].c_str());
    if (ImGui::IsItemHovered() && !r.epochs.empty())
      ImGui::SetTooltip(tr("train accuracy %.2f%%, test loss %s"), r.epochs.back().train_accuracy * 100,
                        compact_value(r.epochs.back().test_loss, 4).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(speeds[i].c_str());
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(!idle || r.model_bytes.empty());
    if (ImGui::SmallButton(tr("Use"))) st.use_run = int(i);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", r.model_bytes.empty() ? tr("this run's weights were not kept (it was rolled back)")
                                                    : tr("make this run's weights the model again"));
    ImGui::EndDisabled();
    if (i == 0) note_control("runs_first_use");
    ImGui::PopID();
  }
  if (view.runs.empty()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", tr("no runs yet"));
  }
  ImGui::EndTable();
  note_control("runs_table");
}

// Race: the optimizers, or one setting over the values listed; each run from the same weights.
void race_controls(RunsPanelState& st, bool idle) {
  ImGui::BeginDisabled(!idle);
  const char* kinds[kRaceKinds];
  float widest = 0;
  for (int k = 0; k < kRaceKinds; ++k) {
    kinds[k] = tr(race_kind_label(RaceKind(k)));
    widest = std::max(widest, ImGui::CalcTextSize(kinds[k]).x);
  }
  if (ImGui::Button(tr("Race"))) st.want_race = true;
  note_control("runs_race");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(widest + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
  if (noted_combo("runs_race_kind", &st.race_kind, kinds, kRaceKinds)) {
    st.race_values = race_default_values(RaceKind(st.race_kind));
    st.race_note.clear();
  }
  const RaceKind kind = RaceKind(st.race_kind);
  if (kind != RaceKind::kOptimizers) {
    if (st.race_values.empty()) st.race_values = race_default_values(kind);
    same_line_if_fits(ImGui::GetFontSize() * 9);
    char buf[128];
    std::snprintf(buf, sizeof buf, "%s", st.race_values.c_str());
    ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 9, ImGui::GetContentRegionAvail().x));
    if (ImGui::InputText("##values", buf, sizeof buf)) {
      st.race_values = buf;
      st.race_note.clear();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("The values to race, separated by spaces: one run each, up to 6"));
    note_control("runs_race_values");
  }
  ImGui::EndDisabled();
  if (st.racing)
    text_wrapped_disabled(tr("racing: run %d of %d, then the next from the same weights"), std::max(1, st.race_at), st.race_count);
  else if (kind == RaceKind::kOptimizers)
    text_wrapped_disabled("%s", tr("SGD, momentum and Adam, each with its own learning rate, from the same weights and seed, with the Train tab's other settings"));
  else
    text_wrapped_disabled(tr("One run for each value of %s, from the same weights and seed, with the Train tab's other settings"),
                          kinds[st.race_kind]);
  if (!st.race_note.empty()) {
    text_wrapped_colored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s", st.race_note.c_str());
    note_control("runs_race_note");
  }
}

}  // namespace

void draw_runs_panel(RunsPanelState& st, EngineView& view) {
  const bool idle = view.ready && view.has_model && view.training == TrainingState::kIdle && !st.racing;
  race_controls(st, idle);
  ImGui::BeginDisabled(!idle);
  if (ImGui::Button(tr("Note 003's run"))) st.want_note003 = 0;
  note_control("runs_note003");
  same_line_if_fits(toggle_width(tr("The same on 0..1")));
  if (ImGui::Button(tr("The same on 0..1"))) st.want_note003 = 1;
  note_control("runs_note003_scaled");
  ImGui::EndDisabled();
  text_wrapped_disabled("%s", tr("Note 003's tanh LeNet-5, built fresh and trained as the note does (pixels 0..255, SGD 0.01, batch 128, 30 epochs), or on pixels scaled to 0..1; the Train tab draws the note's curve beside it."));
  st.status.clear();
  for (const RunRecord& r : view.runs) {
    st.status += st.status.empty() ? tr("Runs: ") : "; ";
    st.status += r.name + " " + stop_reason_text(r.reason);
    if (!r.epochs.empty()) st.status += trf(", test accuracy %s%%", compact_value(r.epochs.back().test_accuracy * 100, 2).c_str());
    if (!r.loss_curve.empty()) st.status += trf(", last loss %s", compact_value(r.loss_curve.back(), 4).c_str());
  }
  if (st.status.empty()) st.status = tr("Runs: none yet");
  const float plot_h = std::max(ImGui::GetFrameHeight() * 3.5f, ImGui::GetContentRegionAvail().y * 0.28f);
  overlay(view, plot_h);
  table(st, view, idle);
}

}  // namespace cnn::ui
