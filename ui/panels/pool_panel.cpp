// Pooling explorer: max or average pooling one window at a time, and its backward pass.
// The engine computes everything shown (TracePooling: the output map from its pooling
// kernel, the window's values and arg-max, and the gradient its backward pass sends to the
// input for a gradient of 1 on the current output cell).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/image_view.h"
#include "widgets/stepper.h"
#include "widgets/wrapped_text.h"
#include "teaching/examples.h"

namespace cnn::ui {
namespace {

using protocol::Image;

constexpr const char* kSources[] = {N_("Built-in numbers"), N_("Your drawing (28x28)")};
constexpr ImU32 kWindowColor = IM_COL32(255, 210, 60, 255);
constexpr ImU32 kArgmaxColor = IM_COL32(255, 90, 90, 255);

int output_side(int n, int f, int s) { return n < f ? 0 : (n - f) / s + 1; }

Image current_input(const PoolPanelState& st, const EngineView& view) {
  if (st.source == 0) return pool_pictures()[size_t(st.picture)].image;
  if (!view.has_prediction || view.input.size() != size_t(protocol::kDigitPixels)) return {};
  return Image{1, protocol::kDigitSide, protocol::kDigitSide, view.input};
}

void settings(PoolPanelState& st, const Image& input) {
  ImGui::TextDisabled("%s", tr("Input"));
  ImGui::SetNextItemWidth(-1);
  const char* sources[2];
  for (int i = 0; i < 2; ++i) sources[i] = tr(kSources[i]);
  if (noted_combo("pool_source", &st.source, sources, 2)) st.step.restart();
  if (st.source == 0) {
    std::vector<const char*> names = names_of(pool_pictures());
    for (const char*& name : names) name = tr(name);
    ImGui::SetNextItemWidth(-1);
    if (noted_combo("pool_picture", &st.picture, names.data(), int(names.size()))) st.step.restart();
    text_wrapped("%s", tr(pool_pictures()[size_t(st.picture)].note));
  } else if (input.values.empty()) {
    text_wrapped("%s", tr("Draw a digit in \"Draw & train\" first."));
  }

  ImGui::Spacing();
  ImGui::TextDisabled("%s", tr("Pooling"));
  if (ImGui::RadioButton(tr("max"), &st.mode, 0)) st.step.restart();
  note_control("pool_max");
  ImGui::SameLine();
  if (ImGui::RadioButton(tr("average"), &st.mode, 1)) st.step.restart();
  note_control("pool_average");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##window", &st.window, 2, 3, tr("window f = %d"))) st.step.restart();
  note_control("pool_window");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##stride", &st.stride, 1, 3, tr("stride s = %d"))) st.step.restart();
  note_control("pool_stride");
  text_wrapped(tr("Pooling has no weights to learn: f and s are all there is. %s"),
                     st.stride < st.window ? tr("With s < f the windows overlap.") : "");
  ImGui::Spacing();
  ImGui::Checkbox(tr("show every cell"), &st.show_all);
}


// "max(1, 3, 2, 9) = 9" or "(1 + 3 + 2 + 9) / 4 = 3.75", from the engine's trace.
std::string window_text(const protocol::PoolingTraced& t, bool average) {
  std::string text = average ? "(" : "max(";
  char buf[32];
  for (size_t i = 0; i < t.patch.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s%.3g", i ? (average ? " + " : ", ") : "", double(t.patch[i]));
    text += buf;
  }
  if (average) std::snprintf(buf, sizeof buf, ") / %zu = %.4g", t.patch.size(), double(t.value));
  else std::snprintf(buf, sizeof buf, ") = %.4g", double(t.value));
  return text + buf;
}

}  // namespace

void draw_pool_panel(PoolPanelState& st, const EngineView& view, CommandSink& sink) {
  const Image input = current_input(st, view);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  ImGui::BeginChild("pool_settings", ImVec2(wide ? std::max(ImGui::GetFontSize() * 14, avail.x * 0.22f) : avail.x,
                                            wide ? 0 : avail.y * 0.3f), false);
  settings(st, input);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  ImGui::BeginChild("pool_stage", ImVec2(0, 0), false);

  const int oh = input.values.empty() ? 0 : output_side(input.height, st.window, st.stride);
  const int ow = input.values.empty() ? 0 : output_side(input.width, st.window, st.stride);
  if (oh < 1 || ow < 1) {
    const char* why = input.values.empty() ? tr("no input yet") : tr("the window is larger than the input");
    ImGui::TextDisabled("%s", why);
    st.status = trf("Pooling: no output, %s", why);  // never the last input's step
    ImGui::EndChild();
    return;
  }
  const int positions = oh * ow;
  st.step.position = std::clamp(st.step.position, 0, positions - 1);
  if (positions != st.positions_seen) {  // as the convolution explorer: large outputs start whole
    if (st.positions_seen != -1) st.show_all = positions > 64;  // -1: a link chose
    st.positions_seen = positions;
  }

  protocol::TracePooling want;
  want.input = input;
  want.mode = st.mode == 0 ? protocol::PoolMode::kMax : protocol::PoolMode::kAverage;
  want.window = st.window;
  want.stride = st.stride;
  want.out_y = st.step.position / ow;
  want.out_x = st.step.position % ow;
  const bool changed = want.input.values != st.sent.input.values || want.mode != st.sent.mode ||
                       want.window != st.sent.window || want.stride != st.sent.stride || want.out_y != st.sent.out_y ||
                       want.out_x != st.sent.out_x || st.request == 0;
  const bool answered = view.has_pool_trace && view.pool_trace.request_id == st.request;
  const bool waiting = st.request != 0 && !answered && view.last_error_id != st.request;
  if (changed && !waiting && view.ready) {
    st.sent = want;
    st.request = sink.send(want);
  }
  if (answered) st.shown = view.pool_trace;
  if (view.last_error_id == st.request && st.request != 0)
    ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s", view.last_error.c_str());
  if (st.shown.output.values.empty()) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    ImGui::EndChild();
    return;
  }
  const protocol::PoolingTraced& t = st.shown;
  const bool average = st.mode == 1;

  ImGui::Text(tr("output side = floor((n - f) / s) + 1 = floor((%d - %d) / %d) + 1 = %d"), input.height, st.window,
              st.stride, oh);
  note_control("pool_formula");
  draw_stepper(st.step, positions, "pool");
  ImGui::Spacing();

  const ImVec2 stage = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float side = std::max(line * 5, std::min((stage.x - line * 2) / 3.0f, stage.y - line * 5));
  const int aw = st.window;
  const int arg_y = t.argmax >= 0 ? t.window_y + t.argmax / aw : -1, arg_x = t.argmax >= 0 ? t.window_x + t.argmax % aw : -1;

  // Forward: the input with the window (and the arg-max), the output so far.
  ImGui::BeginGroup();
  ImGui::TextDisabled(tr("input %dx%d"), input.height, input.width);
  ImageViewStyle in;
  in.map = ColorMap::kGreyAuto;
  in.boxes.push_back(CellBox{t.window_y, t.window_x, aw, aw, kWindowColor, 3.0f, true});
  if (arg_y >= 0) in.boxes.push_back(CellBox{arg_y, arg_x, 1, 1, kArgmaxColor, 3.0f});
  draw_image_view("##input", input.values.data(), input.height, input.width, side, in);
  note_control("pool_input");
  ImGui::EndGroup();
  ImGui::SameLine();

  ImGui::BeginGroup();
  ImGui::TextDisabled(tr("output %dx%d (click a cell to jump)"), oh, ow);
  std::vector<unsigned char> lit(size_t(positions), 0);
  for (int i = 0; i <= st.step.position; ++i) lit[size_t(i)] = 1;
  ImageViewStyle out;
  out.map = ColorMap::kGreyAuto;
  out.lit = st.show_all ? nullptr : &lit;
  out.boxes.push_back(CellBox{t.out_y, t.out_x, 1, 1, kWindowColor, 3.0f});
  const ImageViewResult r = draw_image_view("##output", t.output.values.data(), oh, ow, side, out);
  note_control("pool_output");
  if (r.clicked && r.cell_y >= 0) {
    st.step.position = r.cell_y * ow + r.cell_x;
    st.step.playing = false;
  }
  ImGui::EndGroup();
  ImGui::SameLine();

  // Backward: a gradient of 1 on the current output cell, as the engine's backward pass
  // sends it to the input.
  ImGui::BeginGroup();
  ImGui::TextDisabled(tr("backward: d output[%d][%d] = 1 gives d input"), t.out_y, t.out_x);
  ImageViewStyle grad;
  grad.map = ColorMap::kSigned;
  grad.range = 1.0f;
  grad.boxes.push_back(CellBox{t.window_y, t.window_x, aw, aw, kWindowColor, 2.0f});
  draw_image_view("##gradient", t.input_gradient.values.data(), t.input_gradient.height, t.input_gradient.width, side, grad);
  note_control("pool_gradient");
  ImGui::EndGroup();

  ImGui::Spacing();
  const std::string value = window_text(t, average);
  ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.3f, 1.0f), tr("output[%d][%d] = %s"), t.out_y, t.out_x, value.c_str());
  const std::string gradient = average ? std::string(tr("the gradient is shared by the window"))
                                       : trf("the gradient goes to input[%d][%d]", arg_y, arg_x);
  st.status = average ? trf("Average pooling: output[%d][%d] = %s, of a %dx%d output; %s", t.out_y, t.out_x, value.c_str(),
                            oh, ow, gradient.c_str())
                      : trf("Max pooling: output[%d][%d] = %s, of a %dx%d output; %s", t.out_y, t.out_x, value.c_str(), oh,
                            ow, gradient.c_str());
  note_control("pool_value");
  if (average)
    text_wrapped(tr("Backward: every input in the window gets 1/%d of the gradient, %.4g each."), aw * aw,
                       1.0 / (aw * aw));
  else
    text_wrapped(tr("Backward: only the input that was the maximum (red, row %d column %d) gets the gradient; the others did not affect the output."),
                       arg_y, arg_x);
  ImGui::EndChild();
}

// ?pool.in=course-5x5&pool.kind=avg&pool.f=3&pool.s=1&pool.at=4
void write_link(const PoolPanelState& st, LinkWriter& out) {
  const PoolPanelState d;
  if (st.source != d.source || st.picture != d.picture)
    out.text("pool.in", st.source == 1 ? "digit" : slug(pool_pictures()[size_t(st.picture)].name));
  if (st.mode != d.mode) out.text("pool.kind", st.mode == 1 ? "avg" : "max");
  if (st.window != d.window) out.integer("pool.f", st.window);
  if (st.stride != d.stride) out.integer("pool.s", st.stride);
  if (st.step.position != d.step.position) out.integer("pool.at", st.step.position);
  if (st.show_all != (st.positions_seen > 64)) out.integer("pool.all", st.show_all ? 1 : 0);
}

void read_link(PoolPanelState& st, LinkReader& in) {
  int input = 0;
  if (in.choice("pool.in", link_names({"digit"}, pool_pictures()), &input)) {
    st.source = input == 0 ? 1 : 0;
    st.picture = input == 0 ? 0 : input - 1;
  }
  static const char* const kKinds[] = {"max", "avg"};
  in.choice("pool.kind", kKinds, 2, &st.mode);
  in.integer("pool.f", 2, 3, &st.window);
  in.integer("pool.s", 1, 3, &st.stride);
  in.integer("pool.at", 0, 28 * 28, &st.step.position);  // the stepper keeps it inside the output
  if (in.flag("pool.all", &st.show_all)) st.positions_seen = -1;
}

}  // namespace cnn::ui
