// Weight initialisation.
//   He (Kaiming) uniform:  U(-sqrt(6 / fan_in), +sqrt(6 / fan_in))        for ReLU-like layers
//   Glorot (Xavier) uniform: U(-sqrt(6 / (fan_in + fan_out)), +...)        Keras' default
// fan_in = IC*KH*KW for a conv, IN for a dense layer; fan_out = OC*KH*KW or OUT.
// Model::init resolves InitScheme::kAuto per layer before calling this.
#pragma once

#include <cmath>

#include "model/spec.h"
#include "tensor/tensor.h"
#include "util/rng.h"

namespace cnn {

inline void init_uniform(Tensor& t, Rng& rng, InitScheme scheme, int fan_in, int fan_out) {
  const double limit = scheme == InitScheme::kGlorot ? std::sqrt(6.0 / (fan_in + fan_out)) : std::sqrt(6.0 / fan_in);
  for (int64_t i = 0; i < t.size(); ++i) t[i] = rng.uniform(float(-limit), float(limit));
}

}  // namespace cnn
