// Depthwise convolution kernels (MobileNet; PyTorch Conv2d with groups = C): one KHxKW
// kernel per channel, no mixing across channels.
//
//   x  [N][C][IH][IW]     w  [C][KH][KW] (PyTorch's [C][1][KH][KW])     b  [C]
//   y  [N][C][OH][OW]     OH = floor((IH + 2*pad_h - KH) / stride) + 1, OW with pad_w, KW
//   y[n][c][i][j] = b[c] + sum_{u,v} w[c][u][v] * x[n][c][i*stride - pad_h + u][j*stride - pad_w + v]
// with x read as 0 outside the image. Backward writes dw, db (sums over the batch) and dx
// unless it is null.
#pragma once

#include <vector>

#include "util/count.h"

namespace cnn {

struct DwConv2DShape {
  int n, c, ih, iw;
  int kh, kw, stride, pad_h, pad_w;
  int oh, ow;
};

using DwConv2DForwardFn = void (*)(const DwConv2DShape& s, const float* x, const float* w, const float* b, float* y,
                                   float* workspace);
using DwConv2DBackwardFn = void (*)(const DwConv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                                    float* dw, float* db, float* workspace);

struct DwConv2DKernel {
  const char* name;
  DwConv2DForwardFn forward;
  DwConv2DBackwardFn backward;
  Count (*workspace_floats)(const DwConv2DShape& s);
};

// Reference: the definition above as nested loops.
void f32_dwconv2d_fwd__scalar(const DwConv2DShape& s, const float* x, const float* w, const float* b, float* y,
                              float* workspace);
void f32_dwconv2d_bwd__scalar(const DwConv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                              float* dw, float* db, float* workspace);
Count f32_dwconv2d_workspace__scalar(const DwConv2DShape& s);

// Four output columns at a time on a zero-bordered copy of each plane (dwconv2d_wasmsimd.cpp).
void f32_dwconv2d_fwd__wasmsimd(const DwConv2DShape& s, const float* x, const float* w, const float* b, float* y,
                                float* workspace);
void f32_dwconv2d_bwd__wasmsimd(const DwConv2DShape& s, const float* x, const float* w, const float* dy, float* dx,
                                float* dw, float* db, float* workspace);
Count f32_dwconv2d_workspace__wasmsimd(const DwConv2DShape& s);

// All variants, the reference first and the one the layer uses last.
const std::vector<DwConv2DKernel>& dwconv2d_kernels();

}  // namespace cnn
