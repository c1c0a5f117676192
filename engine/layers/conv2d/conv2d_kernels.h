// Conv2D kernel variants. Every variant computes the same thing; tests and benchmarks
// iterate over conv2d_kernels(), so a kernel not on this list does not exist.
//
//   x  [N][IC][IH][IW]     w  [OC][IC][KH][KW]     b  [OC]
//   y  [N][OC][OH][OW]     OH = floor((IH + 2*pad_h - KH) / stride) + 1, OW with pad_w, KW
// Cross-correlation, as in every CNN library: y[n][o][i][j] =
//   b[o] + sum_{c,u,v} w[o][c][u][v] * x[n][c][i*stride - pad_h + u][j*stride - pad_w + v],
// with x read as 0 outside the image (zero padding).
#pragma once

#include <cstddef>
#include <vector>

#include "util/count.h"

namespace cnn {

struct Conv2DShape {
  int n, ic, ih, iw;
  int oc, kh, kw, stride, pad_h, pad_w;  // per-axis padding: InceptionV3's 1x7 "same" pads 0x3
  int oh, ow;
};

// workspace: at least workspace_floats(shape) floats, 16-byte aligned (may be null when 0).
// The count is overflow-checked (util/count.h): a hostile spec's shapes can ask for more than
// 64 bits hold, and the memory budget (model/memory.h) reads it before anything is allocated.
using Conv2DForwardFn = void (*)(const Conv2DShape& s, const float* x, const float* w, const float* b,
                                 float* y, float* workspace);
// Writes dw, db (sums over the batch) and dx unless it is null.
using Conv2DBackwardFn = void (*)(const Conv2DShape& s, const float* x, const float* w, const float* dy,
                                  float* dx, float* dw, float* db, float* workspace);

struct Conv2DKernel {
  const char* name;
  Conv2DForwardFn forward;
  Conv2DBackwardFn backward;
  Count (*workspace_floats)(const Conv2DShape& s);
};

// Reference: direct nested loops, the definition above written out.
void f32_conv2d_fwd__scalar(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y, float* workspace);
void f32_conv2d_bwd__scalar(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                            float* dw, float* db, float* workspace);
Count f32_conv2d_workspace__scalar(const Conv2DShape& s);

// im2col per sample, then one matrix product (see conv2d_im2col.cpp for why).
void f32_conv2d_fwd__im2col(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y, float* workspace);
void f32_conv2d_bwd__im2col(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                            float* dw, float* db, float* workspace);
Count f32_conv2d_workspace__im2col(const Conv2DShape& s);

// Four-lane vectors (WebAssembly SIMD128; vector extensions natively), conv2d_wasmsimd.cpp:
// _im2col: vector im2col/col2im and the register-blocked GEMM, any stride;
// plain:   stride 1 reads the padded image in place (implicit im2col), other strides as _im2col.
void f32_conv2d_fwd__wasmsimd_im2col(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y,
                                     float* workspace);
void f32_conv2d_bwd__wasmsimd_im2col(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                                     float* dw, float* db, float* workspace);
Count f32_conv2d_workspace__wasmsimd_im2col(const Conv2DShape& s);
void f32_conv2d_fwd__wasmsimd(const Conv2DShape& s, const float* x, const float* w, const float* b, float* y,
                              float* workspace);
void f32_conv2d_bwd__wasmsimd(const Conv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                              float* dw, float* db, float* workspace);
Count f32_conv2d_workspace__wasmsimd(const Conv2DShape& s);

// All variants, the reference first and the one the layer uses last.
const std::vector<Conv2DKernel>& conv2d_kernels();

}  // namespace cnn
