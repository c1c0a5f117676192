// Conv2D reference: the definition in conv2d_kernels.h as plain loops, forward then
// backward. Slow on purpose: it is what the fast kernels are tested against.
#include <cstring>

#include "layers/conv2d/conv2d_kernels.h"

namespace cnn {

Count f32_conv2d_workspace__scalar(const Conv2DShape&) { return 0; }

void f32_conv2d_fwd__scalar(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y,
                            float* /*workspace*/) {
  for (int n = 0; n < s.n; ++n)
    for (int o = 0; o < s.oc; ++o)
      for (int i = 0; i < s.oh; ++i)
        for (int j = 0; j < s.ow; ++j) {
          float sum = b[o];
          for (int c = 0; c < s.ic; ++c)
            for (int u = 0; u < s.kh; ++u) {
              int yy = i * s.stride - s.pad_h + u;
              if (yy < 0 || yy >= s.ih) continue;
              for (int v = 0; v < s.kw; ++v) {
                int xx = j * s.stride - s.pad_w + v;
                if (xx < 0 || xx >= s.iw) continue;
                sum += w[((o * s.ic + c) * s.kh + u) * s.kw + v] * x[((n * s.ic + c) * s.ih + yy) * s.iw + xx];
              }
            }
          y[((n * s.oc + o) * s.oh + i) * s.ow + j] = sum;
        }
}

void f32_conv2d_bwd__scalar(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                            float* dw, float* db, float* /*workspace*/) {
  std::memset(dw, 0, sizeof(float) * s.oc * s.ic * s.kh * s.kw);
  std::memset(db, 0, sizeof(float) * s.oc);
  if (dx) std::memset(dx, 0, sizeof(float) * s.n * s.ic * s.ih * s.iw);
  for (int n = 0; n < s.n; ++n)
    for (int o = 0; o < s.oc; ++o)
      for (int i = 0; i < s.oh; ++i)
        for (int j = 0; j < s.ow; ++j) {
          const float g = dy[((n * s.oc + o) * s.oh + i) * s.ow + j];
          db[o] += g;
          for (int c = 0; c < s.ic; ++c)
            for (int u = 0; u < s.kh; ++u) {
              int yy = i * s.stride - s.pad_h + u;
              if (yy < 0 || yy >= s.ih) continue;
              for (int v = 0; v < s.kw; ++v) {
                int xx = j * s.stride - s.pad_w + v;
                if (xx < 0 || xx >= s.iw) continue;
                const int wi = ((o * s.ic + c) * s.kh + u) * s.kw + v;
                const int xi = ((n * s.ic + c) * s.ih + yy) * s.iw + xx;
                dw[wi] += g * x[xi];
                if (dx) dx[xi] += g * w[wi];
              }
            }
        }
}

}  // namespace cnn
