// Dense reference kernels: the sums in dense_kernels.h as plain loops.
#include "layers/dense/dense_kernels.h"

namespace cnn {

void f32_dense_fwd__scalar(const DenseShape& s, const float* x, const float* w, const float* b, float* y) {
  for (int n = 0; n < s.n; ++n)
    for (int o = 0; o < s.out; ++o) {
      float sum = b[o];
      for (int i = 0; i < s.in; ++i) sum += w[o * s.in + i] * x[n * s.in + i];
      y[n * s.out + o] = sum;
    }
}

void f32_dense_bwd__scalar(const DenseShape& s, const float* x, const float* w, const float* dy, float* dx,
                           float* dw, float* db) {
  for (int o = 0; o < s.out; ++o) {
    float sum = 0.0f;
    for (int n = 0; n < s.n; ++n) sum += dy[n * s.out + o];
    db[o] = sum;
    for (int i = 0; i < s.in; ++i) {
      float g = 0.0f;
      for (int n = 0; n < s.n; ++n) g += dy[n * s.out + o] * x[n * s.in + i];
      dw[o * s.in + i] = g;
    }
  }
  if (!dx) return;
  for (int n = 0; n < s.n; ++n)
    for (int i = 0; i < s.in; ++i) {
      float g = 0.0f;
      for (int o = 0; o < s.out; ++o) g += dy[n * s.out + o] * w[o * s.in + i];
      dx[n * s.in + i] = g;
    }
}

}  // namespace cnn
