// Pooling reference kernels: the definitions in pool2d_kernels.h as plain loops.
#include <algorithm>
#include <cstring>

#include "layers/pool2d/pool2d_kernels.h"

namespace cnn {
namespace {

// The window's rows [y0, y1) and columns [x0, x1), cut to the image.
struct Window {
  int y0, y1, x0, x1;
  int cells() const { return (y1 - y0) * (x1 - x0); }
};

Window window_at(const Pool2DShape& s, int i, int j) {
  const int top = i * s.stride - s.pad_h, left = j * s.stride - s.pad_w;
  return Window{std::max(top, 0), std::min(top + s.kh, s.ih), std::max(left, 0), std::min(left + s.kw, s.iw)};
}

}  // namespace

void f32_maxpool_fwd__scalar(const Pool2DShape& s, const float* x, float* y, int32_t* argmax) {
  for (int p = 0; p < s.n * s.c; ++p) {
    const float* plane = x + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i)
      for (int j = 0; j < s.ow; ++j) {
        const Window w = window_at(s, i, j);
        int best = w.y0 * s.iw + w.x0;
        for (int yy = w.y0; yy < w.y1; ++yy)
          for (int xx = w.x0; xx < w.x1; ++xx) {
            const int idx = yy * s.iw + xx;
            if (plane[idx] > plane[best]) best = idx;
          }
        const int out = (p * s.oh + i) * s.ow + j;
        y[out] = plane[best];
        if (argmax) argmax[out] = best;
      }
  }
}

void f32_maxpool_bwd__scalar(const Pool2DShape& s, const int32_t* argmax, const float* dy, float* dx) {
  std::memset(dx, 0, sizeof(float) * s.n * s.c * s.ih * s.iw);
  for (int p = 0; p < s.n * s.c; ++p)
    for (int k = 0; k < s.oh * s.ow; ++k) {
      const int out = p * s.oh * s.ow + k;
      dx[p * s.ih * s.iw + argmax[out]] += dy[out];
    }
}

void f32_avgpool_fwd__scalar(const Pool2DShape& s, const float* x, float* y) {
  for (int p = 0; p < s.n * s.c; ++p) {
    const float* plane = x + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i)
      for (int j = 0; j < s.ow; ++j) {
        const Window w = window_at(s, i, j);
        float sum = 0.0f;
        for (int yy = w.y0; yy < w.y1; ++yy)
          for (int xx = w.x0; xx < w.x1; ++xx) sum += plane[yy * s.iw + xx];
        y[(p * s.oh + i) * s.ow + j] = sum * (1.0f / float(w.cells()));
      }
  }
}

void f32_avgpool_bwd__scalar(const Pool2DShape& s, const float* dy, float* dx) {
  std::memset(dx, 0, sizeof(float) * s.n * s.c * s.ih * s.iw);
  for (int p = 0; p < s.n * s.c; ++p) {
    float* plane = dx + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i)
      for (int j = 0; j < s.ow; ++j) {
        const Window w = window_at(s, i, j);
        const float g = dy[(p * s.oh + i) * s.ow + j] * (1.0f / float(w.cells()));
        for (int yy = w.y0; yy < w.y1; ++yy)
          for (int xx = w.x0; xx < w.x1; ++xx) plane[yy * s.iw + xx] += g;
      }
  }
}

}  // namespace cnn
