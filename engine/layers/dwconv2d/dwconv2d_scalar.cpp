// Depthwise convolution reference: the definition in dwconv2d_kernels.h as plain loops.
#include <cstring>

#include "layers/dwconv2d/dwconv2d_kernels.h"

namespace cnn {

Count f32_dwconv2d_workspace__scalar(const DwConv2DShape&) { return 0; }

void f32_dwconv2d_fwd__scalar(const DwConv2DShape& s, const float* x, const float* w, const float* b, float* y,
                              float* /*workspace*/) {
  for (int n = 0; n < s.n; ++n)
    for (int c = 0; c < s.c; ++c) {
      const float* plane = x + (n * s.c + c) * s.ih * s.iw;
      const float* k = w + c * s.kh * s.kw;
      for (int i = 0; i < s.oh; ++i)
        for (int j = 0; j < s.ow; ++j) {
          float sum = b[c];
          for (int u = 0; u < s.kh; ++u) {
            const int yy = i * s.stride - s.pad_h + u;
            if (yy < 0 || yy >= s.ih) continue;
            for (int v = 0; v < s.kw; ++v) {
              const int xx = j * s.stride - s.pad_w + v;
              if (xx < 0 || xx >= s.iw) continue;
              sum += k[u * s.kw + v] * plane[yy * s.iw + xx];
            }
          }
          y[((n * s.c + c) * s.oh + i) * s.ow + j] = sum;
        }
    }
}

void f32_dwconv2d_bwd__scalar(const DwConv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                              float* dw, float* db, float* /*workspace*/) {
  std::memset(dw, 0, sizeof(float) * s.c * s.kh * s.kw);
  std::memset(db, 0, sizeof(float) * s.c);
  if (dx) std::memset(dx, 0, sizeof(float) * s.n * s.c * s.ih * s.iw);
  for (int n = 0; n < s.n; ++n)
    for (int c = 0; c < s.c; ++c) {
      const int plane = (n * s.c + c) * s.ih * s.iw;
      for (int i = 0; i < s.oh; ++i)
        for (int j = 0; j < s.ow; ++j) {
          const float g = dy[((n * s.c + c) * s.oh + i) * s.ow + j];
          db[c] += g;
          for (int u = 0; u < s.kh; ++u) {
            const int yy = i * s.stride - s.pad_h + u;
            if (yy < 0 || yy >= s.ih) continue;
            for (int v = 0; v < s.kw; ++v) {
              const int xx = j * s.stride - s.pad_w + v;
              if (xx < 0 || xx >= s.iw) continue;
              const int wi = (c * s.kh + u) * s.kw + v;
              dw[wi] += g * x[plane + yy * s.iw + xx];
              if (dx) dx[plane + yy * s.iw + xx] += g * w[wi];
            }
          }
        }
    }
}

}  // namespace cnn
