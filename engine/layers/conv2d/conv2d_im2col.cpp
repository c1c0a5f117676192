// Conv2D as im2col + GEMM, one sample at a time.
//
// Why: LeNet-sized convolutions have few channels, so direct loops spend their time on
// index arithmetic and bounds checks. Unrolling each sample's receptive fields into
// cols[K = IC*KH*KW][P = OH*OW] turns the layer into one matrix product with long,
// contiguous rows (P = 784 for LeNet's conv1), which vectorizes well. The cost is
// K*P floats of workspace, sized once when the layer is built.
//
//   forward:   y_n[OC][P]  = w[OC][K] * cols[K][P] + b
//   backward:  dw[OC][K]  += dy_n[OC][P] * cols[K][P]^T
//              dcols[K][P] = w[OC][K]^T * dy_n[OC][P], then col2im adds dcols into dx_n
#include <cstring>

#include "gemm/gemm.h"
#include "layers/conv2d/conv2d_kernels.h"

namespace cnn {
namespace {

// cols[(c*KH + u)*KW + v][i*OW + j] = x[c][i*stride - pad + u][j*stride - pad + v] (0 outside).
void im2col(const Conv2DShape& s, const float* x, float* cols) {
  const int P = s.oh * s.ow;
  for (int c = 0; c < s.ic; ++c)
    for (int u = 0; u < s.kh; ++u)
      for (int v = 0; v < s.kw; ++v) {
        float* row = cols + ((c * s.kh + u) * s.kw + v) * P;
        const float* plane = x + c * s.ih * s.iw;
        for (int i = 0; i < s.oh; ++i) {
          const int yy = i * s.stride - s.pad + u;
          float* out = row + i * s.ow;
          if (yy < 0 || yy >= s.ih) {
            std::memset(out, 0, sizeof(float) * s.ow);
            continue;
          }
          const float* in = plane + yy * s.iw;
          for (int j = 0; j < s.ow; ++j) {
            const int xx = j * s.stride - s.pad + v;
            out[j] = (xx >= 0 && xx < s.iw) ? in[xx] : 0.0f;
          }
        }
      }
}

// The adjoint of im2col: adds every column entry back onto the pixel it was read from.
void col2im_add(const Conv2DShape& s, const float* cols, float* dx) {
  const int P = s.oh * s.ow;
  for (int c = 0; c < s.ic; ++c)
    for (int u = 0; u < s.kh; ++u)
      for (int v = 0; v < s.kw; ++v) {
        const float* row = cols + ((c * s.kh + u) * s.kw + v) * P;
        float* plane = dx + c * s.ih * s.iw;
        for (int i = 0; i < s.oh; ++i) {
          const int yy = i * s.stride - s.pad + u;
          if (yy < 0 || yy >= s.ih) continue;
          const float* in = row + i * s.ow;
          float* out = plane + yy * s.iw;
          for (int j = 0; j < s.ow; ++j) {
            const int xx = j * s.stride - s.pad + v;
            if (xx >= 0 && xx < s.iw) out[xx] += in[j];
          }
        }
      }
}

}  // namespace

size_t f32_conv2d_workspace__im2col(const Conv2DShape& s) {
  return 2 * size_t(s.ic) * s.kh * s.kw * s.oh * s.ow;  // cols + dcols
}

void f32_conv2d_fwd__im2col(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y,
                            float* workspace) {
  const int K = s.ic * s.kh * s.kw, P = s.oh * s.ow;
  float* cols = workspace;
  for (int n = 0; n < s.n; ++n) {
    im2col(s, x + n * s.ic * s.ih * s.iw, cols);
    float* yn = y + n * s.oc * P;
    for (int o = 0; o < s.oc; ++o)
      for (int p = 0; p < P; ++p) yn[o * P + p] = b[o];
    f32_gemm_nn__portable(s.oc, P, K, w, K, cols, P, yn, P, /*accumulate=*/true);
  }
}

void f32_conv2d_bwd__im2col(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                            float* dw, float* db, float* workspace) {
  const int K = s.ic * s.kh * s.kw, P = s.oh * s.ow;
  float* cols = workspace;
  float* dcols = workspace + size_t(K) * P;
  std::memset(db, 0, sizeof(float) * s.oc);
  for (int n = 0; n < s.n; ++n) {
    const float* dyn = dy + n * s.oc * P;
    for (int o = 0; o < s.oc; ++o) {
      float sum = 0.0f;
      for (int p = 0; p < P; ++p) sum += dyn[o * P + p];
      db[o] += sum;
    }
    im2col(s, x + n * s.ic * s.ih * s.iw, cols);
    f32_gemm_nt__portable(s.oc, K, P, dyn, P, cols, P, dw, K, /*accumulate=*/n > 0);
    if (dx) {
      float* dxn = dx + n * s.ic * s.ih * s.iw;
      std::memset(dxn, 0, sizeof(float) * s.ic * s.ih * s.iw);
      f32_gemm_tn__portable(K, P, s.oc, w, K, dyn, P, dcols, P, /*accumulate=*/false);
      col2im_add(s, dcols, dxn);
    }
  }
  if (s.n == 0) std::memset(dw, 0, sizeof(float) * s.oc * K);
}

}  // namespace cnn
