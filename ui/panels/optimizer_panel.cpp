// Optimizers on a loss surface (note 004): SGD, momentum and Adam start from one point of a
// 2-D surface and walk down it. The engine takes every step (TraceOptimizers: its own
// Optimizer updates the point from the surface's gradient) and sends the surface's values for
// the contours; this panel draws them, replays the walk step by step and reads it out.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "theme.h"
#include "widgets/line_plot.h"
#include "widgets/stepper.h"
#include "widgets/surface_map.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

namespace proto = cnn::protocol;

constexpr const char* kSurfaceNames[] = {N_("Elongated bowl"), N_("Rosenbrock's valley"), N_("Saddle point")};
constexpr const char* kSurfaceKeys[] = {"bowl", "rosenbrock", "saddle"};
constexpr const char* kShowKeys[] = {"opt.sgd", "opt.momentum.on", "opt.adam"};  // =0 hides one
constexpr const char* kOptimizerLabels[] = {"SGD", N_("Momentum"), "Adam"};
constexpr ImU32 kColors[] = {IM_COL32(255, 150, 40, 255), IM_COL32(90, 210, 255, 255), IM_COL32(150, 240, 110, 255)};

// Each surface's lesson: settings under which the three tell their story in view.
struct Lesson {
  int steps;
  float sgd_lr, momentum_lr, momentum, adam_lr;
  const char* note;
};
const Lesson kLessons[] = {
    {50, 0.4f, 0.4f, 0.5f, 0.5f,
     N_("20 times steeper across (y) than along (x): SGD's step must stay small for y, so it crawls along x. Momentum keeps going along x; try SGD at 0.6, where y swings further each step and the walk diverges.")},
    {500, 1e-3f, 1e-3f, 0.9f, 0.05f,
     N_("The minimum at (1, 1) lies at the end of a long curved valley: SGD reaches the floor fast, then creeps along it; momentum and Adam travel it.")},
    {100, 0.1f, 0.1f, 0.9f, 0.1f,
     N_("A saddle at (0, 0) between two minima at (0, 1) and (0, -1). Start on the ridge (click the map at y = 0): the gradient has no y part there, and all three stop in the saddle; a hair off it they roll down.")},
};

void use_lesson(OptimizerPanelState& st, int surface) {
  const Lesson& l = kLessons[surface];
  st.surface = surface;
  st.steps = l.steps;
  st.lr[0] = l.sgd_lr;
  st.lr[1] = l.momentum_lr;
  st.momentum = l.momentum;
  st.lr[2] = l.adam_lr;
  st.beta1 = 0.9f;
  st.beta2 = 0.999f;
  st.custom_start = false;
  st.step.position = l.steps;
}

proto::TraceOptimizers request_of(const OptimizerPanelState& st) {
  proto::TraceOptimizers m;
  m.surface = proto::Surface(st.surface);
  m.surface_start = !st.custom_start;
  m.start_x = st.start_x;
  m.start_y = st.start_y;
  m.steps = st.steps;
  const proto::Optimizer kinds[] = {proto::Optimizer::kSgd, proto::Optimizer::kMomentum, proto::Optimizer::kAdam};
  for (int i = 0; i < 3; ++i)
    if (st.shown_optimizer[i]) m.optimizers.push_back(proto::PathSettings{kinds[i], st.lr[i], st.momentum, st.beta1, st.beta2});
  m.grid = 96;
  return m;
}

bool same(const proto::TraceOptimizers& a, const proto::TraceOptimizers& b) {
  if (a.surface != b.surface || a.surface_start != b.surface_start || a.start_x != b.start_x || a.start_y != b.start_y ||
      a.steps != b.steps || a.grid != b.grid || a.optimizers.size() != b.optimizers.size())
    return false;
  for (size_t i = 0; i < a.optimizers.size(); ++i) {
    const proto::PathSettings &p = a.optimizers[i], &q = b.optimizers[i];
    if (p.optimizer != q.optimizer || p.lr != q.lr || p.momentum != q.momentum || p.beta1 != q.beta1 || p.beta2 != q.beta2)
      return false;
  }
  return true;
}

int label_index(proto::Optimizer o) { return o == proto::Optimizer::kAdam ? 2 : o == proto::Optimizer::kMomentum ? 1 : 0; }

// A learning rate's slider: logarithmic, 1e-4..2.
bool lr_slider(const char* id, float* lr) {
  ImGui::SetNextItemWidth(-1);
  const bool changed = ImGui::SliderFloat(id, lr, 1e-4f, 2.0f, tr("learning rate %.4g"), ImGuiSliderFlags_Logarithmic);
  return changed;
}

void settings(OptimizerPanelState& st) {
  ImGui::TextDisabled("%s", tr("Surface"));
  const char* names[3];
  for (int i = 0; i < 3; ++i) names[i] = tr(kSurfaceNames[i]);
  ImGui::SetNextItemWidth(-1);
  int surface = st.surface;
  if (noted_combo("opt_surface", &surface, names, 3)) use_lesson(st, surface);
  text_wrapped("%s", tr(kLessons[st.surface].note));
  // The same three on the real network: the Runs tab's race (each optimizer's own default rate:
  // the surface's rates are for its x and y, not for a network's weights).
  if (ImGui::Button(tr("Race them on the network"))) st.want_race = true;
  note_control("opt_race");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%s", tr("Trains the current network three times from the same weights and seed, with SGD, momentum and Adam, and overlays their curves in the Runs tab"));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##steps", &st.steps, 1, 1000, tr("%d steps"), ImGuiSliderFlags_Logarithmic)) st.step.position = st.steps;
  note_control("opt_steps");
  for (int i = 0; i < 3; ++i) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, kColors[i]);
    char id[32];
    std::snprintf(id, sizeof id, "%s##show%d", tr(kOptimizerLabels[i]), i);
    ImGui::Checkbox(id, &st.shown_optimizer[i]);
    ImGui::PopStyleColor();
    std::snprintf(id, sizeof id, "opt_show_%d", i);
    note_control(id);
    std::snprintf(id, sizeof id, "##lr%d", i);
    lr_slider(id, &st.lr[i]);
    std::snprintf(id, sizeof id, "opt_lr_%d", i);
    note_control(id);
    if (i == 1) {
      ImGui::SetNextItemWidth(-1);
      ImGui::SliderFloat("##momentum", &st.momentum, 0.0f, 0.99f, tr("momentum %.2f"));
      note_control("opt_momentum");
    }
    if (i == 2) {
      ImGui::SetNextItemWidth(-1);
      ImGui::SliderFloat("##beta1", &st.beta1, 0.0f, 0.99f, tr("beta1 %.2f"));
      note_control("opt_beta1");
      ImGui::SetNextItemWidth(-1);
      ImGui::SliderFloat("##beta2", &st.beta2, 0.5f, 0.9999f, tr("beta2 %.4f"), ImGuiSliderFlags_Logarithmic);
      note_control("opt_beta2");
    }
  }
  ImGui::Spacing();
  if (ImGui::Button(tr("The lesson's settings"))) use_lesson(st, st.surface);
  note_control("opt_reset");
  ImGui::Spacing();
  ImGui::TextDisabled("%s", tr("The engine's updates (as in training), g the gradient:"));
  ImGui::TextUnformatted("SGD: w -= lr g");
  ImGui::TextUnformatted(tr("Momentum: v = mu v + g;  w -= lr v"));
  ImGui::TextUnformatted("Adam: m = b1 m + (1-b1) g;  s = b2 s + (1-b2) g^2");
  ImGui::TextUnformatted(tr("  w -= lr m^ / (sqrt(s^) + 1e-8), m^ and s^ corrected for bias"));
  text_wrapped("%s", tr("The course writes momentum as v = b v + (1-b) g, w -= a v: the same walk as here with mu = b and lr = (1-b) a."));
}

std::string point_text(const proto::OptimizerPath& p, int at) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "(%.3f, %.3f), f = %.4g", double(p.x[size_t(at)]), double(p.y[size_t(at)]),
                double(p.loss[size_t(at)]));
  return buf;
}

}  // namespace

void draw_optimizer_panel(OptimizerPanelState& st, const EngineView& view, CommandSink& sink) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  ImGui::BeginChild("opt_settings", ImVec2(wide ? std::max(ImGui::GetFontSize() * 17, avail.x * 0.28f) : avail.x,
                                           wide ? 0 : avail.y * 0.4f), false);
  settings(st);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  ImGui::BeginChild("opt_stage", ImVec2(0, 0), false);

  const proto::TraceOptimizers want = request_of(st);
  const bool answered = view.has_optimizer_paths && view.optimizer_paths.request_id == st.request;
  const bool waiting = st.request != 0 && !answered && view.last_error_id != st.request;
  if ((st.request == 0 || !same(want, st.sent)) && !waiting && view.ready && !want.optimizers.empty()) {
    st.sent = want;
    st.request = sink.send(want);
  }
  if (answered) st.shown = view.optimizer_paths;
  if (view.last_error_id == st.request && st.request != 0)
    ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s", view.last_error.c_str());
  if (want.optimizers.empty()) {
    ImGui::TextDisabled("%s", tr("Tick an optimizer to see its walk."));
    st.status = tr("Optimizers: none chosen");
    ImGui::EndChild();
    return;
  }
  const proto::OptimizersTraced& t = st.shown;
  if (t.values.values.empty() || t.paths.empty()) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    ImGui::EndChild();
    return;
  }
  ImGui::Text("%s   %s", tr(kSurfaceNames[int(t.surface)]), t.formula.c_str());
  note_control("opt_formula");
  draw_stepper(st.step, st.steps + 1, "opt");
  const int at = std::clamp(st.step.position, 0, st.steps);

  const ImVec2 stage = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // The map square, the positions and the loss curves beside it (22 em: "Momentum (-0.123,
  // 0.000), f = 0.001512"), or under it when the stage is too narrow for both.
  const float beside_w = ImGui::GetFontSize() * 22;
  const float aspect = (t.x1 - t.x0) / std::max(t.y1 - t.y0, 1e-6f);
  ImVec2 room(std::min(stage.x - beside_w, (stage.y - line * 1.5f) * aspect), stage.y - line * 1.5f);
  const bool beside = room.x >= line * 6;
  if (!beside) room = ImVec2(stage.x, std::max(line * 6, stage.y * 0.6f));
  const float side = std::min(room.x / aspect, room.y);  // the map's height
  SurfaceMapStyle map;
  map.x0 = t.x0;
  map.x1 = t.x1;
  map.y0 = t.y0;
  map.y1 = t.y1;
  map.has_minimum = true;
  map.min_x = t.min_x;
  map.min_y = t.min_y;
  for (const proto::OptimizerPath& p : t.paths)
    map.paths.push_back(SurfacePath{p.x.data(), p.y.data(), std::min(at, int(p.x.size()) - 1) + 1, kColors[label_index(p.optimizer)]});
  const SurfaceMapResult r = draw_surface_map("##surface", t.values.values.data(), t.values.height, room, map);
  note_control("opt_surface_map");
  if (r.hovered) ImGui::SetTooltip(tr("(%.2f, %.2f): click to start here"), double(r.x), double(r.y));
  if (r.clicked) {
    st.custom_start = true;
    st.start_x = r.x;
    st.start_y = std::fabs(r.y) < (t.y1 - t.y0) * 0.01f ? 0.0f : r.y;  // a click near y = 0 is on the ridge
    st.step.position = st.steps;
  }
  if (beside) ImGui::SameLine();

  // Beside the map: where each is at this step, and the loss of every step (log scale).
  ImGui::BeginGroup();
  std::string status = trf("Optimizers on %s (%s) from (%.3g, %.3g), step %d of %d:", tr(kSurfaceNames[int(t.surface)]),
                           t.formula.c_str(), double(t.paths[0].x[0]), double(t.paths[0].y[0]), at, st.steps);
  float lo = 1e30f, hi = -1e30f;
  for (const proto::OptimizerPath& p : t.paths) {
    const int i = label_index(p.optimizer);
    const int shown_at = std::min(at, int(p.x.size()) - 1);
    ImGui::TextColored(ImColor(kColors[i]), "%s", tr(kOptimizerLabels[i]));
    ImGui::SameLine();
    const std::string where = point_text(p, shown_at);
    if (p.diverged_at >= 0 && at >= p.diverged_at)
      ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), tr("diverged at step %d (|x| or |y| past 10,000)"), p.diverged_at);
    else
      ImGui::TextUnformatted(where.c_str());
    status += std::string(" ") + tr(kOptimizerLabels[i]) + " ";
    status += p.diverged_at >= 0 && at >= p.diverged_at ? trf("diverged at step %d", p.diverged_at) : where;
    status += ";";
    for (float v : p.loss) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  status.pop_back();
  st.status = status;
  note_control("opt_positions");
  // The saddle's f dips below 0: the curves show f - (its lowest) + 1e-3, on a log scale.
  std::vector<std::vector<float>> xs(t.paths.size()), ys(t.paths.size());
  std::vector<PlotSeries> series;
  for (size_t k = 0; k < t.paths.size(); ++k) {
    const proto::OptimizerPath& p = t.paths[k];
    const int n = std::min(at, int(p.x.size()) - 1) + 1;
    for (int s = 0; s < n; ++s) {
      xs[k].push_back(float(s));
      ys[k].push_back(lo < 0 ? p.loss[size_t(s)] - lo + 1e-3f : p.loss[size_t(s)]);
    }
  }
  for (size_t k = 0; k < t.paths.size(); ++k)
    series.push_back(PlotSeries{"", xs[k].data(), ys[k].data(), int(xs[k].size()), kColors[label_index(t.paths[k].optimizer)]});
  PlotAxes axes;
  axes.x_min = 0;
  axes.x_max = float(std::max(1, st.steps));
  axes.y_min = lo < 0 ? 1e-3f : std::max(lo, 1e-6f);
  axes.y_max = lo < 0 ? hi - lo + 1e-3f : std::max(hi, axes.y_min * 10);
  axes.log_y = true;
  axes.x_unit = tr("steps");
  const ImVec2 plot_size(std::max(line * 8, ImGui::GetContentRegionAvail().x),
                         std::max(line * 5, beside ? side - line * 5 : ImGui::GetContentRegionAvail().y - line));
  ImGui::TextDisabled("%s", lo < 0 ? tr("loss - lowest + 0.001, per step (log scale)") : tr("loss per step (log scale)"));
  draw_line_plot("##opt_loss", plot_size, axes, series.data(), int(series.size()));
  note_control("opt_loss");
  ImGui::EndGroup();
  ImGui::EndChild();
}

// ?mode=optimizers&opt.surface=rosenbrock&opt.steps=200&opt.lr.sgd=0.002&opt.start=-1,2
void write_link(const OptimizerPanelState& st, LinkWriter& out) {
  const Lesson& l = kLessons[st.surface];
  if (st.surface != 0) out.text("opt.surface", kSurfaceKeys[st.surface]);
  if (st.steps != l.steps) out.integer("opt.steps", st.steps);
  if (st.lr[0] != l.sgd_lr) out.number("opt.lr.sgd", st.lr[0]);
  if (st.lr[1] != l.momentum_lr) out.number("opt.lr.momentum", st.lr[1]);
  if (st.momentum != l.momentum) out.number("opt.momentum", st.momentum);
  if (st.lr[2] != l.adam_lr) out.number("opt.lr.adam", st.lr[2]);
  if (st.beta1 != 0.9f) out.number("opt.beta1", st.beta1);
  if (st.beta2 != 0.999f) out.number("opt.beta2", st.beta2);
  if (st.custom_start) out.numbers("opt.start", {st.start_x, st.start_y});
  if (st.step.position != st.steps) out.integer("opt.at", st.step.position);
  for (int i = 0; i < 3; ++i)
    if (!st.shown_optimizer[i]) out.integer(kShowKeys[i], 0);
}

void read_link(OptimizerPanelState& st, LinkReader& in) {
  int surface = 0;
  use_lesson(st, in.choice("opt.surface", kSurfaceKeys, 3, &surface) ? surface : 0);
  in.integer("opt.steps", 1, 1000, &st.steps);
  st.step.position = st.steps;
  in.number("opt.lr.sgd", 1e-4f, 2.0f, &st.lr[0]);
  in.number("opt.lr.momentum", 1e-4f, 2.0f, &st.lr[1]);
  in.number("opt.momentum", 0.0f, 0.99f, &st.momentum);
  in.number("opt.lr.adam", 1e-4f, 2.0f, &st.lr[2]);
  in.number("opt.beta1", 0.0f, 0.99f, &st.beta1);
  in.number("opt.beta2", 0.5f, 0.9999f, &st.beta2);
  std::vector<float> start;
  if (in.numbers("opt.start", 2, -100.0f, 100.0f, &start)) {
    st.custom_start = true;
    st.start_x = start[0];
    st.start_y = start[1];
  }
  in.integer("opt.at", 0, 1000, &st.step.position);
  for (int i = 0; i < 3; ++i) in.flag(kShowKeys[i], &st.shown_optimizer[i]);
}

}  // namespace cnn::ui
