// Conv2D with four-lane vectors and the register-blocked GEMM of gemm_wasmsimd.cpp.
//
// How it differs from the scalar reference (conv2d_scalar.cpp) and from conv2d_im2col.cpp:
// the convolution is lowered to matrix products (K = IC*KH*KW, P = OH*OW), one sample at a
// time, run by f32_gemm_*__wasmsimd, and the data movement around them is vectorized.
//   f32_conv2d_*__wasmsimd_im2col (any stride): conv2d_im2col.cpp's driver, given vector routines:
//     forward   y_n[OC][P]   = w[OC][K] * cols[K][P] + b             (nn)
//     backward  dw[OC][K]   += dy_n[OC][P] * cols[K][P]^T            (nt, dot products along P)
//               dcols[K][P]  = w[OC][K]^T * dy_n[OC][P]              (tn), then col2im into dx_n
//     im2col/col2im move row segments: for stride 1 the valid part of each row of cols is a
//     shifted copy of an input row (vector loads/stores, zeros at the padded edges written
//     separately); other strides gather with the valid range computed once per row.
//   f32_conv2d_*__wasmsimd (the layers' choice): stride 1 skips im2col. Row k = (c, u, v) of
//     cols is the zero-padded image shifted by a fixed offset, if the output is laid out on
//     rows as wide as the padded image; the GEMM reads those rows in place through an offset
//     table (f32_gemm_*_gather__wasmsimd) and computes (WP - OW) dropped columns per output
//     row. Other strides fall back to _im2col.
// Why, measured in Node 20 on LeNet-5 at batch 64 (best of 40 calls, ms per batch; the
// machine shared with other jobs, so only the ratios are meaningful):
//                                      im2col + GEMM     implicit (wide rows)
//   conv1 28x28x1 -> 6, 5x5 same  fwd       0.85              0.41   (14% dropped columns)
//                                 bwd       1.05              0.73   (dw only: first layer)
//   conv2 14x14x6 -> 16, 5x5      fwd       1.37              0.80   (36% dropped columns)
//                                 bwd       3.60              2.70
// Copying K*P floats costs more than the dropped columns, even at 36%. The GEMMs inside reach
// 35-55 GFLOP/s against a measured f32x4 peak of about 50-56.
// Per sample rather than one cols[K][N*P] for the whole batch: the batched product for conv1
// (6 x 50176 x 25) ran at 14.6 GFLOP/s against 23.4 per sample (6 x 784 x 25), its operand no
// longer fitting in cache; and the workspace stays small and fixed (it does not grow with the
// batch, nor with batch-1000 inference), with y coming out directly in NCHW order.
#include <algorithm>
#include <cstring>

#include "gemm/gemm.h"
#include "layers/conv2d/conv2d_im2col.h"
#include "simd/simd_f32.h"

namespace cnn {
namespace {

// dst[0..n) = src[0..n)
inline void copy_row(float* dst, const float* src, int n) {
  int j = 0;
  for (; j + 4 <= n; j += 4) f32x4_store(dst + j, f32x4_load(src + j));
  for (; j < n; ++j) dst[j] = src[j];
}

// dst[0..n) += src[0..n)
inline void add_row(float* dst, const float* src, int n) {
  int j = 0;
  for (; j + 4 <= n; j += 4) f32x4_store(dst + j, f32x4_add(f32x4_load(dst + j), f32x4_load(src + j)));
  for (; j < n; ++j) dst[j] += src[j];
}

inline void fill_row(float* dst, float value, int n) {
  const f32x4 v = f32x4_splat(value);
  int j = 0;
  for (; j + 4 <= n; j += 4) f32x4_store(dst + j, v);
  for (; j < n; ++j) dst[j] = value;
}

inline float sum_row(const float* src, int n) {
  f32x4 acc = f32x4_zero();
  int j = 0;
  for (; j + 4 <= n; j += 4) acc = f32x4_add(acc, f32x4_load(src + j));
  float sum = f32x4_hsum(acc);
  for (; j < n; ++j) sum += src[j];
  return sum;
}

// Output columns j whose input column j*stride - pad_w + v lies inside [0, iw): [lo, hi).
inline void valid_columns(const Conv2DShape& s, int v, int* lo, int* hi) {
  const int first = s.pad_w - v;  // smallest j*stride that lands on column 0
  *lo = first <= 0 ? 0 : (first + s.stride - 1) / s.stride;
  const int last = s.iw - 1 + s.pad_w - v;  // largest j*stride that lands inside
  *hi = last < 0 ? 0 : std::min(s.ow, last / s.stride + 1);
  if (*hi < *lo) *hi = *lo;
}

// cols[(c*KH + u)*KW + v][i*OW + j] = x[c][i*stride - pad_h + u][j*stride - pad_w + v] (0 outside).
void im2col(const Conv2DShape& s, const float* x, float* cols) {
  const int P = s.oh * s.ow;
  for (int c = 0; c < s.ic; ++c)
    for (int u = 0; u < s.kh; ++u)
      for (int v = 0; v < s.kw; ++v) {
        float* row = cols + ((c * s.kh + u) * s.kw + v) * P;
        const float* plane = x + c * s.ih * s.iw;
        int lo, hi;
        valid_columns(s, v, &lo, &hi);
        for (int i = 0; i < s.oh; ++i) {
          const int yy = i * s.stride - s.pad_h + u;
          float* out = row + i * s.ow;
          if (yy < 0 || yy >= s.ih) {
            std::memset(out, 0, sizeof(float) * s.ow);
            continue;
          }
          const float* in = plane + yy * s.iw;
          const int off = v - s.pad_w;  // output column j reads input column j*stride + off
          for (int j = 0; j < lo; ++j) out[j] = 0.0f;
          if (s.stride == 1) {
            if (hi > lo) copy_row(out + lo, in + lo + off, hi - lo);
          } else {
            for (int j = lo; j < hi; ++j) out[j] = in[j * s.stride + off];
          }
          for (int j = hi; j < s.ow; ++j) out[j] = 0.0f;
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
        int lo, hi;
        valid_columns(s, v, &lo, &hi);
        for (int i = 0; i < s.oh; ++i) {
          const int yy = i * s.stride - s.pad_h + u;
          if (yy < 0 || yy >= s.ih) continue;
          const float* in = row + i * s.ow;
          float* out = plane + yy * s.iw;
          const int off = v - s.pad_w;
          if (s.stride == 1) {
            if (hi > lo) add_row(out + lo + off, in + lo, hi - lo);
          } else {
            for (int j = lo; j < hi; ++j) out[j * s.stride + off] += in[j];
          }
        }
      }
}

const Conv2DIm2colOps kWasmsimdOps = {im2col, col2im_add, fill_row, sum_row,
                                      f32_gemm_nn__wasmsimd_4x8, f32_gemm_nt__wasmsimd_4x2, f32_gemm_tn__wasmsimd_4x8};

}  // namespace

Count f32_conv2d_workspace__wasmsimd_im2col(const Conv2DShape& s) { return conv2d_im2col_workspace(s); }

void f32_conv2d_fwd__wasmsimd_im2col(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y,
                                     float* workspace) {
  conv2d_fwd_im2col(kWasmsimdOps, s, x, w, b, y, workspace);
}

void f32_conv2d_bwd__wasmsimd_im2col(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                                     float* dw, float* db, float* workspace) {
  conv2d_bwd_im2col(kWasmsimdOps, s, x, w, dy, dx, dw, db, workspace);
}

namespace {

// Stride 1 without im2col. Pad the image once into xpad[IC][HP][WP] (HP = IH + 2*pad_h,
// WP = IW + 2*pad_w) and compute the output on "wide" rows of WP columns: output (i, j) sits
// at q = i*WP + j, and window element k = (c, u, v) of every output is xpad at
// off[k] + q, with off[k] = (c*HP + u)*WP + v. So row k of the im2col matrix is simply the
// padded image shifted by off[k]: the GEMM reads it in place (f32_gemm_*_gather), no copy.
// The WP - OW columns between output rows are computed and dropped: Q = (OH-1)*WP + OW
// columns instead of OH*OW.
struct Wide {
  int hp, wp, q;
  size_t xpad, out;  // floats in the padded image, in the [OC][Q] output
};

Wide wide_layout(const Conv2DShape& s) {
  Wide L;
  L.hp = s.ih + 2 * s.pad_h;
  L.wp = s.iw + 2 * s.pad_w;
  L.q = (s.oh - 1) * L.wp + s.ow;
  L.xpad = size_t(s.ic) * L.hp * L.wp;
  L.out = size_t(s.oc) * L.q;
  return L;
}

// Workspace: xpad | [OC][Q] wide output or its gradient | dcols [K][Q] | offsets (K int32).
struct WideWorkspace {
  float* xpad;
  float* out;
  float* dcols;
  int32_t* off;
};

WideWorkspace wide_workspace(const Conv2DShape& s, const Wide& L, float* workspace) {
  const size_t K = size_t(s.ic) * s.kh * s.kw;
  WideWorkspace ws;
  ws.xpad = workspace;
  ws.out = ws.xpad + L.xpad;
  ws.dcols = ws.out + L.out;
  ws.off = reinterpret_cast<int32_t*>(ws.dcols + K * L.q);
  for (int c = 0; c < s.ic; ++c)
    for (int u = 0; u < s.kh; ++u)
      for (int v = 0; v < s.kw; ++v) ws.off[(c * s.kh + u) * s.kw + v] = (c * L.hp + u) * L.wp + v;
  return ws;
}

// The sample's image with its zero border (or the image itself when there is no padding).
const float* padded(const Conv2DShape& s, const Wide& L, const float* xn, float* xpad) {
  if (s.pad_h == 0 && s.pad_w == 0) return xn;
  std::memset(xpad, 0, sizeof(float) * L.xpad);
  for (int c = 0; c < s.ic; ++c)
    for (int i = 0; i < s.ih; ++i)
      copy_row(xpad + (c * L.hp + i + s.pad_h) * L.wp + s.pad_w, xn + (c * s.ih + i) * s.iw, s.iw);
  return xpad;
}

Count wide_workspace_floats(const Conv2DShape& s) {
  const Count hp = Count(s.ih) + Count(2) * s.pad_h, wp = Count(s.iw) + Count(2) * s.pad_w;
  const Count q = Count(s.oh - 1) * wp + s.ow;
  const Count K = Count(s.ic) * s.kh * s.kw;
  // Wide's xpad + out, then dcols [K][Q], then the int32 offsets (one float slot each).
  return Count(s.ic) * hp * wp + Count(s.oc) * q + K * q + K;
}

// The implicit layout wastes (WP - OW) / WP of the GEMM's columns; im2col copies K*P floats.
// Measured in Node on LeNet-5 (batch 64, ms per batch, forward / backward with dx):
//   conv1 28x28x1 -> 6, 5x5 same (WP 32, OW 28):   see engine/bench and the report
//   conv2 14x14x6 -> 16, 5x5 valid (WP 14, OW 10):  see engine/bench and the report
bool use_wide(const Conv2DShape& s) { return s.stride == 1; }

}  // namespace

Count f32_conv2d_workspace__wasmsimd(const Conv2DShape& s) {
  return use_wide(s) ? wide_workspace_floats(s) : f32_conv2d_workspace__wasmsimd_im2col(s);
}

void f32_conv2d_fwd__wasmsimd(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y,
                              float* workspace) {
  if (!use_wide(s)) return f32_conv2d_fwd__wasmsimd_im2col(s, x, w, b, y, workspace);
  const int K = s.ic * s.kh * s.kw, P = s.oh * s.ow;
  const Wide L = wide_layout(s);
  const WideWorkspace ws = wide_workspace(s, L, workspace);
  for (int n = 0; n < s.n; ++n) {
    const float* src = padded(s, L, x + n * s.ic * s.ih * s.iw, ws.xpad);
    f32_gemm_nn_gather__wasmsimd_4x8(s.oc, L.q, K, w, K, src, ws.off, ws.out, L.q, /*accumulate=*/false);
    float* yn = y + n * s.oc * P;
    for (int o = 0; o < s.oc; ++o) {  // drop the columns between rows, add the bias
      const f32x4 bias = f32x4_splat(b[o]);
      for (int i = 0; i < s.oh; ++i) {
        const float* in = ws.out + o * L.q + i * L.wp;
        float* out = yn + (o * s.oh + i) * s.ow;
        int j = 0;
        for (; j + 4 <= s.ow; j += 4) f32x4_store(out + j, f32x4_add(f32x4_load(in + j), bias));
        for (; j < s.ow; ++j) out[j] = in[j] + b[o];
      }
    }
  }
}

void f32_conv2d_bwd__wasmsimd(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                              float* dw, float* db, float* workspace) {
  if (!use_wide(s)) return f32_conv2d_bwd__wasmsimd_im2col(s, x, w, dy, dx, dw, db, workspace);
  const int K = s.ic * s.kh * s.kw, P = s.oh * s.ow;
  const Wide L = wide_layout(s);
  const WideWorkspace ws = wide_workspace(s, L, workspace);
  float* dout = ws.out;  // dy on wide rows, zero in the dropped columns
  std::memset(dout, 0, sizeof(float) * L.out);
  std::memset(db, 0, sizeof(float) * s.oc);
  if (s.n == 0) std::memset(dw, 0, sizeof(float) * s.oc * K);
  for (int n = 0; n < s.n; ++n) {
    const float* dyn = dy + n * s.oc * P;
    for (int o = 0; o < s.oc; ++o) {
      db[o] += sum_row(dyn + o * P, P);
      for (int i = 0; i < s.oh; ++i) copy_row(dout + o * L.q + i * L.wp, dyn + (o * s.oh + i) * s.ow, s.ow);
    }
    const float* src = padded(s, L, x + n * s.ic * s.ih * s.iw, ws.xpad);
    // dw[o][k] += sum_q dout[o][q] * xpad[off[k] + q]: dot products along the wide rows.
    f32_gemm_nt_gather__wasmsimd_4x2(s.oc, K, L.q, dout, L.q, src, ws.off, dw, K, /*accumulate=*/n > 0);
    if (dx) {
      // dcols = w^T * dout, then each row k adds back onto the padded image at off[k] (the
      // adjoint of the gathered read): long contiguous rows, where col2im adds OH short ones.
      // Fusing these adds into the product's stores measured slower (conv2 backward 3.5 ms
      // per batch against 2.7): rows one float apart defeat store-to-load forwarding.
      f32_gemm_tn__wasmsimd_4x8(K, L.q, s.oc, w, K, dout, L.q, ws.dcols, L.q, /*accumulate=*/false);
      float* dxn = dx + n * s.ic * s.ih * s.iw;
      const bool unpadded = s.pad_h == 0 && s.pad_w == 0;
      float* dpad = unpadded ? dxn : ws.xpad;  // x's padded copy is no longer needed
      std::memset(dpad, 0, sizeof(float) * (unpadded ? size_t(s.ic) * s.ih * s.iw : L.xpad));
      for (int k = 0; k < K; ++k) add_row(dpad + ws.off[k], ws.dcols + k * L.q, L.q);
      if (!unpadded)
        for (int c = 0; c < s.ic; ++c)
          for (int i = 0; i < s.ih; ++i)
            copy_row(dxn + (c * s.ih + i) * s.iw, dpad + (c * L.hp + i + s.pad_h) * L.wp + s.pad_w, s.iw);
    }
  }
}

}  // namespace cnn
