// Optimizer update kernels, plain loops, in the order PyTorch evaluates them.
#include <cmath>

#include "optim/optimizer.h"

namespace cnn {

void f32_sgd_update__scalar(int64_t count, float lr, float weight_decay, float* w, const float* g) {
  for (int64_t i = 0; i < count; ++i) w[i] -= lr * (g[i] + weight_decay * w[i]);
}

void f32_momentum_update__scalar(int64_t count, float lr, float momentum, float weight_decay, float* w,
                                 const float* g, float* v) {
  for (int64_t i = 0; i < count; ++i) {
    v[i] = momentum * v[i] + (g[i] + weight_decay * w[i]);
    w[i] -= lr * v[i];
  }
}

void f32_adam_update__scalar(int64_t count, float lr, float beta1, float beta2, float eps, float weight_decay,
                             float bias_correction1, float bias_correction2, float* w, const float* g, float* m,
                             float* v) {
  const float step_size = lr / bias_correction1;
  const float sqrt_bc2 = std::sqrt(bias_correction2);
  for (int64_t i = 0; i < count; ++i) {
    const float grad = g[i] + weight_decay * w[i];
    m[i] = beta1 * m[i] + (1.0f - beta1) * grad;
    v[i] = beta2 * v[i] + (1.0f - beta2) * grad * grad;
    w[i] -= step_size * m[i] / (std::sqrt(v[i]) / sqrt_bc2 + eps);
  }
}

}  // namespace cnn
