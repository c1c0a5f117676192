#include "optim/optimizer.h"

#include <cmath>

namespace cnn {
namespace {
bool finite_positive(float v) { return std::isfinite(v) && v > 0.0f; }
std::string str(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", double(v));
  return buf;
}
}  // namespace

const std::vector<OptimizerKernel>& optimizer_kernels() {
  static const std::vector<OptimizerKernel> kernels = {
      {"f32_optimizer__scalar", f32_sgd_update__scalar, f32_momentum_update__scalar, f32_adam_update__scalar},
      {"f32_optimizer__wasmsimd", f32_sgd_update__wasmsimd, f32_momentum_update__wasmsimd, f32_adam_update__wasmsimd},
  };
  return kernels;
}

const char* optimizer_name(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::kSgd: return "sgd";
    case OptimizerKind::kMomentum: return "momentum";
    case OptimizerKind::kAdam: return "adam";
  }
  return "?";
}

float default_learning_rate(OptimizerKind kind) {
  return kind == OptimizerKind::kAdam ? 1e-3f : kind == OptimizerKind::kMomentum ? 0.01f : 0.05f;
}

Expected<OptimizerKind> parse_optimizer_kind(const std::string& name) {
  if (name == "sgd") return OptimizerKind::kSgd;
  if (name == "momentum") return OptimizerKind::kMomentum;
  if (name == "adam") return OptimizerKind::kAdam;
  return make_error("unknown optimizer '" + name + "': expected sgd, momentum or adam");
}

Status validate(const OptimizerConfig& c) {
  if (!finite_positive(c.lr) || c.lr > 10.0f)
    return make_error("learning rate " + str(c.lr) + " is not in (0, 10]: try " +
                      str(default_learning_rate(c.kind)) + " for " + optimizer_name(c.kind));
  if (!std::isfinite(c.momentum) || c.momentum < 0.0f || c.momentum >= 1.0f)
    return make_error("momentum " + str(c.momentum) + " is not in [0, 1): 0.9 is usual");
  if (!std::isfinite(c.beta1) || c.beta1 < 0.0f || c.beta1 >= 1.0f)
    return make_error("Adam beta1 " + str(c.beta1) + " is not in [0, 1): 0.9 is usual");
  if (!std::isfinite(c.beta2) || c.beta2 < 0.0f || c.beta2 >= 1.0f)
    return make_error("Adam beta2 " + str(c.beta2) + " is not in [0, 1): 0.999 is usual");
  if (!finite_positive(c.eps)) return make_error("Adam epsilon " + str(c.eps) + " is not positive: 1e-8 is usual");
  if (!std::isfinite(c.weight_decay) || c.weight_decay < 0.0f || c.weight_decay >= 1.0f)
    return make_error("weight decay " + str(c.weight_decay) + " is not in [0, 1): try 0.0005");
  return ok_status();
}

Expected<LrSchedule::Kind> parse_schedule_kind(const std::string& name) {
  if (name == "constant") return LrSchedule::Kind::kConstant;
  if (name == "step") return LrSchedule::Kind::kStep;
  if (name == "exp") return LrSchedule::Kind::kExponential;
  return make_error("unknown learning-rate schedule '" + name + "': expected constant, step or exp");
}

Status validate(const LrSchedule& s) {
  if (s.step_epochs < 1) return make_error("schedule step " + std::to_string(s.step_epochs) + " is not >= 1 epoch");
  if (!finite_positive(s.gamma) || s.gamma > 1.0f)
    return make_error("schedule gamma " + str(s.gamma) + " is not in (0, 1]: try 0.5 for step, 0.9 for exp");
  return ok_status();
}

float LrSchedule::lr_at(float base_lr, int epoch) const {
  switch (kind) {
    case Kind::kConstant: return base_lr;
    case Kind::kStep: return base_lr * std::pow(gamma, float(epoch / step_epochs));
    case Kind::kExponential: return base_lr * std::pow(gamma, float(epoch));
  }
  return base_lr;
}

Optimizer::Optimizer(const OptimizerConfig& config, std::vector<ParamRef> params)
    : config_(config), params_(std::move(params)) {
  // Buffers sized once here, so a training step allocates nothing.
  for (const ParamRef& p : params_) {
    if (config_.kind != OptimizerKind::kSgd) m_.emplace_back(size_t(p.value->size()), 0.0f);
    if (config_.kind == OptimizerKind::kAdam) v_.emplace_back(size_t(p.value->size()), 0.0f);
  }
}

void Optimizer::step(float lr) {
  ++t_;
  const float bc1 = 1.0f - std::pow(config_.beta1, float(t_));
  const float bc2 = 1.0f - std::pow(config_.beta2, float(t_));
  for (size_t i = 0; i < params_.size(); ++i) {
    const ParamRef& p = params_[i];
    const float wd = p.decays ? config_.weight_decay : 0.0f;
    float* w = p.value->data();
    const float* g = p.grad->data();
    const int64_t count = p.value->size();
    const OptimizerKernel& k = optimizer_kernels().back();
    switch (config_.kind) {
      case OptimizerKind::kSgd: k.sgd(count, lr, wd, w, g); break;
      case OptimizerKind::kMomentum: k.momentum(count, lr, config_.momentum, wd, w, g, m_[i].data()); break;
      case OptimizerKind::kAdam:
        k.adam(count, lr, config_.beta1, config_.beta2, config_.eps, wd, bc1, bc2, w, g,
               m_[i].data(), v_[i].data());
        break;
    }
  }
}

}  // namespace cnn
