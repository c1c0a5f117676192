// Helpers shared by the engine tests: random tensors and numerical gradients.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "tensor/tensor.h"
#include "util/rng.h"

namespace cnn::test {

void fill_uniform(Tensor& t, Rng& rng, float lo = -1.0f, float hi = 1.0f);
void fill_uniform(float* data, int64_t count, Rng& rng, float lo = -1.0f, float hi = 1.0f);

// Largest |a - b| / max(1, |a|, |b|) over the two arrays, and where it happened.
struct Mismatch {
  double worst = 0.0;
  int64_t index = -1;
};
Mismatch compare(const float* a, const float* b, int64_t count);

// Derivative of loss() with respect to *value by central differences (steps eps and
// eps / 2, combined by Richardson extrapolation), restoring *value afterwards.
double numerical_derivative(float* value, const std::function<double()>& loss, double eps = 1e-3);

}  // namespace cnn::test
