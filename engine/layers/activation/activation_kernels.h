// Element-wise activations over `count` floats. Backward takes the forward input x and
// output y (whichever is cheaper to use) and dy; writes dx.
//   relu:       y = max(x, 0)            dx = dy * (x > 0)
//   relu6:      y = min(max(x, 0), 6)    dx = dy * (0 < x < 6)     (MobileNet)
//   leakyrelu:  y = x > 0 ? x : a*x      dx = dy * (x > 0 ? 1 : a)
//   tanh:       y = tanh(x)              dx = dy * (1 - y^2)
//   sigmoid:    y = 1 / (1 + exp(-x))    dx = dy * y * (1 - y)
// At x == 0 ReLU's derivative is taken as 0, as in PyTorch; ReLU6's at 0 and 6 too
// (PyTorch's hardtanh backward).
#pragma once

#include <cstdint>
#include <vector>

namespace cnn {

void f32_relu_fwd__scalar(int64_t count, const float* x, float* y);
void f32_relu_bwd__scalar(int64_t count, const float* x, const float* dy, float* dx);
void f32_relu6_fwd__scalar(int64_t count, const float* x, float* y);
void f32_relu6_bwd__scalar(int64_t count, const float* x, const float* dy, float* dx);
void f32_leakyrelu_fwd__scalar(int64_t count, float alpha, const float* x, float* y);
void f32_leakyrelu_bwd__scalar(int64_t count, float alpha, const float* x, const float* dy, float* dx);
void f32_tanh_fwd__scalar(int64_t count, const float* x, float* y);
void f32_tanh_bwd__scalar(int64_t count, const float* y, const float* dy, float* dx);
void f32_sigmoid_fwd__scalar(int64_t count, const float* x, float* y);
void f32_sigmoid_bwd__scalar(int64_t count, const float* y, const float* dy, float* dx);

// Vector main loop + scalar tail (activation_wasmsimd.cpp); tanh and sigmoid forward have
// no vector version and the list below pairs them with the scalar ones.
void f32_relu_fwd__wasmsimd(int64_t count, const float* x, float* y);
void f32_relu_bwd__wasmsimd(int64_t count, const float* x, const float* dy, float* dx);
void f32_relu6_fwd__wasmsimd(int64_t count, const float* x, float* y);
void f32_relu6_bwd__wasmsimd(int64_t count, const float* x, const float* dy, float* dx);
void f32_leakyrelu_fwd__wasmsimd(int64_t count, float alpha, const float* x, float* y);
void f32_leakyrelu_bwd__wasmsimd(int64_t count, float alpha, const float* x, const float* dy, float* dx);
void f32_tanh_bwd__wasmsimd(int64_t count, const float* y, const float* dy, float* dx);
void f32_sigmoid_bwd__wasmsimd(int64_t count, const float* y, const float* dy, float* dx);

struct ActivationKernel {
  const char* name;
  void (*relu_fwd)(int64_t, const float*, float*);
  void (*relu_bwd)(int64_t, const float*, const float*, float*);
  void (*relu6_fwd)(int64_t, const float*, float*);
  void (*relu6_bwd)(int64_t, const float*, const float*, float*);
  void (*leakyrelu_fwd)(int64_t, float, const float*, float*);
  void (*leakyrelu_bwd)(int64_t, float, const float*, const float*, float*);
  void (*tanh_fwd)(int64_t, const float*, float*);
  void (*tanh_bwd)(int64_t, const float*, const float*, float*);
  void (*sigmoid_fwd)(int64_t, const float*, float*);
  void (*sigmoid_bwd)(int64_t, const float*, const float*, float*);
};

// All variants, the reference first and the one the layer uses last.
const std::vector<ActivationKernel>& activation_kernels();

}  // namespace cnn
