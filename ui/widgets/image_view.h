// ImageView: a grid of values drawn as pixels, the one way the teaching views show an
// image, a kernel, a feature map or a gradient. Large cells print their number, so the
// 6x6 examples of the course read like the notes; small ones are plain pixels.
//
//   ImageViewStyle st;  st.map = ColorMap::kSigned;
//   ImageViewResult r = draw_image_view("##out", values, 4, 4, 160.0f, st);
//   if (r.clicked) jump_to(r.cell_y, r.cell_x);
#pragma once

#include <cstddef>
#include <vector>

#include "imgui.h"

namespace cnn::ui {

enum class ColorMap {
  kGrey,      // 0 black .. 1 white, clamped (images as the network sees them)
  kGreyAuto,  // min black .. max white
  kSigned,    // negative blue, zero black, positive orange, scaled by the largest |value|
  kAbs,       // |value|: 0 black .. the largest |value| white (edges of either sign)
  kPositive,  // max(0, value): negatives black, as a ReLU would pass them
};

// A rectangle of cells to outline (the kernel window, the arg-max, a receptive field).
struct CellBox {
  int y = 0, x = 0, h = 1, w = 1;
  ImU32 color = IM_COL32(255, 210, 60, 255);
  float thickness = 2.0f;
  bool fill = false;  // a translucent fill as well as the outline
};

struct ImageViewStyle {
  ColorMap map = ColorMap::kGrey;
  float range = 0;               // kSigned, kAbs, kPositive: |value| of full colour (0: the largest)
  float lo = 0, hi = 0;          // kGreyAuto: black and white values (hi <= lo: the image's own)
  bool numbers = true;           // print values in cells that are large enough
  const char* number_format = nullptr;  // printf of the value; null: short_number()
  int border = 0;                // cells of padding around the image, tinted (the zero border)
  const std::vector<unsigned char>* lit = nullptr;  // per cell: 0 dim (not computed yet), 1 shown
  std::vector<CellBox> boxes;
};

struct ImageViewResult {
  bool hovered = false, clicked = false;
  int cell_y = -1, cell_x = -1;  // the cell under the pointer
  ImVec2 min, max;               // the drawn rectangle (screen)
};

// Draws `height` x `width` values (row-major) as one item whose larger side is `side`
// pixels (cells stay square).
ImageViewResult draw_image_view(const char* id, const float* values, int height, int width, float side,
                                const ImageViewStyle& style);

// A stack of planes (channels x height x width, as protocol::Image holds them) side by side in
// `side` pixels, one image view each, under a caption. `style` applies to every plane, but
// `lit` holds channels x height x width flags, sliced per plane; `plane_boxes` are drawn on
// plane `boxed` only. Returns the view under the pointer, or clicked (`plane` says which).
struct PlanesResult {
  ImageViewResult view;
  int plane = -1;
};
PlanesResult draw_planes(const char* id, const char* caption, int channels, int height, int width, const float* values,
                         float side, const ImageViewStyle& style, int boxed = -1,
                         const std::vector<CellBox>& plane_boxes = {});

// A value in few characters for a small cell: whole numbers as such ("30", "-100"), others
// with `digits` significant digits ("3.75" or "3.8"), never "-0".
void short_number(char* buf, size_t size, float value, int digits);
// Two digits without the leading zero: ".11", "-.5" (the last try before a cell stays blank).
void narrow_number(char* buf, size_t size, float value);
// The value a cell prints under `map`: |v| for kAbs, max(0, v) for kPositive (a ReLU display
// that coloured -5 black but printed "-5" contradicted itself), v otherwise.
float shown_value(ColorMap map, float v);

// The colour of one value under a map; `range` as in ImageViewStyle (resolved, > 0).
ImU32 map_color(ColorMap map, float value, float lo, float hi);

}  // namespace cnn::ui
