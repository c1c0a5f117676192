// Pooling reference kernels: the definitions in pool2d_kernels.h as plain loops.
#include <cstring>

#include "layers/pool2d/pool2d_kernels.h"

namespace cnn {

void f32_maxpool_fwd__scalar(const Pool2DShape& s, const float* x, float* y, int32_t* argmax) {
  for (int p = 0; p < s.n * s.c; ++p) {
    const float* plane = x + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i)
      for (int j = 0; j < s.ow; ++j) {
        int best = (i * s.stride) * s.iw + j * s.stride;
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) {
            int idx = (i * s.stride + u) * s.iw + j * s.stride + v;
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
  const float scale = 1.0f / float(s.kh * s.kw);
  for (int p = 0; p < s.n * s.c; ++p) {
    const float* plane = x + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i)
      for (int j = 0; j < s.ow; ++j) {
        float sum = 0.0f;
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) sum += plane[(i * s.stride + u) * s.iw + j * s.stride + v];
        y[(p * s.oh + i) * s.ow + j] = sum * scale;
      }
  }
}

void f32_avgpool_bwd__scalar(const Pool2DShape& s, const float* dy, float* dx) {
  std::memset(dx, 0, sizeof(float) * s.n * s.c * s.ih * s.iw);
  const float scale = 1.0f / float(s.kh * s.kw);
  for (int p = 0; p < s.n * s.c; ++p) {
    float* plane = dx + p * s.ih * s.iw;
    for (int i = 0; i < s.oh; ++i)
      for (int j = 0; j < s.ow; ++j) {
        const float g = dy[(p * s.oh + i) * s.ow + j] * scale;
        for (int u = 0; u < s.kh; ++u)
          for (int v = 0; v < s.kw; ++v) plane[(i * s.stride + u) * s.iw + j * s.stride + v] += g;
      }
  }
}

}  // namespace cnn
