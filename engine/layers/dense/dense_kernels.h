// Dense (fully connected) kernels.
//
//   x [N][IN]   w [OUT][IN]   b [OUT]   y [N][OUT]
//   forward:  y[n][o] = b[o] + sum_i w[o][i] * x[n][i]
//   backward: dw[o][i] = sum_n dy[n][o] * x[n][i];  db[o] = sum_n dy[n][o]
//             dx[n][i] = sum_o dy[n][o] * w[o][i]   (skipped when dx is null)
#pragma once

#include <vector>

namespace cnn {

struct DenseShape {
  int n, in, out;
};

void f32_dense_fwd__scalar(const DenseShape& s, const float* x, const float* w, const float* b, float* y);
void f32_dense_bwd__scalar(const DenseShape& s, const float* x, const float* w, const float* dy, float* dx,
                           float* dw, float* db);
void f32_dense_fwd__gemm(const DenseShape& s, const float* x, const float* w, const float* b, float* y);
void f32_dense_bwd__gemm(const DenseShape& s, const float* x, const float* w, const float* dy, float* dx,
                         float* dw, float* db);
// The same products through the four-lane GEMM (dense_wasmsimd.cpp).
void f32_dense_fwd__wasmsimd(const DenseShape& s, const float* x, const float* w, const float* b, float* y);
void f32_dense_bwd__wasmsimd(const DenseShape& s, const float* x, const float* w, const float* dy, float* dx,
                             float* dw, float* db);

struct DenseKernel {
  const char* name;
  void (*forward)(const DenseShape&, const float*, const float*, const float*, float*);
  void (*backward)(const DenseShape&, const float*, const float*, const float*, float*, float*, float*);
};

// The reference first, the one the layer uses last.
const std::vector<DenseKernel>& dense_kernels();

}  // namespace cnn
