// The residual view: settings and the two stacks on the left; on the right the two runs' loss
// overlaid and each layer's gradient norm, plain beside residual. Every number is the engine's:
// the runs' progress (loss, TrainingProgressed.grad_norms), their test accuracy (EpochFinished)
// and the stacks' parameters (SummarizeSpec). The race itself is ui/pair_race.h.
#include "panels/residual_panel.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/flow.h"
#include "widgets/line_plot.h"
#include "widgets/norm_bars.h"
#include "widgets/stepper.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

namespace proto = cnn::protocol;

constexpr ImU32 kRunColour[2] = {IM_COL32(240, 150, 70, 255), IM_COL32(110, 160, 240, 255)};  // plain, residual
const char* run_label(int i) { return deep_stack_label(i == 1); }

bool int_field(const char* control, const char* label, int* value, int lo, int hi, int step) {
  // Five digits and the - + buttons (square, a frame high: wider on a touch screen).
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000").x + style.FramePadding.x * 2 +
                          (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x) * 2);
  const bool changed = ImGui::InputInt((std::string(label) + "##" + control).c_str(), value, step, step * 10);
  note_control(control);
  *value = std::clamp(*value, lo, hi);
  return changed;
}

// The two stacks, as the engine counts them: the same parameters, since a shortcut adds none.
void stacks(ResidualPanelState& st, const EngineView& view, CommandSink& sink) {
  for (int i = 0; i < 2; ++i) {
    const DeepStackParts p = deep_stack_parts(st.stack.activation, i == 1);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRunColour[i]), "%s", run_label(i));
    text_wrapped_disabled("%s; %d x [%s]; %s", p.stem.c_str(), st.stack.blocks, p.block.c_str(), p.head.c_str());
  }
  const proto::ModelSummary* a = find_spec_summary(view, deep_stack_spec(st.stack, false));
  const proto::ModelSummary* b = find_spec_summary(view, deep_stack_spec(st.stack, true));
  ask_spec_summary(st.questions, view, sink, deep_stack_spec(st.stack, false));
  ask_spec_summary(st.questions, view, sink, deep_stack_spec(st.stack, true));
  if (!a || !b) return;
  if (a->params == b->params)
    text_wrapped(tr("Both have %s parameters: a shortcut adds none."), grouped(a->params).c_str());
  else
    text_wrapped(tr("Parameters: plain %s, residual %s."), grouped(a->params).c_str(), grouped(b->params).c_str());
  note_control_value("res_params", std::to_string(a->params) + " " + std::to_string(b->params));
}

void settings(ResidualPanelState& st, EngineView& view, CommandSink& sink) {
  text_wrapped(tr("The same stack of 3x3 convolutions twice, from the same seed: once plain, once with a shortcut around every two layers that adds the block's input to its output (y = x + F(x)). Through the additions the loss's gradient reaches the first layers undiminished."));
  ImGui::Spacing();
  const bool busy = st.race.active();
  ImGui::BeginDisabled(busy);
  int_field("res_blocks", tr("blocks"), &st.stack.blocks, DeepStack::kMinBlocks, DeepStack::kMaxBlocks, 1);
  same_line_if_fits(ImGui::CalcTextSize(tr("%d conv layers")).x + ImGui::GetFontSize() * 2);
  ImGui::TextDisabled(tr("%d conv layers"), st.stack.conv_layers());
  const char* acts[kDeepActivations];
  for (int i = 0; i < kDeepActivations; ++i) acts[i] = tr(deep_activation_label(DeepActivation(i)));
  int act = int(st.stack.activation);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  if (noted_combo("res_act", &act, acts, kDeepActivations)) st.stack.activation = DeepActivation(act);
  ImGui::SameLine();
  ImGui::TextUnformatted(tr("activation"));
  int_field("res_samples", tr("samples"), &st.samples, ResidualPanelState::kMinSamples, ResidualPanelState::kMaxSamples, 500);
  int_field("res_epochs", tr("epochs"), &st.epochs, 1, ResidualPanelState::kMaxEpochs, 1);
  ImGui::EndDisabled();
  text_wrapped_disabled("%s", tr("Adam 0.001, batch 32, seed 1: the same for both"));
  if (!busy) {
    ImGui::BeginDisabled(!view.ready || !view.has_model || view.training != TrainingState::kIdle);
    if (ImGui::Button(tr_id("Train both", "res_train"))) {
      proto::TrainSettings s;
      s.epochs = st.epochs;
      s.limit = st.samples;
      s.batch = 32;
      s.lr = 1e-3f;
      s.optimizer = proto::Optimizer::kAdam;
      s.seed = 1;
      PairRacer racers[2];
      deep_stack_racers(st.stack, s, racers);
      st.race.start(racers, view, sink);
    }
    note_control("res_train");
    ImGui::EndDisabled();
    if (view.training != TrainingState::kIdle) ImGui::TextDisabled("%s", tr("(a run is in progress: the Train tab)"));
  } else {
    if (ImGui::Button(tr_id("Stop", "res_stop"))) st.race.stop(sink);
    note_control("res_stop");
  }
  ImGui::Spacing();
  stacks(st, view, sink);
}

std::string gradient_text(double v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%.3g", v);  // 1.5e-15, 0.213, 4.7e+07
  return buf;
}

// "plain: loss 2.33, test 9.6%, first layer's gradient 1.5e-15"
std::string run_line(const PairRun& r, int i) {
  std::string line = run_label(i);
  if (r.last_loss >= 0) line += trf(": loss %.3f", r.last_loss);
  if (r.test_accuracy >= 0) line += trf(", test %.1f%%", r.test_accuracy * 100);
  if (!r.grad_norms.empty()) line += trf(", first layer's gradient %s", gradient_text(r.grad_norms.front()).c_str());
  if (r.ended && r.reason != proto::StopReason::kFinished) line += std::string(" (") + stop_reason_text(r.reason) + ")";
  return line;
}

void results(ResidualPanelState& st, const EngineView& view) {
  const PairRace& race = st.race;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  NormSeries norms[2];
  for (int i = 0; i < 2; ++i) {
    const PairRun& r = race.run(i);
    norms[i] = {run_label(i), r.grad_norms.data(), int(r.grad_norms.size()), kRunColour[i]};
  }
  const NormRange range = norm_range(norms, 2);
  // The loss above the bars, about half and half; alone until the first norms come.
  const float plot_h = range.empty() ? std::max(line * 5, avail.y - line * 4) : std::max(line * 5, (avail.y - line * 8) * 0.5f);

  PlotSeries loss[2];
  float x_max = 1, y_max = 2.5f;  // the loss of a guess among 10 is 2.3
  for (int i = 0; i < 2; ++i) {
    const PairRun& r = race.run(i);
    loss[i] = {run_label(i), r.samples.data(), r.loss.data(), int(r.loss.size()), kRunColour[i]};
    if (!r.samples.empty()) x_max = std::max(x_max, r.samples.back());
    for (float l : r.loss) y_max = std::max(y_max, std::min(l, 10.0f));
  }
  float y_lo = 0, y_hi = y_max;
  nice_range(y_lo, y_hi, 5);
  PlotAxes axes{0, x_max, 0, y_hi, 1.0f, "", tr("samples"), tr("training loss: press Train both")};
  draw_line_plot("##res_loss", ImVec2(avail.x, plot_h), axes, loss, 2);
  note_control("res_loss");

  if (!range.empty()) {
    text_wrapped_disabled(tr("Each layer's gradient norm in the last batch, input side first, from 1e%d to 1e%d (log scale): plain left, residual right"),
                          range.lo, range.hi);
    draw_norm_bars(norms, 2, range, std::max(line * 3, ImGui::GetContentRegionAvail().y - line * 4));
    std::string values;  // for the page's tests: "1.5e-15 ... | 0.21 ..."
    for (int i = 0; i < 2; ++i) {
      if (i) values += " |";
      for (float v : race.run(i).grad_norms) values += " " + gradient_text(v);
    }
    note_control_value("res_bars", values);
  }
  for (int i = 0; i < 2; ++i)
    if (race.run(i).last_loss >= 0) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRunColour[i]), "%s", run_line(race.run(i), i).c_str());
  const PairRun &p = race.run(0), &r = race.run(1);
  if (!p.grad_norms.empty() && !r.grad_norms.empty() && p.grad_norms.front() > 0 && r.ended)
    text_wrapped(tr("With shortcuts the first layer's gradient is %s times the plain stack's."),
                 gradient_text(r.grad_norms.front() / p.grad_norms.front()).c_str());
  if (!race.note().empty()) text_wrapped_disabled("%s", race.note().c_str());
}

std::string status_of(const ResidualPanelState& st, const EngineView& view) {
  const PairRace& race = st.race;
  const std::string stack = trf("%d %s conv layers", st.stack.conv_layers(), tr(deep_activation_label(st.stack.activation)));
  if (race.active()) {
    const int pct = view.training == TrainingState::kRunning && view.progress.total_samples > 0
                        ? int(100 * view.progress.samples_done / view.progress.total_samples)
                        : 0;
    return trf("Residual: %s; training the %s stack (%d%%)", stack.c_str(), run_label(race.current()), pct);
  }
  if (!race.has_result()) return trf("Residual: %s, not trained yet", stack.c_str());
  std::string s = trf("Residual: %s; %s; %s", stack.c_str(), run_line(race.run(0), 0).c_str(), run_line(race.run(1), 1).c_str());
  if (!race.note().empty()) s += ". " + race.note();
  return s;
}

}  // namespace

void draw_residual_panel(ResidualPanelState& st, EngineView& view, CommandSink& sink) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  ImGui::BeginChild("res_settings", ImVec2(wide ? std::max(ImGui::GetFontSize() * 16, avail.x * 0.32f) : avail.x,
                                           wide ? 0 : avail.y * 0.42f), false);
  settings(st, view, sink);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  ImGui::BeginChild("res_results", ImVec2(0, 0), false);
  results(st, view);
  ImGui::EndChild();
  st.status = status_of(st, view);
}

void write_link(const ResidualPanelState& st, LinkWriter& out) {
  const ResidualPanelState defaults;
  if (st.stack.blocks != defaults.stack.blocks) out.integer("res.blocks", st.stack.blocks);
  if (st.stack.activation != defaults.stack.activation) out.text("res.act", deep_activation_key(st.stack.activation));
  if (st.samples != defaults.samples) out.integer("res.samples", st.samples);
  if (st.epochs != defaults.epochs) out.integer("res.epochs", st.epochs);
}

void read_link(ResidualPanelState& st, LinkReader& in) {
  in.integer("res.blocks", DeepStack::kMinBlocks, DeepStack::kMaxBlocks, &st.stack.blocks);
  const char* keys[kDeepActivations];
  for (int i = 0; i < kDeepActivations; ++i) keys[i] = deep_activation_key(DeepActivation(i));
  int act = 0;
  if (in.choice("res.act", keys, kDeepActivations, &act)) st.stack.activation = DeepActivation(act);
  in.integer("res.samples", ResidualPanelState::kMinSamples, ResidualPanelState::kMaxSamples, &st.samples);
  in.integer("res.epochs", 1, ResidualPanelState::kMaxEpochs, &st.epochs);
}

}  // namespace cnn::ui
