#include "widgets/page_gaps.h"

namespace cnn::ui {
namespace {

// The distinct values of `v` (n of them) in order; returns how many. A few dozen at most.
int sorted_edges(float* v, int n) {
  for (int i = 1; i < n; ++i)
    for (int j = i; j > 0 && v[j] < v[j - 1]; --j) {
      const float t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
  int kept = 0;
  for (int i = 0; i < n; ++i)
    if (kept == 0 || v[i] != v[kept - 1]) v[kept++] = v[i];
  return kept;
}

float clamped(float v, float hi) { return v < 0 ? 0 : v > hi ? hi : v; }

}  // namespace

void PageGaps::paint(ImDrawList* list, ImVec2 display, float rounding, ImU32 color) const {
  // The boxes' edges cut the display into cells; a cell whose centre no box holds is a gap,
  // painted as runs along each row.
  float xs[2 + 2 * kMaxBoxes], ys[2 + 2 * kMaxBoxes];
  int nx = 0, ny = 0;
  xs[nx++] = 0;
  xs[nx++] = display.x;
  ys[ny++] = 0;
  ys[ny++] = display.y;
  for (int b = 0; b < count_; ++b) {
    xs[nx++] = clamped(boxes_[b].min.x, display.x);
    xs[nx++] = clamped(boxes_[b].max.x, display.x);
    ys[ny++] = clamped(boxes_[b].min.y, display.y);
    ys[ny++] = clamped(boxes_[b].max.y, display.y);
  }
  nx = sorted_edges(xs, nx);
  ny = sorted_edges(ys, ny);
  const auto gap = [&](int i, float y) {
    const float x = (xs[i] + xs[i + 1]) * 0.5f;
    for (int b = 0; b < count_; ++b)
      if (x > boxes_[b].min.x && x < boxes_[b].max.x && y > boxes_[b].min.y && y < boxes_[b].max.y) return false;
    return true;
  };
  for (int j = 0; j + 1 < ny; ++j) {
    const float y = (ys[j] + ys[j + 1]) * 0.5f;
    for (int i = 0; i + 1 < nx; ++i) {
      if (!gap(i, y)) continue;
      const int first = i;
      while (i + 2 < nx && gap(i + 1, y)) ++i;
      list->AddRectFilled(ImVec2(xs[first], ys[j]), ImVec2(xs[i + 1], ys[j + 1]), color);
    }
  }
  // What a rounded corner leaves of its box's square corner: a fan from the corner over the
  // arc (the shape is star-shaped from there, which is all the fan needs).
  if (rounding <= 0) return;
  const float quarter = 1.57079633f;
  for (int b = 0; b < count_; ++b) {
    const ImVec2 lo = boxes_[b].min, hi = boxes_[b].max;
    const float half = (hi.x - lo.x < hi.y - lo.y ? hi.x - lo.x : hi.y - lo.y) * 0.5f;
    const float r = rounding < half ? rounding : half;
    const ImVec2 corners[4] = {lo, ImVec2(hi.x, lo.y), hi, ImVec2(lo.x, hi.y)};
    const ImVec2 centres[4] = {ImVec2(lo.x + r, lo.y + r), ImVec2(hi.x - r, lo.y + r), ImVec2(hi.x - r, hi.y - r),
                               ImVec2(lo.x + r, hi.y - r)};
    const float from[4] = {2, 3, 0, 1};  // where each corner's arc starts, in quarter turns
    for (int k = 0; k < 4; ++k) {
      list->PathLineTo(corners[k]);
      list->PathArcTo(centres[k], r, from[k] * quarter, (from[k] + 1) * quarter, 8);
      list->PathFillConvex(color);
    }
  }
}

}  // namespace cnn::ui
