// Optimizers on a 2-D loss surface (note 004: SGD, momentum, Adam). The point (x, y) is a
// parameter tensor of two values and the surface's gradient there its gradient: the engine's
// own Optimizer (optim/optimizer.h) steps it, the update training applies to every weight, so
// a path is what those settings do, step for step.
//
//   bowl        f = 0.1 x^2 + 2 y^2                 d2l 11.6: 20 times steeper across than along
//   rosenbrock  f = (1 - x)^2 + 100 (y - x^2)^2     a curved valley; the minimum at (1, 1)
//   saddle      f = x^2 + y^4 / 4 - y^2 / 2         a saddle at (0, 0); minima at (0, 1), (0, -1)
#pragma once

#include <vector>

#include "optim/optimizer.h"
#include "util/expected.h"

namespace cnn::teach {

enum class SurfaceKind { kBowl, kRosenbrock, kSaddle };

constexpr int kMaxPathSteps = 2000;
constexpr int kMaxSurfaceGrid = 128;
// A point this far out has left any drawn region for good: the path stops there, diverged.
constexpr float kDivergedAt = 1e4f;

struct SurfaceRegion {
  float x0, x1, y0, y1;        // the part of the plane a view draws
  float min_x, min_y;          // a minimum of the surface (the bowl's and Rosenbrock's only one)
  float start_x, start_y;      // where the paths start unless asked otherwise
};
const SurfaceRegion& surface_region(SurfaceKind kind);
const char* surface_formula(SurfaceKind kind);  // "f = 0.1 x^2 + 2 y^2"

float surface_value(SurfaceKind kind, float x, float y);
void surface_gradient(SurfaceKind kind, float x, float y, float* dx, float* dy);

// f at side x side points of the region, row-major, row 0 at y0, column 0 at x0, both ends
// included (side 2..kMaxSurfaceGrid).
Expected<std::vector<float>> surface_grid(SurfaceKind kind, int side);

struct OptimizerPathRequest {
  SurfaceKind surface = SurfaceKind::kBowl;
  OptimizerConfig config;      // kind, lr, momentum, beta1, beta2, eps (weight decay 0)
  float start_x = 0, start_y = 0;
  int steps = 50;              // 1..kMaxPathSteps
};

struct OptimizerPath {
  std::vector<float> xs, ys, losses;  // the start, then the point after each step
  int diverged_at = -1;               // the step that left kDivergedAt (or went non-finite); -1
};                                    // when all `steps` were taken

Expected<OptimizerPath> trace_optimizer_path(const OptimizerPathRequest& request);

}  // namespace cnn::teach
