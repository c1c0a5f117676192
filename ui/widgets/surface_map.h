// SurfaceMap: a 2-D loss surface seen from above, its values in bands of equal log height (so
// the bands read as contour lines), with paths over it. The values come from the engine
// (OptimizersTraced.values); this only draws them.
//
//   SurfaceMapStyle st;  // st.x0 = ..., the plane the values cover
//   st.paths.push_back(SurfacePath{xs, ys, count, color});
//   SurfaceMapResult r = draw_surface_map("##surface", values, grid, ImVec2(w, h), st);
//   if (r.clicked) start = {r.x, r.y};
#pragma once

#include <vector>

#include "imgui.h"

namespace cnn::ui {

struct SurfacePath {
  const float* xs;
  const float* ys;
  int count;   // points drawn: the path so far
  ImU32 color;
};

struct SurfaceMapStyle {
  float x0 = 0, x1 = 1, y0 = 0, y1 = 1;  // the plane the grid covers, ends included
  std::vector<SurfacePath> paths;
  bool has_minimum = false;
  float min_x = 0, min_y = 0;            // marked with a white cross
  float line = 2.0f;                     // the paths' width
};

struct SurfaceMapResult {
  bool hovered = false, clicked = false;
  float x = 0, y = 0;                    // the plane's point under the mouse
};

// `values`: grid x grid, row 0 at y0, column 0 at x0. Drawn as large as fits in `room` with
// the plane's own proportions (x and y at one scale: the bowl's steepness is seen as it is).
SurfaceMapResult draw_surface_map(const char* id, const float* values, int grid, ImVec2 room, const SurfaceMapStyle& st);

}  // namespace cnn::ui
