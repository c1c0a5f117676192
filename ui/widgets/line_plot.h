// LinePlot: a small chart with several series on shared axes, for the training curves.
//
// ImGui's PlotLines draws one series on an unlabelled frame; the training panel needs the
// train and test accuracy on one set of axes, with ticks a student can read ("98%", "30k
// samples"), so this draws its own frame, grid, tick labels and legend with ImDrawList.
//
//   PlotSeries train{"train", xs, ys, n, IM_COL32(...)};
//   PlotAxes axes{0, 60000, 0.9f, 1.0f, 100.0f, "%"};
//   draw_line_plot("##accuracy", ImVec2(w, h), axes, &train, 1);
#pragma once

#include "imgui.h"

namespace cnn::ui {

struct PlotSeries {
  const char* label;     // "" keeps the series out of the legend and the tooltip
  const float* xs;
  const float* ys;
  int count;
  ImU32 color;
  bool markers = false;  // a dot on every point (few points, e.g. one per epoch)
};

struct PlotAxes {
  float x_min = 0, x_max = 1;
  float y_min = 0, y_max = 1;
  float y_scale = 1.0f;           // labels show value * y_scale: 100 for percentages
  const char* y_suffix = "";      // "%"
  const char* x_unit = "samples"; // the x ticks read "20k samples"
  const char* empty_text = "";    // shown in the middle while no series has a point
  bool log_y = false;             // logarithmic y (values <= 0 sit on the bottom edge): a loss
                                  // falling from 2.3 to 0.02 stays readable after the first epoch
  int legend_decimals = -1;       // digits after the point in the legend and tooltip (-1: from
                                  // the tick step); the epoch table's, so the two agree
  float mark_x = -1;              // a dashed upright line here (the best epoch), when >= x_min,
  const char* mark_label = "";    // with this label at its top
};

// Draws the plot as one item of `size`; hovering shows each series' value nearest the cursor.
void draw_line_plot(const char* id, ImVec2 size, const PlotAxes& axes, const PlotSeries* series, int series_count);

// Rounds a data range outwards to "nice" tick steps (1, 2 or 5 times a power of ten);
// returns the step. Used for the axes and tested in tests/ui.
float nice_range(float& lo, float& hi, int max_ticks);

// A tick label: "0.25", "98%", and for large values "52k", "1.2M", "1e+26", so that one huge
// value (a diverging run) never widens the axis past the plot. `decimals` for small values.
void tick_label(char* buf, size_t size, double v, int decimals, const char* suffix);

}  // namespace cnn::ui
