// Inside the network: every layer's output for the digit on the draw pad, conv1's learned
// kernels, and the receptive field of any feature-map pixel. The engine computes all of it
// (InspectNetwork: each layer's activations, kernels and receptive-field arithmetic); this
// panel asks again whenever the digit or the weights change, and draws the answer.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/image_view.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

using protocol::Image;
using protocol::LayerActivation;

constexpr ImU32 kSelectColor = IM_COL32(255, 210, 60, 255);

// One channel of an activation image.
const float* channel(const Image& im, int c) { return im.values.data() + size_t(c) * im.height * im.width; }

// Asks for a new inspection when the network's input or the weights changed.
void request(InsidePanelState& st, const EngineView& view, CommandSink& sink, bool has_ink) {
  const double now = ImGui::GetTime();
  std::vector<float> input = has_ink && view.has_prediction ? view.input : std::vector<float>(protocol::kDigitPixels, 0.0f);
  const bool weights_moved = view.model_generation != st.model_generation ||
                             (view.training == TrainingState::kRunning && now - st.last_request_time > 0.5);
  const bool answered = view.has_inspection && view.inspection.request_id == st.request;
  const bool waiting = st.request != 0 && !answered && view.last_error_id != st.request && now - st.last_request_time < 5.0;
  if ((input != st.sent_input || weights_moved || st.request == 0) && !waiting && view.ready && view.has_model) {
    protocol::InspectNetwork m;
    m.input = input;
    st.sent_input = std::move(input);
    st.model_generation = view.model_generation;
    st.last_request_time = now;
    st.request = sink.send(std::move(m));
  }
  if (answered) {
    st.shown = view.inspection;
    st.shown_has_ink = st.sent_input != std::vector<float>(protocol::kDigitPixels, 0.0f);
  }
}

// The input with the receptive field of the selected pixel, and what made that pixel.
void input_and_field(InsidePanelState& st, float side) {
  const protocol::NetworkInspected& n = st.shown;
  ImGui::TextDisabled("%s", tr("the network's input, 28x28"));
  ImageViewStyle in;
  in.numbers = false;
  bool selected = st.layer >= 0 && st.layer < int(n.layers.size());
  if (selected) {  // a new model may have other shapes
    const Image& out = n.layers[size_t(st.layer)].output;
    selected = st.channel < out.channels && st.y < out.height && st.x < out.width;
  }
  if (selected) {
    const LayerActivation& l = n.layers[size_t(st.layer)];
    const int y0 = l.field.first + st.y * l.field.jump, x0 = l.field_x.first + st.x * l.field_x.jump;
    const int y1 = std::min(protocol::kDigitSide, y0 + l.field.size), x1 = std::min(protocol::kDigitSide, x0 + l.field_x.size);
    const int cy0 = std::max(0, y0), cx0 = std::max(0, x0);
    if (y1 > cy0 && x1 > cx0) in.boxes.push_back(CellBox{cy0, cx0, y1 - cy0, x1 - cx0, kSelectColor, 2.5f, true});
  }
  draw_image_view("##input", n.input.data(), protocol::kDigitSide, protocol::kDigitSide, side, in);
  note_control("inside_input");
  st.status.clear();
  if (!selected) {
    text_wrapped("%s", tr("Click a pixel of any feature map: its receptive field, the part of the input it sees, lights up here."));
    return;
  }
  const LayerActivation& l = n.layers[size_t(st.layer)];
  text_wrapped(tr("%s, map %d, pixel (%d, %d) = %.4g"), l.text.c_str(), st.channel, st.y, st.x,
                     double(channel(l.output, st.channel)[st.y * l.output.width + st.x]));
  text_wrapped(tr("It sees a %dx%d window of the input, rows %d..%d and columns %d..%d (parts outside are padding)."),
                     l.field.size, l.field_x.size, l.field.first + st.y * l.field.jump,
                     l.field.first + st.y * l.field.jump + l.field.size - 1, l.field_x.first + st.x * l.field_x.jump,
                     l.field_x.first + st.x * l.field_x.jump + l.field_x.size - 1);
  note_control("inside_field_text");
  st.status = trf("Inside: %s map %d pixel (%d, %d) sees input rows %d to %d and columns %d to %d (receptive field %dx%d)",
                  l.name.c_str(), st.channel, st.y, st.x, l.field.first + st.y * l.field.jump,
                  l.field.first + st.y * l.field.jump + l.field.size - 1, l.field_x.first + st.x * l.field_x.jump,
                  l.field_x.first + st.x * l.field_x.jump + l.field_x.size - 1, l.field.size, l.field_x.size);
  if (l.kernel_inputs > 0) {
    // Kernel `channel` made this map: one f x f slice per input channel.
    const int in = l.kernel_inputs, kh = l.kernels.height, kw = l.kernels.width;
    text_wrapped(in == 1 ? tr("Made by kernel %d (%d slice of %dx%d, bias %.3g):")
                               : tr("Made by kernel %d (%d slices of %dx%d, bias %.3g):"),
                       st.channel, in, kh, kw, st.channel < int(l.biases.size()) ? double(l.biases[size_t(st.channel)]) : 0.0);
    ImageViewStyle k;
    k.map = ColorMap::kSigned;
    k.numbers = false;
    const float slice = std::min(side / 3, (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 5) / std::min(in, 6));
    for (int i = 0; i < in; ++i) {
      if (i % 6 != 0) ImGui::SameLine();
      ImGui::PushID(i);
      draw_image_view("##slice", channel(l.kernels, st.channel * in + i), kh, kw, slice, k);
      ImGui::PopID();
    }
    note_control("inside_kernel");
  } else if (l.name.find("pooling") != std::string::npos) {
    text_wrapped(tr("Pooled from map %d of the layer before: pooling keeps the channels apart."), st.channel);
  }
}

// One layer: its maps in a row (wrapping), or a strip of units for dense layers.
void layer_row(InsidePanelState& st, int index, float width) {
  const LayerActivation& l = st.shown.layers[size_t(index)];
  const Image& im = l.output;
  const float line = ImGui::GetTextLineHeight();
  ImGui::Text("%s", l.text.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("%s %dx%dx%d%s", l.name.c_str(), im.height, im.width, im.channels,
                      index + 1 == int(st.shown.layers.size()) && l.text.find("softmax") == std::string::npos
                          ? tr(", logits: softmax turns them into the probabilities below")
                          : "");
  ImGui::PushID(index);
  if (im.height == 1 && im.width == 1) {
    // Dense: one cell per unit, signed.
    ImageViewStyle s;
    s.map = ColorMap::kSigned;
    s.numbers = false;
    const float h = std::max(line, std::min(line * 1.5f, width / im.channels * 4));
    const float cell = std::min(h, width / float(im.channels));
    const ImageViewResult r = draw_image_view("##units", im.values.data(), 1, im.channels, cell * im.channels, s);
    if (r.hovered && r.cell_x >= 0) ImGui::SetTooltip(tr("unit %d: %.4g"), r.cell_x, double(im.values[size_t(r.cell_x)]));
  } else {
    // Feature maps: sized so that a row holds up to 8 (16 maps wrap into two rows).
    const int per_row = std::min(im.channels, 8);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    // Capped in text lines, so maps keep their size relative to the text on any screen.
    const float side = std::min((width - gap * (per_row - 1)) / per_row, line * (0.6f + im.height * 0.16f));
    for (int c = 0; c < im.channels; ++c) {
      if (c % per_row != 0) ImGui::SameLine();
      ImGui::PushID(c);
      ImageViewStyle s;
      s.map = ColorMap::kGreyAuto;  // each map on its own scale: ReLU outputs start at 0
      s.lo = 0;
      s.hi = *std::max_element(channel(im, c), channel(im, c) + im.height * im.width);
      s.numbers = false;
      if (st.layer == index && st.channel == c) s.boxes.push_back(CellBox{st.y, st.x, 1, 1, kSelectColor, 2.0f});
      const ImageViewResult r = draw_image_view("##map", channel(im, c), im.height, im.width, side, s);
      if (index == 0 && c == 0) note_control("inside_first_map");
      if (r.clicked && r.cell_y >= 0) {
        st.layer = index;
        st.channel = c;
        st.y = r.cell_y;
        st.x = r.cell_x;
      }
      if (r.hovered && r.cell_y >= 0)
        ImGui::SetTooltip(tr("map %d (%d, %d): %.4g"), c, r.cell_y, r.cell_x,
                          double(channel(im, c)[r.cell_y * im.width + r.cell_x]));
      ImGui::PopID();
    }
  }
  ImGui::PopID();
}

// The first conv layer's kernels as images: edge detectors form here during training.
void first_kernels(const InsidePanelState& st, float width) {
  for (const LayerActivation& l : st.shown.layers) {
    if (l.kernel_inputs != 1) continue;
    const int count = l.kernels.channels;
    ImGui::Text(tr("%s: its %d learned kernels"), l.text.c_str(), count);
    ImGui::SameLine();
    ImGui::TextDisabled(tr("(orange > 0 > blue, %dx%d)"), l.kernels.height, l.kernels.width);
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float side = std::min((width - gap * (count - 1)) / count, ImGui::GetTextLineHeight() * 4);
    for (int c = 0; c < count; ++c) {
      if (c > 0) ImGui::SameLine();
      ImGui::PushID(c);
      ImageViewStyle s;
      s.map = ColorMap::kSigned;
      s.numbers = false;
      draw_image_view("##k", channel(l.kernels, c), l.kernels.height, l.kernels.width, side, s);
      if (c == 0) note_control("inside_kernels");
      ImGui::PopID();
    }
    return;
  }
}

void probabilities(const InsidePanelState& st, float width) {
  const std::vector<float>& p = st.shown.probs;
  if (p.empty()) return;
  ImGui::TextUnformatted(tr("softmax: probabilities"));
  const float line = ImGui::GetTextLineHeight();
  const float w = std::min(width / float(p.size()), line * 4);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float h = line * 2.5f;
  ImGui::Dummy(ImVec2(w * p.size(), h + line));
  note_control("inside_probs");
  const size_t top = size_t(std::max_element(p.begin(), p.end()) - p.begin());
  for (size_t k = 0; k < p.size(); ++k) {
    const float x = o.x + w * k;
    dl->AddRectFilled(ImVec2(x + 2, o.y + h * (1 - p[k])), ImVec2(x + w - 2, o.y + h),
                      k == top ? IM_COL32(255, 190, 50, 255) : IM_COL32(90, 140, 220, 255));
    char label[24];
    std::snprintf(label, sizeof label, "%zu", k);
    dl->AddText(ImVec2(x + (w - ImGui::CalcTextSize(label).x) / 2, o.y + h), ImGui::GetColorU32(ImGuiCol_Text), label);
  }
}

}  // namespace

void draw_inside_panel(InsidePanelState& st, DrawPanelState& draw, const EngineView& view, CommandSink& sink) {
  const bool ink = has_ink(draw);
  request(st, view, sink, ink);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  const float left_w = wide ? std::max(ImGui::GetFontSize() * 14, avail.x * 0.26f) : avail.x;
  const float left_h = wide ? avail.y : avail.y * 0.32f;
  ImGui::BeginChild("inside_left", ImVec2(left_w, left_h), false);
  note_scroll_area("inside_left");
  {
    // The draw pad itself (the same strokes as in "Draw & train"), small.
    const float pad_h = std::min(left_w, wide ? left_h * 0.5f : left_h);
    ImGui::BeginChild("inside_pad", ImVec2(pad_h - ImGui::GetStyle().ItemSpacing.x, pad_h), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    draw_draw_panel(draw, view, sink);
    ImGui::EndChild();
    if (!wide) ImGui::SameLine();  // portrait: the pad and the input side by side
    ImGui::BeginGroup();
    // The input shrinks before the receptive field's words do: they are the point of it (they
    // ran off the bottom at 1280x720). About seven lines of text follow the image.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float room = wide ? ImGui::GetContentRegionAvail().y - line * 7.5f : ImGui::GetContentRegionAvail().y - line;
    if (!st.shown.input.empty())
      input_and_field(st, std::max(line * 4, std::min({ImGui::GetContentRegionAvail().x, line * 9, room})));
    ImGui::EndGroup();
  }
  ImGui::EndChild();
  if (wide) ImGui::SameLine();

  // The layers scroll; the network's answer stays pinned under them, on screen at every size
  // (it was the last row of the scrolling list, below the fold at 1280x720).
  const bool answer = !st.shown.probs.empty() && st.shown_has_ink && view.has_model && !st.shown.layers.empty();
  const float probs_h = answer ? ImGui::GetTextLineHeightWithSpacing() * 4.6f : 0.0f;
  ImGui::BeginGroup();
  ImGui::BeginChild("inside_layers", ImVec2(0, -probs_h), false);
  note_scroll_area("inside_layers");
  if (!view.has_model || st.shown.layers.empty()) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    ImGui::EndChild();
    ImGui::EndGroup();
    return;
  }
  const float width = ImGui::GetContentRegionAvail().x;
  first_kernels(st, width);
  ImGui::Separator();
  if (!st.shown_has_ink) {
    text_wrapped("%s", tr("Draw a digit on the pad: every layer's output for it appears here and follows each stroke."));
    ImGui::EndChild();
    ImGui::EndGroup();
    return;
  }
  for (int i = 0; i < int(st.shown.layers.size()); ++i) {
    const LayerActivation& l = st.shown.layers[size_t(i)];
    if (l.name == "flatten") continue;  // the same numbers as the maps before it, in a line
    layer_row(st, i, width);
    if (i == st.layer) draw_top_activations(st, view, sink, width);
  }
  ImGui::EndChild();
  if (answer) probabilities(st, width);
  ImGui::EndGroup();
}

}  // namespace cnn::ui
