// The im2col + GEMM convolution driver, shared by f32_conv2d_*__im2col (conv2d_im2col.cpp)
// and f32_conv2d_*__wasmsimd_im2col (conv2d_wasmsimd.cpp): one per-sample loop, run with
// each variant's own data movement and matrix products.
//
//   cols [K = IC*KH*KW][P = OH*OW], one sample; see conv2d_im2col.cpp for the layout.
#pragma once

#include <cstddef>

#include "gemm/gemm.h"
#include "layers/conv2d/conv2d_kernels.h"

namespace cnn {

struct Conv2DIm2colOps {
  void (*im2col)(const Conv2DShape& s, const float* x_n, float* cols);  // cols = unrolled x_n
  void (*col2im_add)(const Conv2DShape& s, const float* cols, float* dx_n);  // dx_n += folded cols
  void (*fill_row)(float* dst, float value, int n);                          // dst[0..n) = value
  float (*sum_row)(const float* src, int n);                                 // sum of src[0..n)
  GemmFn gemm_nn, gemm_nt, gemm_tn;
};

// Workspace: cols + dcols, one sample's worth each.
Count conv2d_im2col_workspace(const Conv2DShape& s);
void conv2d_fwd_im2col(const Conv2DIm2colOps& ops, const Conv2DShape& s, const float* x, const float* w,
                       const float* b, float* y, float* workspace);
void conv2d_bwd_im2col(const Conv2DIm2colOps& ops, const Conv2DShape& s, const float* x, const float* w,
                       const float* dy, float* dx, float* dw, float* db, float* workspace);

}  // namespace cnn
