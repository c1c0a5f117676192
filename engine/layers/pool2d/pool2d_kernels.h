// Pooling kernels.
//
//   x [N][C][IH][IW] -> y [N][C][OH][OW],  OH = floor((IH + 2*pad_h - KH) / stride) + 1, OW alike
//   window (i, j) covers rows i*stride - pad_h + [0, KH) and columns j*stride - pad_w + [0, KW),
//   of which only the cells inside the image count (pad <= K / 2 keeps at least one):
//   max:     y = max over the window's cells; argmax[n][c][i][j] = the flat index (yy*IW + xx)
//            of the first largest value in its window, kept for the backward pass.
//   average: y = mean over the window's cells (Keras' padding="same", PyTorch's
//            count_include_pad=False; without padding, the mean over KH*KW).
// Backward: max sends each dy to its argmax only; average spreads dy / cells over the
// window. Overlapping windows (stride < K) add up.
#pragma once

#include <cstdint>
#include <vector>

namespace cnn {

struct Pool2DShape {
  int n, c, ih, iw;
  int kh, kw, stride;
  int oh, ow;
  int pad_h = 0, pad_w = 0;  // last, so that unpadded shapes are written as before
};

void f32_maxpool_fwd__scalar(const Pool2DShape& s, const float* x, float* y, int32_t* argmax);
void f32_maxpool_bwd__scalar(const Pool2DShape& s, const int32_t* argmax, const float* dy, float* dx);
void f32_avgpool_fwd__scalar(const Pool2DShape& s, const float* x, float* y);
void f32_avgpool_bwd__scalar(const Pool2DShape& s, const float* dy, float* dx);
// Four outputs at a time; see pool2d_wasmsimd.cpp for which shapes take the vector path
// (padded windows, used by Inception's 3x3 stride-1 pool branch, take the reference's).
void f32_maxpool_fwd__wasmsimd(const Pool2DShape& s, const float* x, float* y, int32_t* argmax);
void f32_maxpool_bwd__wasmsimd(const Pool2DShape& s, const int32_t* argmax, const float* dy, float* dx);
void f32_avgpool_fwd__wasmsimd(const Pool2DShape& s, const float* x, float* y);
void f32_avgpool_bwd__wasmsimd(const Pool2DShape& s, const float* dy, float* dx);

struct MaxPoolKernel {
  const char* name;
  void (*forward)(const Pool2DShape&, const float*, float*, int32_t*);
  void (*backward)(const Pool2DShape&, const int32_t*, const float*, float*);
};
struct AvgPoolKernel {
  const char* name;
  void (*forward)(const Pool2DShape&, const float*, float*);
  void (*backward)(const Pool2DShape&, const float*, float*);
};

// All variants, the reference first and the one the layers use last.
const std::vector<MaxPoolKernel>& maxpool_kernels();
const std::vector<AvgPoolKernel>& avgpool_kernels();

}  // namespace cnn
