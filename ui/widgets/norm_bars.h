// NormBars: a value per layer as bars on a log scale, input side first, one bar per series in
// each layer's slot (the gradient norms of one run, or of a plain and a residual stack side by
// side). The axis spans whole powers of ten around every series' values.
//
//   NormSeries s[] = {{"plain", plain.data(), n, IM_COL32(240, 150, 70, 255)}, {...}};
//   draw_norm_bars(s, 2, line * 4);
#pragma once

#include "imgui.h"

namespace cnn::ui {

struct NormSeries {
  const char* label;    // in the tooltip ("plain"); "" for a single series
  const float* values;  // > 0; others sit on the bottom edge
  int count;
  ImU32 color;
};

struct NormRange {
  int lo = 0, hi = 0;  // 1e<lo> .. 1e<hi>, at least one decade
  bool empty() const { return hi <= lo; }
};
// The axis for these series: empty when no value is positive and finite.
NormRange norm_range(const NormSeries* series, int count);

// Draws the bars as one item of the panel's width and `height`.
void draw_norm_bars(const NormSeries* series, int count, NormRange range, float height);

}  // namespace cnn::ui
