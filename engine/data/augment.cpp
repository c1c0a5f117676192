#include "data/augment.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace cnn {
namespace {
bool in_range(float v, float hi) { return v >= 0 && v <= hi; }  // false for NaN

// sin and cos for |a| <= pi/4 (validate() keeps the rotation within 45 degrees): Taylor to the
// a^11 and a^12 terms, off by at most 7e-12 there (measured; 6e-8, a float's rounding, at 90
// degrees, which the tests use). libm's sinf and cosf would bring their range reduction (3 kB
// of the page's engine) for angles that never need it.
float sin_small(float a) {
  const double x = a, x2 = x * x;
  return float(x * (1 - x2 / 6 * (1 - x2 / 20 * (1 - x2 / 42 * (1 - x2 / 72 * (1 - x2 / 110))))));
}
float cos_small(float a) {
  const double x2 = double(a) * a;
  return float(1 - x2 / 2 * (1 - x2 / 12 * (1 - x2 / 30 * (1 - x2 / 56 * (1 - x2 / 90 * (1 - x2 / 132))))));
}
}  // namespace

Status validate(const AugmentConfig& c) {
  auto refuse = [](const char* what, float v, const char* range) {
    char buf[120];
    std::snprintf(buf, sizeof buf, "augmentation: %s %g is not in %s", what, double(v), range);
    return make_error(buf);
  };
  if (!in_range(c.shift, 8)) return refuse("shift", c.shift, "0..8 pixels");
  if (!in_range(c.rotate, 45)) return refuse("rotation", c.rotate, "0..45 degrees");
  if (!in_range(c.scale, 0.5f)) return refuse("scale", c.scale, "0..0.5");
  return ok_status();
}

AffineDraw draw_affine(const AugmentConfig& c, Rng& rng) {
  AffineDraw d;
  d.dx = rng.uniform(-c.shift, c.shift);
  d.dy = rng.uniform(-c.shift, c.shift);
  d.degrees = rng.uniform(-c.rotate, c.rotate);
  d.scale = 1 + rng.uniform(-c.scale, c.scale);
  return d;
}

void affine_image(const float* in, int rows, int cols, const AffineDraw& d, float* out) {
  const float cy = 0.5f * float(rows - 1), cx = 0.5f * float(cols - 1);
  const float a = d.degrees * 0.017453292519943295f;
  // Each output pixel looks up where it came from: (u, v) from the centre, less the shift,
  // turned by +a in image axes (y down) and divided by s. The picture itself turns by -a
  // in those axes, which is anticlockwise as seen.
  const float c = cos_small(a) / d.scale, s = sin_small(a) / d.scale;
  for (int y = 0; y < rows; ++y) {
    for (int x = 0; x < cols; ++x) {
      const float u = float(x) - cx - d.dx, v = float(y) - cy - d.dy;
      const float sx = c * u - s * v + cx, sy = s * u + c * v + cy;
      const float fx = std::floor(sx), fy = std::floor(sy);
      const int x0 = int(fx), y0 = int(fy);
      const float wx = sx - fx, wy = sy - fy;
      auto at = [&](int yy, int xx) { return yy >= 0 && yy < rows && xx >= 0 && xx < cols ? in[yy * cols + xx] : 0.0f; };
      // A weight of exactly 0 leaves its neighbour out, so an unmoved image is copied exactly.
      float top = at(y0, x0), bottom = at(y0 + 1, x0);
      if (wx != 0) top += wx * (at(y0, x0 + 1) - top), bottom += wx * (at(y0 + 1, x0 + 1) - bottom);
      out[y * cols + x] = wy != 0 ? top + wy * (bottom - top) : top;
    }
  }
}

}  // namespace cnn
