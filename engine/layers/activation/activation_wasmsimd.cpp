// Activations with four-lane vectors: a vector main loop and a scalar tail for the last
// count % 4 values.
//
// How it differs from the scalar reference (activation_scalar.cpp): ReLU is one pseudo-max
// with zero per vector (f32x4_max_zero, NaN -> 0 as in the reference), its backward a mask
// of x > 0 and'ed with dy; ReLU6 adds a pseudo-min with 6 (NaN stays 0) and the mask
// 6 > x; LeakyReLU selects between x and alpha*x by the same mask. The
// backward passes of tanh and sigmoid are the reference's products in the same order. All of
// these are bit-identical to the reference. tanh and sigmoid forward stay scalar (std::tanh,
// std::exp): WebAssembly has no vector exp, and a polynomial one would change the values
// the tests and fixtures pin down, for layers LeNet-5 does not use.
#include "layers/activation/activation_kernels.h"
#include "simd/simd_f32.h"

namespace cnn {

void f32_relu_fwd__wasmsimd(int64_t count, const float* x, float* y) {
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) f32x4_store(y + i, f32x4_max_zero(f32x4_load(x + i)));
  for (; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

void f32_relu_bwd__wasmsimd(int64_t count, const float* x, const float* dy, float* dx) {
  const f32x4 zero = f32x4_zero();
  int64_t i = 0;
  for (; i + 4 <= count; i += 4)
    f32x4_store(dx + i, f32x4_and(f32x4_gt(f32x4_load(x + i), zero), f32x4_load(dy + i)));
  for (; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
}

void f32_relu6_fwd__wasmsimd(int64_t count, const float* x, float* y) {
  const f32x4 six = f32x4_splat(6.0f);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) f32x4_store(y + i, f32x4_min(f32x4_max_zero(f32x4_load(x + i)), six));
  for (; i < count; ++i) y[i] = x[i] > 0.0f ? (x[i] < 6.0f ? x[i] : 6.0f) : 0.0f;
}

void f32_relu6_bwd__wasmsimd(int64_t count, const float* x, const float* dy, float* dx) {
  const f32x4 zero = f32x4_zero(), six = f32x4_splat(6.0f);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 v = f32x4_load(x + i);
    const f32x4 inside = f32x4_and(f32x4_gt(v, zero), f32x4_gt(six, v));
    f32x4_store(dx + i, f32x4_and(inside, f32x4_load(dy + i)));
  }
  for (; i < count; ++i) dx[i] = x[i] > 0.0f && x[i] < 6.0f ? dy[i] : 0.0f;
}

void f32_leakyrelu_fwd__wasmsimd(int64_t count, float alpha, const float* x, float* y) {
  const f32x4 zero = f32x4_zero(), a = f32x4_splat(alpha);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 v = f32x4_load(x + i);
    f32x4_store(y + i, f32x4_select(f32x4_gt(v, zero), v, f32x4_mul(a, v)));
  }
  for (; i < count; ++i) y[i] = x[i] > 0.0f ? x[i] : alpha * x[i];
}

void f32_leakyrelu_bwd__wasmsimd(int64_t count, float alpha, const float* x, const float* dy, float* dx) {
  const f32x4 zero = f32x4_zero(), a = f32x4_splat(alpha);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 g = f32x4_load(dy + i);
    f32x4_store(dx + i, f32x4_select(f32x4_gt(f32x4_load(x + i), zero), g, f32x4_mul(a, g)));
  }
  for (; i < count; ++i) dx[i] = x[i] > 0.0f ? dy[i] : alpha * dy[i];
}

void f32_tanh_bwd__wasmsimd(int64_t count, const float* y, const float* dy, float* dx) {
  const f32x4 one = f32x4_splat(1.0f);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 v = f32x4_load(y + i);
    f32x4_store(dx + i, f32x4_mul(f32x4_load(dy + i), f32x4_sub(one, f32x4_mul(v, v))));
  }
  for (; i < count; ++i) dx[i] = dy[i] * (1.0f - y[i] * y[i]);
}

void f32_sigmoid_bwd__wasmsimd(int64_t count, const float* y, const float* dy, float* dx) {
  const f32x4 one = f32x4_splat(1.0f);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 v = f32x4_load(y + i);
    f32x4_store(dx + i, f32x4_mul(f32x4_mul(f32x4_load(dy + i), v), f32x4_sub(one, v)));
  }
  for (; i < count; ++i) dx[i] = dy[i] * y[i] * (1.0f - y[i]);
}

}  // namespace cnn
