// Gradient check for one layer: analytic backward() against central differences.
//
// The scalar loss is L = sum(y * r) for a fixed random r, accumulated in double, so
// dL/dy = r is what backward() receives. Every input value and every parameter is
// perturbed in turn (shapes are tiny). Float rounding in the loss is divided by the step,
// so the step should be as large as the layer allows: layers linear in the perturbed value
// (conv, dense, average pooling) make the central difference exact at any step.
#pragma once

#include <string>

#include "layers/layer.h"

namespace cnn::test {

struct GradCheckReport {
  double worst = 0.0;   // largest |analytic - numeric| / max(|analytic|, |numeric|, floor)
  std::string where;    // "dx[12]" or "weight[3]": the worst entry
  int checked = 0;
};

GradCheckReport check_layer_gradients(Layer& layer, Tensor& x, Mode mode, double eps, uint64_t seed = 7);

}  // namespace cnn::test
