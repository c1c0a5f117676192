#include <cmath>

#include "layers/activation/activation_kernels.h"

namespace cnn {

void f32_relu_fwd__scalar(int64_t count, const float* x, float* y) {
  for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}
void f32_relu_bwd__scalar(int64_t count, const float* x, const float* dy, float* dx) {
  for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
}
void f32_relu6_fwd__scalar(int64_t count, const float* x, float* y) {
  for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? (x[i] < 6.0f ? x[i] : 6.0f) : 0.0f;
}
void f32_relu6_bwd__scalar(int64_t count, const float* x, const float* dy, float* dx) {
  for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f && x[i] < 6.0f ? dy[i] : 0.0f;
}
void f32_leakyrelu_fwd__scalar(int64_t count, float alpha, const float* x, float* y) {
  for (int64_t i = 0; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : alpha * x[i];
}
void f32_leakyrelu_bwd__scalar(int64_t count, float alpha, const float* x, const float* dy, float* dx) {
  for (int64_t i = 0; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : alpha * dy[i];
}
void f32_tanh_fwd__scalar(int64_t count, const float* x, float* y) {
  for (int64_t i = 0; i < count; ++i) y[i] = std::tanh(x[i]);
}
void f32_tanh_bwd__scalar(int64_t count, const float* y, const float* dy, float* dx) {
  for (int64_t i = 0; i < count; ++i) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
}
// Written so that exp never overflows: for x < 0 use e^x / (1 + e^x).
void f32_sigmoid_fwd__scalar(int64_t count, const float* x, float* y) {
  for (int64_t i = 0; i < count; ++i) {
    if (x[i] >= 0.0f) {
      y[i] = 1.0f / (1.0f + std::exp(-x[i]));
    } else {
      const float e = std::exp(x[i]);
      y[i] = e / (1.0f + e);
    }
  }
}
void f32_sigmoid_bwd__scalar(int64_t count, const float* y, const float* dy, float* dx) {
  for (int64_t i = 0; i < count; ++i) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
}

}  // namespace cnn
