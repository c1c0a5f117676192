#include "teach/optimizer_path.h"

#include <cmath>

#include "tensor/tensor.h"

namespace cnn::teach {

const SurfaceRegion& surface_region(SurfaceKind kind) {
  // The bowl's start and region are d2l's (11.6, momentum): (-5, -2) in [-6, 2] x [-3, 3].
  static const SurfaceRegion kBowl = {-6.0f, 2.0f, -3.0f, 3.0f, 0.0f, 0.0f, -5.0f, -2.0f};
  static const SurfaceRegion kRosenbrock = {-2.0f, 2.0f, -1.0f, 3.0f, 1.0f, 1.0f, -1.5f, 2.5f};
  static const SurfaceRegion kSaddle = {-2.0f, 2.0f, -2.0f, 2.0f, 0.0f, 1.0f, -1.8f, 0.01f};
  return kind == SurfaceKind::kRosenbrock ? kRosenbrock : kind == SurfaceKind::kSaddle ? kSaddle : kBowl;
}

const char* surface_formula(SurfaceKind kind) {
  switch (kind) {
    case SurfaceKind::kBowl: return "f = 0.1 x^2 + 2 y^2";
    case SurfaceKind::kRosenbrock: return "f = (1 - x)^2 + 100 (y - x^2)^2";
    case SurfaceKind::kSaddle: return "f = x^2 + y^4 / 4 - y^2 / 2";
  }
  return "?";
}

float surface_value(SurfaceKind kind, float x, float y) {
  switch (kind) {
    case SurfaceKind::kBowl: return 0.1f * x * x + 2.0f * y * y;
    case SurfaceKind::kRosenbrock: {
      const float a = 1.0f - x, b = y - x * x;
      return a * a + 100.0f * b * b;
    }
    case SurfaceKind::kSaddle: return x * x + 0.25f * y * y * y * y - 0.5f * y * y;
  }
  return 0.0f;
}

void surface_gradient(SurfaceKind kind, float x, float y, float* dx, float* dy) {
  switch (kind) {
    case SurfaceKind::kBowl:
      *dx = 0.2f * x;
      *dy = 4.0f * y;
      return;
    case SurfaceKind::kRosenbrock: {
      const float b = y - x * x;
      *dx = -2.0f * (1.0f - x) - 400.0f * x * b;
      *dy = 200.0f * b;
      return;
    }
    case SurfaceKind::kSaddle:
      *dx = 2.0f * x;
      *dy = y * y * y - y;
      return;
  }
  *dx = *dy = 0.0f;
}

Expected<std::vector<float>> surface_grid(SurfaceKind kind, int side) {
  if (side < 2 || side > kMaxSurfaceGrid)
    return make_error("surface grid " + std::to_string(side) + " is not in 2.." + std::to_string(kMaxSurfaceGrid));
  const SurfaceRegion& r = surface_region(kind);
  std::vector<float> values(size_t(side) * side);
  for (int i = 0; i < side; ++i) {
    const float y = r.y0 + (r.y1 - r.y0) * float(i) / float(side - 1);
    for (int j = 0; j < side; ++j) {
      const float x = r.x0 + (r.x1 - r.x0) * float(j) / float(side - 1);
      values[size_t(i) * side + j] = surface_value(kind, x, y);
    }
  }
  return values;
}

Expected<OptimizerPath> trace_optimizer_path(const OptimizerPathRequest& request) {
  if (request.steps < 1 || request.steps > kMaxPathSteps)
    return make_error("optimizer path: " + std::to_string(request.steps) + " steps is not in 1.." +
                      std::to_string(kMaxPathSteps));
  if (!std::isfinite(request.start_x) || !std::isfinite(request.start_y) || std::fabs(request.start_x) > 100.0f ||
      std::fabs(request.start_y) > 100.0f)
    return make_error("optimizer path: the start must be a point within 100 of (0, 0)");
  OptimizerConfig config = request.config;
  config.weight_decay = 0.0f;
  if (Status s = validate(config); !s) return make_error("optimizer path: " + s.error());

  // The point and its gradient as one parameter tensor of the engine, stepped by its Optimizer.
  Tensor point(1, Shape3{1, 1, 2}), grad(1, Shape3{1, 1, 2});
  point.data()[0] = request.start_x;
  point.data()[1] = request.start_y;
  Optimizer optimizer(config, {ParamRef{"point", &point, &grad, false}});

  OptimizerPath path;
  const auto record = [&] {
    path.xs.push_back(point.data()[0]);
    path.ys.push_back(point.data()[1]);
    path.losses.push_back(surface_value(request.surface, point.data()[0], point.data()[1]));
  };
  record();
  for (int step = 1; step <= request.steps; ++step) {
    surface_gradient(request.surface, point.data()[0], point.data()[1], &grad.data()[0], &grad.data()[1]);
    optimizer.step(config.lr);
    record();
    const float x = point.data()[0], y = point.data()[1];
    if (!std::isfinite(x) || !std::isfinite(y) || !std::isfinite(path.losses.back()) || std::fabs(x) > kDivergedAt ||
        std::fabs(y) > kDivergedAt) {
      path.diverged_at = step;
      break;
    }
  }
  return path;
}

}  // namespace cnn::teach
