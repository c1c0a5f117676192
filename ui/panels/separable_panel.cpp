// The depthwise-separable explorer (note 002): one walk over the depthwise step's cells (channel
// by channel) and then the pointwise step's (filter by filter), the multiplications counted as
// they go. Every number is the engine's (TraceSeparable); the view steps and draws.
#include "panels/separable_panel.h"

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

proto::TraceSeparable request_of(int depthwise_cells, int position) {
  const SeparableExample& ex = separable_example();
  proto::TraceSeparable m;
  m.input = ex.input;
  m.depthwise = ex.depthwise;
  m.pointwise = ex.pointwise;
  m.pointwise_step = position >= depthwise_cells;
  m.cell = m.pointwise_step ? position - depthwise_cells : position;
  return m;
}

std::string number(float v) {
  char buf[24];
  short_number(buf, sizeof buf, v, 4);
  return buf;
}

// "10 x 1 + 0 x 0 + ... = 30": the cell's products as the engine added them.
std::string products_text(const proto::SeparableTraced& t) {
  std::string out;
  for (size_t i = 0; i < t.values.size(); ++i) {
    if (t.weights[i] == 0.0f) continue;  // 0 x anything: left out, as the kernel's zeros are
    out += (out.empty() ? "" : " + ") + number(t.weights[i]) + " x " + number(t.values[i]);
  }
  return (out.empty() ? std::string("0") : out) + " = " + number(t.sum);
}

void explanation(const proto::SeparableTraced& t, SeparablePanelState& st, int depthwise_cells) {
  const proto::Image& dw = t.depthwise_out;
  const int filters = t.pointwise_out.channels;
  text_wrapped(tr("A normal %dx%d convolution from %d to %d channels: %s x %d x %d = %s multiplications."),
               separable_example().depthwise.height, separable_example().depthwise.width, dw.channels, filters,
               (std::to_string(dw.height) + "x" + std::to_string(dw.width) + "x" + std::to_string(filters)).c_str(),
               separable_example().depthwise.height * separable_example().depthwise.width, dw.channels,
               grouped(t.normal_macs).c_str());
  ImGui::Spacing();
  text_wrapped(tr("1. Depthwise: one kernel a channel, the channels kept apart: %s multiplications."),
               grouped(t.depthwise_macs).c_str());
  if (ImGui::Button(tr_id("Go to the depthwise step", "dw_depthwise"))) st.step.position = 0, st.step.playing = false;
  note_control("dw_depthwise");
  ImGui::Spacing();
  text_wrapped(tr("2. Pointwise: %d kernels of 1x1x%d mix the channels at each position: %s multiplications."), filters,
               dw.channels, grouped(t.pointwise_macs).c_str());
  if (ImGui::Button(tr_id("Go to the pointwise step", "dw_pointwise_step")))
    st.step.position = depthwise_cells, st.step.playing = false;
  note_control("dw_pointwise_step");
  ImGui::Spacing();
  const int f = separable_example().depthwise.height;
  text_wrapped(tr("Together %s, %.2f of the normal convolution's: 1/%d + 1/%d (1/n'_c + 1/f^2)."),
               grouped(t.depthwise_macs + t.pointwise_macs).c_str(),
               double(t.depthwise_macs + t.pointwise_macs) / double(t.normal_macs), filters, f * f);
}

}  // namespace

void draw_separable_panel(SeparablePanelState& st, const EngineView& view, CommandSink& sink) {
  const proto::SeparableTraced& t = st.shown;
  const bool known = !t.depthwise_out.values.empty();
  const int depthwise_cells = known ? int(t.depthwise_out.values.size()) : 0;
  const int cells = known ? depthwise_cells + int(t.pointwise_out.values.size()) : 1;
  if (known) st.step.position = std::clamp(st.step.position, 0, cells - 1);
  const proto::TraceSeparable want = request_of(depthwise_cells, known ? st.step.position : 0);
  const bool answered = view.has_separable && view.separable.request_id == st.request.id();
  const bool failed = st.request.id() != 0 && view.last_error_id == st.request.id();
  const double now = ImGui::GetTime();
  if (view.ready && st.request.due(want, answered, failed, now)) st.request.sent(sink.send(want), want, now);
  if (answered) st.shown = view.separable;

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  ImGui::BeginChild("dw_settings", ImVec2(wide ? std::max(ImGui::GetFontSize() * 15, avail.x * 0.24f) : avail.x,
                                          wide ? 0 : avail.y * 0.3f), false);
  if (known) explanation(t, st, depthwise_cells);
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  ImGui::BeginChild("dw_stage", ImVec2(0, 0), false);
  if (failed) ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "%s", view.last_error.c_str());
  if (!known) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    st.status = tr("Depthwise-separable: asking the engine");
    ImGui::EndChild();
    return;
  }

  draw_stepper(st.step, cells, "dw");
  const SeparableExample& ex = separable_example();
  const int f = ex.depthwise.height;
  const int channels = t.depthwise_out.channels, filters = t.pointwise_out.channels;
  const std::string cell = products_text(t);
  const std::string step_line =
      t.pointwise_step ? trf("Pointwise step: filter %d at (%d, %d) = %s", t.channel, t.out_y, t.out_x, cell.c_str())
                       : trf("Depthwise step: channel %d at (%d, %d) = %s", t.channel, t.out_y, t.out_x, cell.c_str());
  text_wrapped_colored(kValueText, "%s", step_line.c_str());  // six products take two lines at 800x600
  note_control("dw_cell");
  const int64_t separable = t.depthwise_macs + t.pointwise_macs;
  const std::string count =
      trf("Multiplications so far: %s of %s (depthwise %s + pointwise %s); a normal convolution: %s, so %.2f of it",
          grouped(t.done_macs).c_str(), grouped(separable).c_str(), grouped(t.depthwise_macs).c_str(),
          grouped(t.pointwise_macs).c_str(), grouped(t.normal_macs).c_str(), double(separable) / double(t.normal_macs));
  text_wrapped("%s", count.c_str());
  note_control("dw_count");

  // One cell size for every array, so a 3x3 kernel and a 6x6 input read at the same scale: the
  // input and both steps' kernels on the first row, the two steps' outputs on the second.
  const ImVec2 stage = ImGui::GetContentRegionAvail();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const int oh = t.depthwise_out.height, ow = t.depthwise_out.width;
  // The 1x1 kernels' column is as wide as its caption, wider than its three cells.
  const std::string weights_caption = trf("%d kernels of 1x1x%d (a row each)", filters, channels);
  const float weights_w = ImGui::CalcTextSize(weights_caption.c_str()).x;
  const float row1_cells = float(channels * (ex.input.width + f)), row2_cells = float((channels + filters) * ow);
  const float u = std::min({(stage.x - weights_w - gap * float(2 * channels + 1)) / row1_cells,
                            (stage.x - gap * float(channels + filters)) / row2_cells,
                            (stage.y - line * 3) / float(ex.input.height + oh)});
  const auto span = [&](int planes, int cells) { return float(planes * cells) * u + gap * float(planes - 1); };

  // The input and the depthwise step's kernels, one a channel ...
  ImageViewStyle in;
  in.map = ColorMap::kGreyAuto;
  const std::vector<CellBox> window = {CellBox{t.window_y, t.window_x, f, f, kWindowMark, 3.0f, true}};
  draw_planes("##dw_input", trf("input %dx%dx%d", ex.input.height, ex.input.width, ex.input.channels).c_str(), ex.input.channels,
              ex.input.height, ex.input.width, ex.input.values.data(), span(channels, ex.input.width), in,
              t.pointwise_step ? -1 : t.channel, window);
  note_control("dw_input");
  ImGui::SameLine();
  ImageViewStyle kernels;
  kernels.map = ColorMap::kSigned;
  const std::vector<CellBox> whole = {CellBox{0, 0, f, f, kWindowMark, 3.0f}};
  draw_planes("##dw_kernels", trf("%d kernels of %dx%d", channels, f, f).c_str(), channels, f, f, ex.depthwise.values.data(),
              span(channels, f), kernels, t.pointwise_step ? -1 : t.channel, whole);
  note_control("dw_kernels");
  ImGui::SameLine();
  // ... and the pointwise step's five 1x1x3 kernels, a row each.
  ImageViewStyle weights;
  weights.map = ColorMap::kSigned;
  if (t.pointwise_step) weights.boxes.push_back(CellBox{t.channel, 0, 1, channels, kWindowMark, 3.0f});
  draw_planes("##dw_pointwise", weights_caption.c_str(), 1, filters, channels, ex.pointwise.values.data(),
              float(std::max(filters, channels)) * u, weights);
  note_control("dw_pointwise");

  // The outputs: the depthwise step's, which the pointwise step reads, and the pointwise step's.
  const int done_dw = t.pointwise_step ? depthwise_cells : t.cell + 1;
  std::vector<unsigned char> lit_dw(size_t(depthwise_cells), 0);
  for (int i = 0; i < done_dw; ++i) lit_dw[size_t(i)] = 1;
  ImageViewStyle dw_out;
  dw_out.map = ColorMap::kSigned;
  dw_out.lit = &lit_dw;
  const CellBox at{t.out_y, t.out_x, 1, 1, kWindowMark, 3.0f};
  if (t.pointwise_step) dw_out.boxes.push_back(at);  // the pointwise kernel reads this cell of all three
  draw_planes("##dw_out", trf("depthwise out %dx%dx%d", oh, ow, channels).c_str(), channels, oh, ow,
              t.depthwise_out.values.data(), span(channels, ow), dw_out, t.pointwise_step ? -1 : t.channel, {at});
  note_control("dw_depthwise_out");
  ImGui::SameLine(0, gap + u);
  std::vector<unsigned char> lit_pw(t.pointwise_out.values.size(), 0);
  for (int i = 0; t.pointwise_step && i <= t.cell; ++i) lit_pw[size_t(i)] = 1;
  ImageViewStyle pw_out;
  pw_out.map = ColorMap::kSigned;
  pw_out.lit = &lit_pw;
  draw_planes("##dw_pointwise_out", trf("pointwise out %dx%dx%d", oh, ow, filters).c_str(), filters, oh, ow,
              t.pointwise_out.values.data(), span(filters, ow) - u, pw_out, t.pointwise_step ? t.channel : -1, {at});
  note_control("dw_pointwise_out");

  st.status = step_line + "; " + count;
  ImGui::EndChild();
}

void write_link(const SeparablePanelState& st, LinkWriter& out) {
  if (st.step.position != 0) out.integer("dw.at", st.step.position);
}

void read_link(SeparablePanelState& st, LinkReader& in) {
  in.integer("dw.at", 0, 16 * 16 * 12, &st.step.position);  // kept inside the walk once its size is known
}

}  // namespace cnn::ui
