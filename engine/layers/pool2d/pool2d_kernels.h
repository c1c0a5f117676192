// Pooling kernels, no padding.
//
//   x [N][C][IH][IW] -> y [N][C][OH][OW],  OH = floor((IH - KH) / stride) + 1, same for OW
//   max:     y = max over the KHxKW window; argmax[n][c][i][j] = the flat index (yy*IW + xx)
//            of the first largest value in its window, kept for the backward pass.
//   average: y = mean over the window.
// Backward: max sends each dy to its argmax only; average spreads dy / (KH*KW) over the
// window. Overlapping windows (stride < K) add up.
#pragma once

#include <cstdint>
#include <vector>

namespace cnn {

struct Pool2DShape {
  int n, c, ih, iw;
  int kh, kw, stride;
  int oh, ow;
};

void f32_maxpool_fwd__scalar(const Pool2DShape& s, const float* x, float* y, int32_t* argmax);
void f32_maxpool_bwd__scalar(const Pool2DShape& s, const int32_t* argmax, const float* dy, float* dx);
void f32_avgpool_fwd__scalar(const Pool2DShape& s, const float* x, float* y);
void f32_avgpool_bwd__scalar(const Pool2DShape& s, const float* dy, float* dx);
// Four outputs at a time; see pool2d_wasmsimd.cpp for which shapes take the vector path.
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
