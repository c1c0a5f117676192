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
// The driver (conv2d_fwd_im2col, conv2d_bwd_im2col) takes its data movement and products as a
// Conv2DIm2colOps, so f32_conv2d_*__wasmsimd_im2col runs the same loop with vector routines.
#include <cstring>

#include "layers/conv2d/conv2d_im2col.h"

namespace cnn {
namespace {

// cols[(c*KH + u)*KW + v][i*OW + j] = x[c][i*stride - pad_h + u][j*stride - pad_w + v] (0 outside).
void im2col(const Conv2DShape& s, const float* x, float* cols) {
  const int P = s.oh * s.ow;
  for (int c = 0; c < s.ic; ++c)
    for (int u = 0; u < s.kh; ++u)
      for (int v = 0; v < s.kw; ++v) {
        float* row = cols + ((c * s.kh + u) * s.kw + v) * P;
        const float* plane = x + c * s.ih * s.iw;
        for (int i = 0; i < s.oh; ++i) {
          const int yy = i * s.stride - s.pad_h + u;
          float* out = row + i * s.ow;
          if (yy < 0 || yy >= s.ih) {
            std::memset(out, 0, sizeof(float) * s.ow);
            continue;
          }
          const float* in = plane + yy * s.iw;
          for (int j = 0; j < s.ow; ++j) {
            const int xx = j * s.stride - s.pad_w + v;
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
          const int yy = i * s.stride - s.pad_h + u;
          if (yy < 0 || yy >= s.ih) continue;
          const float* in = row + i * s.ow;
          float* out = plane + yy * s.iw;
          for (int j = 0; j < s.ow; ++j) {
            const int xx = j * s.stride - s.pad_w + v;
            if (xx >= 0 && xx < s.iw) out[xx] += in[j];
          }
        }
      }
}

// Plain loops: this variant keeps to portable C++ throughout.
void fill_row(float* dst, float value, int n) {
  for (int j = 0; j < n; ++j) dst[j] = value;
}

float sum_row(const float* src, int n) {
  float sum = 0.0f;
  for (int j = 0; j < n; ++j) sum += src[j];
  return sum;
}

const Conv2DIm2colOps kPortableOps = {im2col, col2im_add, fill_row, sum_row,
                                      f32_gemm_nn__portable, f32_gemm_nt__portable, f32_gemm_tn__portable};

}  // namespace

Count conv2d_im2col_workspace(const Conv2DShape& s) {
  return Count(2) * s.ic * s.kh * s.kw * s.oh * s.ow;  // cols + dcols
}

void conv2d_fwd_im2col(const Conv2DIm2colOps& ops, const Conv2DShape& s, const float* x, const float* w,
                       const float* b, float* y, float* workspace) {
  const int K = s.ic * s.kh * s.kw, P = s.oh * s.ow;
  float* cols = workspace;
  for (int n = 0; n < s.n; ++n) {
    ops.im2col(s, x + n * s.ic * s.ih * s.iw, cols);
    float* yn = y + n * s.oc * P;
    for (int o = 0; o < s.oc; ++o) ops.fill_row(yn + o * P, b[o], P);
    ops.gemm_nn(s.oc, P, K, w, K, cols, P, yn, P, /*accumulate=*/true);
  }
}

void conv2d_bwd_im2col(const Conv2DIm2colOps& ops, const Conv2DShape& s, const float* x, const float* w,
                       const float* dy, float* dx, float* dw, float* db, float* workspace) {
  const int K = s.ic * s.kh * s.kw, P = s.oh * s.ow;
  float* cols = workspace;
  float* dcols = workspace + size_t(K) * P;
  std::memset(db, 0, sizeof(float) * s.oc);
  if (s.n == 0) std::memset(dw, 0, sizeof(float) * s.oc * K);
  for (int n = 0; n < s.n; ++n) {
    const float* dyn = dy + n * s.oc * P;
    for (int o = 0; o < s.oc; ++o) db[o] += ops.sum_row(dyn + o * P, P);
    ops.im2col(s, x + n * s.ic * s.ih * s.iw, cols);
    ops.gemm_nt(s.oc, K, P, dyn, P, cols, P, dw, K, /*accumulate=*/n > 0);
    if (dx) {
      float* dxn = dx + n * s.ic * s.ih * s.iw;
      std::memset(dxn, 0, sizeof(float) * s.ic * s.ih * s.iw);
      ops.gemm_tn(K, P, s.oc, w, K, dyn, P, dcols, P, /*accumulate=*/false);
      ops.col2im_add(s, dcols, dxn);
    }
  }
}

Count f32_conv2d_workspace__im2col(const Conv2DShape& s) { return conv2d_im2col_workspace(s); }

void f32_conv2d_fwd__im2col(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y,
                            float* workspace) {
  conv2d_fwd_im2col(kPortableOps, s, x, w, b, y, workspace);
}

void f32_conv2d_bwd__im2col(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                            float* dw, float* db, float* workspace) {
  conv2d_bwd_im2col(kPortableOps, s, x, w, dy, dx, dw, db, workspace);
}

}  // namespace cnn
