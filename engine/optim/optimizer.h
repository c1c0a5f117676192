// Optimizers: SGD, SGD with momentum, Adam (with bias correction); optional L2 weight
// decay on weights (not biases or batch-norm parameters); learning-rate schedules.
// Updates follow PyTorch's formulas exactly (tests compare against it):
//   g' = g + weight_decay * w                      (weights only)
//   sgd:       w -= lr * g'
//   momentum:  v = mu * v + g';  w -= lr * v
//   adam:      m = b1 m + (1 - b1) g';  v = b2 v + (1 - b2) g'^2;  t += 1
//              w -= (lr / (1 - b1^t)) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "layers/layer.h"
#include "util/expected.h"

namespace cnn {

enum class OptimizerKind { kSgd, kMomentum, kAdam };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::kAdam;
  float lr = 1e-3f;
  float momentum = 0.9f;
  float beta1 = 0.9f, beta2 = 0.999f, eps = 1e-8f;
  float weight_decay = 0.0f;
};

// "learning rate 0 is not positive: try 0.001 for adam, 0.01 for momentum".
Status validate(const OptimizerConfig& config);
Expected<OptimizerKind> parse_optimizer_kind(const std::string& name);  // sgd | momentum | adam
const char* optimizer_name(OptimizerKind kind);
float default_learning_rate(OptimizerKind kind);

// Learning rate per epoch (epochs count from 0):
//   constant: lr;  step: lr * gamma^floor(epoch / step_epochs);  exp: lr * gamma^epoch.
struct LrSchedule {
  enum class Kind { kConstant, kStep, kExponential };
  Kind kind = Kind::kConstant;
  int step_epochs = 1;
  float gamma = 1.0f;
  float lr_at(float base_lr, int epoch) const;
};
Status validate(const LrSchedule& schedule);
Expected<LrSchedule::Kind> parse_schedule_kind(const std::string& name);  // constant | step | exp

class Optimizer {
 public:
  Optimizer(const OptimizerConfig& config, std::vector<ParamRef> params);
  // Applies one update from the gradients currently in the params, at learning rate lr.
  void step(float lr);
  int64_t steps() const { return t_; }
  const OptimizerConfig& config() const { return config_; }

 private:
  OptimizerConfig config_;
  std::vector<ParamRef> params_;
  std::vector<AlignedFloats> m_, v_;  // momentum buffer / Adam moments, one per param
  int64_t t_ = 0;
};

// Update kernels over `count` values.
void f32_sgd_update__scalar(int64_t count, float lr, float weight_decay, float* w, const float* g);
void f32_momentum_update__scalar(int64_t count, float lr, float momentum, float weight_decay, float* w,
                                 const float* g, float* v);
void f32_adam_update__scalar(int64_t count, float lr, float beta1, float beta2, float eps, float weight_decay,
                             float bias_correction1, float bias_correction2, float* w, const float* g, float* m,
                             float* v);
// The same, four lanes at a time (optimizer_wasmsimd.cpp); bit-identical to the above.
void f32_sgd_update__wasmsimd(int64_t count, float lr, float weight_decay, float* w, const float* g);
void f32_momentum_update__wasmsimd(int64_t count, float lr, float momentum, float weight_decay, float* w,
                                   const float* g, float* v);
void f32_adam_update__wasmsimd(int64_t count, float lr, float beta1, float beta2, float eps, float weight_decay,
                               float bias_correction1, float bias_correction2, float* w, const float* g, float* m,
                               float* v);

struct OptimizerKernel {
  const char* name;
  void (*sgd)(int64_t, float, float, float*, const float*);
  void (*momentum)(int64_t, float, float, float, float*, const float*, float*);
  void (*adam)(int64_t, float, float, float, float, float, float, float, float*, const float*, float*, float*);
};

// All variants, the reference first and the one Optimizer::step uses last.
const std::vector<OptimizerKernel>& optimizer_kernels();

}  // namespace cnn
