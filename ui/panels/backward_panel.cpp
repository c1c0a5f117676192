// The backward-pass explorer (note 000's conv_backward): dZ arrives from the layer above, and
// the three gradients are built up one output position at a time. The engine computes every
// number shown (TraceConvBackward); the view only steps and draws.
#include "panels/backward_panel.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "teaching/examples.h"
#include "theme.h"
#include "widgets/image_view.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

namespace proto = cnn::protocol;

constexpr const char* kUpstreamKeys[] = {"ones", "count", "cell"};

// The example, padding and stride a trace was asked for: its positions are known only for these.
int settings_key(const BackwardPanelState& st) { return (st.example * 16 + st.padding) * 16 + st.stride; }

proto::TraceConvBackward request_of(const BackwardPanelState& st, int steps) {
  const BackwardExample& ex = backward_examples()[size_t(st.example)];
  proto::TraceConvBackward m;
  m.input = ex.input;
  m.kernel = ex.kernel;
  m.padding = st.padding;
  m.stride = st.stride;
  m.upstream = proto::Upstream(int(st.upstream));
  m.cell = st.cell;
  m.steps = steps;
  return m;
}

void settings(BackwardPanelState& st) {
  const std::vector<BackwardExample>& examples = backward_examples();
  ImGui::TextDisabled("%s", tr("Example"));
  std::vector<const char*> names;
  for (const BackwardExample& ex : examples) names.push_back(tr(ex.name));
  ImGui::SetNextItemWidth(-1);
  if (noted_combo("back_example", &st.example, names.data(), int(names.size()))) {
    st.padding = examples[size_t(st.example)].padding;
    st.stride = examples[size_t(st.example)].stride;
    st.cell = 0;
    st.step.restart();
  }
  text_wrapped("%s", tr(examples[size_t(st.example)].note));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##padding", &st.padding, 0, 3, tr("padding p = %d"))) st.step.restart(), st.cell = 0;
  note_control("back_padding");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::SliderInt("##stride", &st.stride, 1, 3, tr("stride s = %d"))) st.step.restart(), st.cell = 0;
  note_control("back_stride");

  ImGui::Spacing();
  text_wrapped_disabled("%s", tr("dZ, the gradient from the layer above"));
  static const char* const kUpstream[] = {N_("all ones"), N_("1, 2, 3, ..."), N_("one cell (click dZ)")};
  for (int i = 0; i < 3; ++i) {
    int choice = int(st.upstream);
    if (ImGui::RadioButton(tr(kUpstream[i]), &choice, i)) st.upstream = BackwardUpstream(choice);
    note_control((std::string("back_dz_") + kUpstreamKeys[i]).c_str());
  }
  ImGui::Spacing();
  text_wrapped_disabled("%s", tr("For each position (h, w) of the output:"));
  // Note 000's three lines, as its conv_backward writes them.
  for (const char* code : {"dA_prev_pad[window] += W * dZ[h,w]", "dW += a_slice * dZ[h,w]", "db += dZ[h,w]"})
    text_wrapped("%s", code);
  text_wrapped("%s", tr("a_slice is the input under the window; at the end the border of dA_prev_pad is cut off."));
}

// An Image's planes side by side (widgets/image_view.h), with the zero border tinted.
ImageViewResult planes(const char* id, const char* caption, const proto::Image& image, float side, ImageViewStyle style,
                       int border = 0) {
  style.border = border;
  return draw_planes(id, caption, image.channels, image.height, image.width, image.values.data(), side, style).view;
}

std::string listed(const std::vector<float>& values) {
  std::string out;
  char buf[24];
  const size_t shown = std::min<size_t>(values.size(), 18);
  for (size_t i = 0; i < shown; ++i) {
    short_number(buf, sizeof buf, values[i], 4);
    out += (i ? ", " : "") + std::string(buf);
  }
  if (shown < values.size()) out += ", ...";
  return out;
}

// What the last step added, in the note's words with the engine's numbers.
void step_lines(const proto::ConvBackwardTraced& t, int positions, int f) {
  char db[24], g[24];
  short_number(db, sizeof db, t.db, 5);
  if (t.steps == 0) {
    text_wrapped_disabled("%s", tr("Nothing added yet: dA_prev_pad, dW and db start at zero. Step to add the first position."));
    return;
  }
  short_number(g, sizeof g, t.dz.values[size_t(t.out_y * t.dz.width + t.out_x)], 5);
  text_wrapped_colored(kValueText, tr("Position %d of %d: (h, w) = (%d, %d), dZ[%d][%d] = %s"), t.steps, positions, t.out_y,
                       t.out_x, t.out_y, t.out_x, g);
  text_wrapped("dA_prev_pad[%d:%d, %d:%d] += W * %s;   dW += a_slice * %s;   db += %s (db = %s)", t.window_y, t.window_y + f,
               t.window_x, t.window_x + f, g, g, g, db);
  note_control("back_step_lines");
}

}  // namespace

void draw_backward_panel(BackwardPanelState& st, const EngineView& view, CommandSink& sink) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  ImGui::BeginChild("back_settings", ImVec2(wide ? std::max(ImGui::GetFontSize() * 15, avail.x * 0.24f) : avail.x,
                                            wide ? 0 : avail.y * 0.32f), false);
  settings(st);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  ImGui::BeginChild("back_stage", ImVec2(0, 0), false);

  // The positions are the answer's (its dZ is oh x ow); until an answer for these settings is
  // in, the walk asks for none, then for the step it wants.
  const bool known = !st.shown.dz.values.empty() && st.shown_key == settings_key(st);
  const int positions = known ? st.shown.dz.height * st.shown.dz.width : 0;
  if (known) st.step.position = std::clamp(st.step.position, 0, positions);
  if (known && st.upstream == BackwardUpstream::kOneCell) st.cell = std::clamp(st.cell, 0, positions - 1);
  const proto::TraceConvBackward want = request_of(st, known ? st.step.position : 0);
  const bool answered = view.has_conv_backward && view.conv_backward.request_id == st.request.id();
  const bool failed = st.request.id() != 0 && view.last_error_id == st.request.id();
  const double now = ImGui::GetTime();
  if (view.ready && st.request.due(want, answered, failed, now)) {
    st.request.sent(sink.send(want), want, now);
    st.sent_key = settings_key(st);
  }
  if (answered && view.conv_backward.request_id != st.shown.request_id) {
    st.shown = view.conv_backward;
    st.shown_key = st.sent_key;
  }
  if (failed) ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s", view.last_error.c_str());
  if (!known) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    st.status = failed ? trf("Convolution backward: %s", view.last_error.c_str()) : std::string(tr("Convolution backward: asking the engine"));
    ImGui::EndChild();
    return;
  }

  const proto::ConvBackwardTraced& t = st.shown;
  const BackwardExample& ex = backward_examples()[size_t(st.example)];
  const int f = ex.kernel.height, p = st.padding;
  draw_stepper(st.step, positions + 1, "back");
  step_lines(t, positions, f);

  const ImVec2 stage = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float side = std::max(line * 4, std::min((stage.x - line * 2) / 3.0f, (stage.y - line * 4) / 2.0f));
  const bool stepped = t.steps > 0;
  const std::vector<CellBox> window =
      stepped ? std::vector<CellBox>{CellBox{t.window_y, t.window_x, f, f, kWindowMark, 3.0f, true}} : std::vector<CellBox>{};

  // The forward pass's arrays: the padded input with the window, dZ with the position, W.
  ImageViewStyle grey;
  grey.map = ColorMap::kGreyAuto;
  grey.boxes = window;
  planes("##a_prev_pad", trf("A_prev_pad %dx%dx%d (the window: a_slice)", t.padded.height, t.padded.width, t.padded.channels).c_str(),
         t.padded, side, grey, p);
  note_control("back_input");
  ImGui::SameLine();
  ImageViewStyle dz;
  dz.map = ColorMap::kSigned;
  if (stepped) dz.boxes.push_back(CellBox{t.out_y, t.out_x, 1, 1, kWindowMark, 3.0f});
  const ImageViewResult dz_click = planes("##dz", trf("dZ %dx%d (click a cell)", t.dz.height, t.dz.width).c_str(), t.dz, side, dz);
  note_control("back_dz");
  if (dz_click.clicked && dz_click.cell_y >= 0) {
    if (st.upstream == BackwardUpstream::kOneCell) st.cell = dz_click.cell_y * t.dz.width + dz_click.cell_x;
    st.step.position = dz_click.cell_y * t.dz.width + dz_click.cell_x + 1;
    st.step.playing = false;
  }
  ImGui::SameLine();
  ImageViewStyle kernel;
  kernel.map = ColorMap::kSigned;
  planes("##w", trf("W %dx%dx%d", f, f, ex.kernel.channels).c_str(), ex.kernel, side * 0.6f, kernel);
  note_control("back_kernel");

  // The gradients so far.
  ImageViewStyle grad;
  grad.map = ColorMap::kSigned;
  grad.boxes = window;
  planes("##d_prev_pad", tr("dA_prev_pad so far"), t.d_padded, side, grad, p);
  note_control("back_dA");
  ImGui::SameLine();
  ImageViewStyle dw;
  dw.map = ColorMap::kSigned;
  planes("##dw", tr("dW so far"), t.dw, side * 0.6f, dw);
  note_control("back_dW");
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", tr("db so far"));
  char db[24];
  short_number(db, sizeof db, t.db, 6);
  ImGui::TextColored(kValueText, "db = %s", db);
  note_control("back_db");
  if (t.steps == positions) {
    ImageViewStyle cut;
    cut.map = ColorMap::kSigned;
    planes("##dA_prev", tr("dA_prev: the border cut off"), t.kernel_dx, side * 0.6f, cut);
    note_control("back_dA_prev");
  }
  ImGui::EndGroup();

  const std::string dw_list = listed(t.dw.values);
  if (t.steps == positions && t.equals_kernel) {
    ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.5f, 1), "%s",
                       tr("All positions added: dA_prev, dW and db are the engine's backward kernel's, bit for bit."));
    note_control("back_equal");
  }
  st.status = trf("Convolution backward: %d of %d positions added; db = %s; dW = [%s]%s", t.steps, positions, db, dw_list.c_str(),
                  t.steps == positions ? (t.equals_kernel ? tr("; equal to the engine's backward kernel, bit for bit")
                                                          : tr("; NOT equal to the engine's backward kernel"))
                                       : "");
  ImGui::EndChild();
}

void write_link(const BackwardPanelState& st, LinkWriter& out) {
  const BackwardPanelState d;
  const BackwardExample& ex = backward_examples()[size_t(st.example)];
  if (st.example != d.example) out.text("back.in", slug(ex.name));
  if (st.padding != ex.padding) out.integer("back.p", st.padding);
  if (st.stride != ex.stride) out.integer("back.s", st.stride);
  if (st.upstream != d.upstream) out.text("back.dz", kUpstreamKeys[int(st.upstream)]);
  if (st.upstream == BackwardUpstream::kOneCell && st.cell != 0) out.integer("back.cell", st.cell);
  if (st.step.position != d.step.position) out.integer("back.at", st.step.position);
}

void read_link(BackwardPanelState& st, LinkReader& in) {
  if (in.choice("back.in", link_names({}, backward_examples()), &st.example)) {
    st.padding = backward_examples()[size_t(st.example)].padding;
    st.stride = backward_examples()[size_t(st.example)].stride;
  }
  in.integer("back.p", 0, 3, &st.padding);
  in.integer("back.s", 1, 3, &st.stride);
  int upstream = int(st.upstream);
  if (in.choice("back.dz", kUpstreamKeys, 3, &upstream)) st.upstream = BackwardUpstream(upstream);
  in.integer("back.cell", 0, 16 * 16, &st.cell);    // kept inside dZ once its size is known
  in.integer("back.at", 0, 16 * 16, &st.step.position);  // kept inside the walk likewise
}

}  // namespace cnn::ui
