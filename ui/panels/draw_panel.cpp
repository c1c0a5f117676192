// The draw pad: strokes with mouse, pen or finger, brush width, clear, undo.
//
// Strokes are kept in pad units (0..1) so the pad can change size with the window. They
// are drawn on screen with ImDrawList, and rasterized into a kRasterSide^2 grey image
// (anti-aliased round brush) that goes to the engine as Predict; the engine makes it
// MNIST-like (data/digit_preprocess.h) and answers with the probabilities and the 28x28
// image it used. At most one Predict is in flight; changes meanwhile are sent next.
#include <algorithm>
#include <cmath>

#include "controls.h"
#include "i18n/language.h"
#include "scrolling.h"
#include "panels/panels.h"
#include "theme.h"

namespace cnn::ui {
namespace {

constexpr int kSide = DrawPanelState::kRasterSide;

// Max-blends a round-capped segment of radius r (raster pixels) into the raster.
void raster_segment(std::vector<float>& raster, ImVec2 a, ImVec2 b, float r) {
  const float x0 = std::floor(std::min(a.x, b.x) - r - 1), x1 = std::ceil(std::max(a.x, b.x) + r + 1);
  const float y0 = std::floor(std::min(a.y, b.y) - r - 1), y1 = std::ceil(std::max(a.y, b.y) + r + 1);
  const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
  for (int y = std::max(0, int(y0)); y <= std::min(kSide - 1, int(y1)); ++y)
    for (int x = std::max(0, int(x0)); x <= std::min(kSide - 1, int(x1)); ++x) {
      const float px = x + 0.5f - a.x, py = y + 0.5f - a.y;
      const float t = len2 > 0 ? std::clamp((px * dx + py * dy) / len2, 0.0f, 1.0f) : 0.0f;
      const float ex = px - t * dx, ey = py - t * dy;
      const float coverage = std::clamp(r + 0.5f - std::sqrt(ex * ex + ey * ey), 0.0f, 1.0f);
      float& v = raster[size_t(y) * kSide + x];
      v = std::max(v, coverage);
    }
}

void raster_stroke_from(std::vector<float>& raster, const Stroke& s, size_t first_point) {
  const float r = s.width * kSide * 0.5f;
  auto at = [&](size_t i) { return ImVec2(s.points[i].x * kSide, s.points[i].y * kSide); };
  if (s.points.size() == 1) raster_segment(raster, at(0), at(0), r);
  for (size_t i = std::max<size_t>(first_point, 1); i < s.points.size(); ++i) raster_segment(raster, at(i - 1), at(i), r);
}

void rerasterize(DrawPanelState& st) {
  st.raster.assign(size_t(kSide) * kSide, 0.0f);
  for (const Stroke& s : st.strokes) raster_stroke_from(st.raster, s, 0);
  st.dirty = true;
}

void add_point(DrawPanelState& st, ImVec2 p) {
  Stroke& s = st.strokes.back();
  if (!s.points.empty()) {
    const ImVec2 q = s.points.back();
    if (std::fabs(p.x - q.x) + std::fabs(p.y - q.y) < 0.002f) return;
  }
  s.points.push_back(p);
  raster_stroke_from(st.raster, s, s.points.size() - 1);
  st.dirty = true;
}

}  // namespace

bool has_ink(const DrawPanelState& st) { return !st.strokes.empty() || !st.test_image.empty(); }

void put_test_image(DrawPanelState& st, int index, int label, const float* pixels) {
  st.strokes.clear();
  st.raster.assign(size_t(kSide) * kSide, 0.0f);
  st.test_image.assign(pixels, pixels + protocol::kDigitPixels);
  st.test_index = index;
  st.test_label = label;
  st.dirty = true;
}

void draw_draw_panel(DrawPanelState& st, const EngineView& view, CommandSink& sink) {
  if (st.raster.empty()) st.raster.assign(size_t(kSide) * kSide, 0.0f);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float controls_h = ImGui::GetFrameHeightWithSpacing() * 2 + style.ItemSpacing.y;
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float side = std::max(64.0f, std::min(avail.x, avail.y - controls_h));
  const ImVec2 origin = ImGui::GetCursorScreenPos();

  // The pad: an invisible button takes the mouse, touch and pen (GLFW maps all three).
  ImGui::InvisibleButton("##pad", ImVec2(side, side));
  note_control("draw_pad");
  auto to_pad = [&](ImVec2 screen) {
    return ImVec2(std::clamp((screen.x - origin.x) / side, 0.0f, 1.0f),
                  std::clamp((screen.y - origin.y) / side, 0.0f, 1.0f));
  };
  if (ImGui::IsItemActivated()) {
    st.test_image.clear();  // drawing replaces a test image put on the pad
    st.test_index = st.test_label = -1;
    st.strokes.push_back(Stroke{{}, st.brush});
    st.drawing = true;
    add_point(st, to_pad(ImGui::GetIO().MouseClickedPos[0]));
  }
  if (st.drawing && ImGui::IsItemActive()) {
    keep_finger_drag();  // a stroke, never a scroll of the window around the pad
    for (ImVec2 p : st.pointer_samples) add_point(st, to_pad(p));
    add_point(st, to_pad(ImGui::GetIO().MousePos));
  }
  if (st.drawing && !ImGui::IsItemActive()) st.drawing = false;
  st.pointer_samples.clear();

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(origin.x + side, origin.y + side);
  dl->AddRectFilled(origin, end, IM_COL32(0, 0, 0, 255), 6.0f);
  dl->PushClipRect(origin, end, true);
  if (!st.test_image.empty()) {  // its 28x28 pixels, grey, filling the pad
    const float cell = side / float(protocol::kDigitSide);
    for (int y = 0; y < protocol::kDigitSide; ++y)
      for (int x = 0; x < protocol::kDigitSide; ++x) {
        const float v = std::clamp(st.test_image[size_t(y * protocol::kDigitSide + x)], 0.0f, 1.0f);
        if (v <= 0) continue;
        const ImVec2 a(origin.x + x * cell, origin.y + y * cell);
        dl->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(255, 255, 255, int(v * 255.0f + 0.5f)));
      }
    // On a dark band: a pullover's white reaches the pad's top edge.
    const std::string caption = trf("test image %d (%s): draw to replace it", st.test_index, class_name(view.dataset, st.test_label).c_str());
    const ImVec2 at(origin.x + 8, origin.y + 6), size = ImGui::CalcTextSize(caption.c_str());
    dl->AddRectFilled(ImVec2(at.x - 4, at.y - 2), ImVec2(at.x + size.x + 4, at.y + size.y + 2), IM_COL32(0, 0, 0, 170), 4.0f);
    dl->AddText(at, IM_COL32(170, 170, 180, 255), caption.c_str());
  }
  for (const Stroke& s : st.strokes) {
    const float r = s.width * side * 0.5f;
    ImVec2 prev;
    for (size_t i = 0; i < s.points.size(); ++i) {
      const ImVec2 p(origin.x + s.points[i].x * side, origin.y + s.points[i].y * side);
      dl->AddCircleFilled(p, r, IM_COL32_WHITE, 24);
      if (i > 0) dl->AddLine(prev, p, IM_COL32_WHITE, 2 * r);
      prev = p;
    }
  }
  dl->PopClipRect();
  dl->AddRect(origin, end, ImGui::GetColorU32(ImGuiCol_Border), 6.0f, 0, stroke(2.0f));
  if (!has_ink(st)) {
    const char* hint = view.dataset == proto::DatasetName::kFashion ? tr("Press Test image for a piece of clothing") : tr("Draw a digit here");
    const ImVec2 ts = ImGui::CalcTextSize(hint);
    dl->AddText(ImVec2(origin.x + (side - ts.x) / 2, origin.y + (side - ts.y) / 2), IM_COL32(140, 140, 150, 255), hint);
  }

  // Controls: clear, undo, brush width.
  ImGui::BeginDisabled(!has_ink(st));
  if (ImGui::Button(tr("Clear"))) {
    st.test_image.clear();
    st.test_index = st.test_label = -1;
    st.strokes.clear();
    rerasterize(st);
    st.dirty = false;
  }
  note_control("clear");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(st.strokes.empty());  // a test image on the pad has no stroke to undo
  if (ImGui::Button(tr("Undo"))) {
    st.strokes.pop_back();
    rerasterize(st);
    if (st.strokes.empty()) st.dirty = false;
  }
  note_control("undo");
  ImGui::EndDisabled();
  ImGui::SameLine();
  // The next image of the test set (the first one first), as the Mistakes tab puts one there:
  // with Fashion-MNIST, what there is to show the network.
  ImGui::BeginDisabled(!view.ready || st.test_request != 0);
  if (ImGui::Button(tr("Test image"))) st.test_request = sink.send(protocol::GetTestImage{0, st.next_test});
  note_control("pad_test_image");
  ImGui::EndDisabled();
  if (view.has_test_image && st.test_request != 0 && view.test_image.request_id == st.test_request) {
    const proto::TestImageProvided& t = view.test_image;
    put_test_image(st, t.index, t.label, t.pixels.data());
    st.next_test = (t.index + 1) % std::max(1, t.count);
    st.test_request = 0;
  } else if (st.test_request != 0 && view.last_error_id == st.test_request) {
    st.test_request = 0;  // refused (the download failed): the status line says why
  }
  ImGui::SameLine();
  // The slider and its label on the line while both fit ("Bru" in the Inside view's small
  // pad before), else on a line of their own.
  const float label_w = ImGui::CalcTextSize(tr("Brush")).x + ImGui::GetStyle().ItemInnerSpacing.x;
  if (ImGui::GetContentRegionAvail().x - label_w < ImGui::GetFontSize() * 4) ImGui::NewLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x - label_w, side * 0.5f));
  float brush_pct = st.brush * 100.0f;
  if (ImGui::SliderFloat(tr("Brush"), &brush_pct, 3.0f, 15.0f, "%.0f%%")) st.brush = brush_pct / 100.0f;
  note_control("brush");

  // Predict: when the ink changed, after a model change, and every half second while the
  // weights move under training. One request in flight at a time.
  const double now = ImGui::GetTime();
  if (st.in_flight != 0 && view.prediction_id >= st.in_flight) st.in_flight = 0;
  if (st.in_flight != 0 && now - st.last_predict_time > 5.0) st.in_flight = 0;  // lost answer: retry
  if (view.model_generation != st.model_generation) {
    st.model_generation = view.model_generation;
    st.dirty = true;
  }
  if (view.training == TrainingState::kRunning && now - st.last_predict_time > 0.5) st.dirty = true;
  if (st.dirty && st.in_flight == 0 && view.ready && has_ink(st)) {
    protocol::Predict p;
    const bool test = !st.test_image.empty();
    p.width = p.height = test ? protocol::kDigitSide : kSide;
    p.preprocess = !test;
    p.pixels = test ? st.test_image : st.raster;
    st.in_flight = sink.send(std::move(p));
    st.last_predict_time = now;
    st.dirty = false;
  }
}

}  // namespace cnn::ui
