// Optimizer updates with four-lane vectors: a vector main loop and a scalar tail.
//
// How it differs from optimizer_scalar.cpp: nothing but the width. Each lane evaluates the
// reference's expression in the same order (multiply, then add: SIMD128 has no fused
// multiply-add; f32x4.sqrt and f32x4.div are correctly rounded like their scalar twins), so
// the updated weights are bit-identical to the reference's.
#include <cmath>

#include "optim/optimizer.h"
#include "simd/simd_f32.h"

namespace cnn {

void f32_sgd_update__wasmsimd(int64_t count, float lr, float weight_decay, float* w, const float* g) {
  const f32x4 vlr = f32x4_splat(lr), vwd = f32x4_splat(weight_decay);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 wv = f32x4_load(w + i);
    const f32x4 grad = f32x4_add(f32x4_load(g + i), f32x4_mul(vwd, wv));
    f32x4_store(w + i, f32x4_sub(wv, f32x4_mul(vlr, grad)));
  }
  for (; i < count; ++i) w[i] -= lr * (g[i] + weight_decay * w[i]);
}

void f32_momentum_update__wasmsimd(int64_t count, float lr, float momentum, float weight_decay, float* w,
                                   const float* g, float* v) {
  const f32x4 vlr = f32x4_splat(lr), vmu = f32x4_splat(momentum), vwd = f32x4_splat(weight_decay);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 wv = f32x4_load(w + i);
    const f32x4 grad = f32x4_add(f32x4_load(g + i), f32x4_mul(vwd, wv));
    const f32x4 vel = f32x4_add(f32x4_mul(vmu, f32x4_load(v + i)), grad);
    f32x4_store(v + i, vel);
    f32x4_store(w + i, f32x4_sub(wv, f32x4_mul(vlr, vel)));
  }
  for (; i < count; ++i) {
    v[i] = momentum * v[i] + (g[i] + weight_decay * w[i]);
    w[i] -= lr * v[i];
  }
}

void f32_adam_update__wasmsimd(int64_t count, float lr, float beta1, float beta2, float eps, float weight_decay,
                               float bias_correction1, float bias_correction2, float* w, const float* g, float* m,
                               float* v) {
  const float step_size = lr / bias_correction1;
  const float sqrt_bc2 = std::sqrt(bias_correction2);
  const f32x4 vwd = f32x4_splat(weight_decay), vb1 = f32x4_splat(beta1), vb2 = f32x4_splat(beta2);
  const f32x4 one_b1 = f32x4_splat(1.0f - beta1), one_b2 = f32x4_splat(1.0f - beta2);
  const f32x4 vstep = f32x4_splat(step_size), vsqrt_bc2 = f32x4_splat(sqrt_bc2), veps = f32x4_splat(eps);
  int64_t i = 0;
  for (; i + 4 <= count; i += 4) {
    const f32x4 wv = f32x4_load(w + i);
    const f32x4 grad = f32x4_add(f32x4_load(g + i), f32x4_mul(vwd, wv));
    const f32x4 mv = f32x4_add(f32x4_mul(vb1, f32x4_load(m + i)), f32x4_mul(one_b1, grad));
    const f32x4 vv = f32x4_add(f32x4_mul(vb2, f32x4_load(v + i)), f32x4_mul(f32x4_mul(one_b2, grad), grad));
    f32x4_store(m + i, mv);
    f32x4_store(v + i, vv);
    const f32x4 denom = f32x4_add(f32x4_div(f32x4_sqrt(vv), vsqrt_bc2), veps);
    f32x4_store(w + i, f32x4_sub(wv, f32x4_div(f32x4_mul(vstep, mv), denom)));
  }
  for (; i < count; ++i) {
    const float grad = g[i] + weight_decay * w[i];
    m[i] = beta1 * m[i] + (1.0f - beta1) * grad;
    v[i] = beta2 * v[i] + (1.0f - beta2) * grad * grad;
    w[i] -= step_size * m[i] / (std::sqrt(v[i]) / sqrt_bc2 + eps);
  }
}

}  // namespace cnn
