// Optimizers on a 2-D surface: the gradients against central differences, every path step
// for step equal to the reference update kernels applied by hand, and the lessons the view
// shows (a learning rate too large diverges, a saddle holds plain gradient descent).
#include "teach/optimizer_path.h"

#include <gtest/gtest.h>

#include <cmath>

namespace cnn::teach {
namespace {

constexpr SurfaceKind kSurfaces[] = {SurfaceKind::kBowl, SurfaceKind::kRosenbrock, SurfaceKind::kSaddle};

TEST(OptimizerPath, GradientsMatchCentralDifferences) {
  const float points[][2] = {{-5, -2}, {-1.5f, 2.5f}, {0.3f, -0.7f}, {1, 1}, {1.7f, 0.2f}, {0, 0.01f}};
  for (SurfaceKind kind : kSurfaces)
    for (const auto& p : points) {
      float dx = 0, dy = 0;
      surface_gradient(kind, p[0], p[1], &dx, &dy);
      // In double, from the float formula's terms: the test's own arithmetic, not the engine's.
      const double h = 1e-4;
      const auto f = [&](double x, double y) {
        switch (kind) {
          case SurfaceKind::kBowl: return 0.1 * x * x + 2 * y * y;
          case SurfaceKind::kRosenbrock: return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
          case SurfaceKind::kSaddle: return x * x + y * y * y * y / 4 - y * y / 2;
        }
        return 0.0;
      };
      const double nx = (f(p[0] + h, p[1]) - f(p[0] - h, p[1])) / (2 * h);
      const double ny = (f(p[0], p[1] + h) - f(p[0], p[1] - h)) / (2 * h);
      EXPECT_NEAR(dx, nx, 1e-4 * (1 + std::fabs(nx))) << surface_formula(kind) << " at " << p[0] << ", " << p[1];
      EXPECT_NEAR(dy, ny, 1e-4 * (1 + std::fabs(ny))) << surface_formula(kind) << " at " << p[0] << ", " << p[1];
      EXPECT_NEAR(surface_value(kind, p[0], p[1]), f(p[0], p[1]), 1e-5 * (1 + std::fabs(f(p[0], p[1]))));
    }
}

// The same steps, taken with the scalar reference kernels by hand.
OptimizerPath by_hand(SurfaceKind kind, const OptimizerConfig& c, float x, float y, int steps) {
  float w[2] = {x, y}, g[2], m[2] = {0, 0}, v[2] = {0, 0};
  OptimizerPath p;
  p.xs = {x};
  p.ys = {y};
  p.losses = {surface_value(kind, x, y)};
  for (int t = 1; t <= steps; ++t) {
    surface_gradient(kind, w[0], w[1], &g[0], &g[1]);
    if (c.kind == OptimizerKind::kSgd) f32_sgd_update__scalar(2, c.lr, 0, w, g);
    if (c.kind == OptimizerKind::kMomentum) f32_momentum_update__scalar(2, c.lr, c.momentum, 0, w, g, m);
    if (c.kind == OptimizerKind::kAdam)
      f32_adam_update__scalar(2, c.lr, c.beta1, c.beta2, c.eps, 0, 1 - std::pow(c.beta1, float(t)),
                              1 - std::pow(c.beta2, float(t)), w, g, m, v);
    p.xs.push_back(w[0]);
    p.ys.push_back(w[1]);
    p.losses.push_back(surface_value(kind, w[0], w[1]));
  }
  return p;
}

TEST(OptimizerPath, EveryStepIsTheOptimizersOwnUpdate) {
  struct Case {
    SurfaceKind surface;
    OptimizerKind kind;
    float lr;
    int steps;
  } cases[] = {{SurfaceKind::kBowl, OptimizerKind::kSgd, 0.4f, 50},       {SurfaceKind::kBowl, OptimizerKind::kMomentum, 0.4f, 50},
               {SurfaceKind::kBowl, OptimizerKind::kAdam, 0.5f, 50},      {SurfaceKind::kRosenbrock, OptimizerKind::kSgd, 1e-3f, 500},
               {SurfaceKind::kRosenbrock, OptimizerKind::kMomentum, 1e-3f, 500},
               {SurfaceKind::kRosenbrock, OptimizerKind::kAdam, 0.05f, 500}, {SurfaceKind::kSaddle, OptimizerKind::kAdam, 0.1f, 100}};
  for (const Case& c : cases) {
    OptimizerPathRequest r;
    r.surface = c.surface;
    r.config.kind = c.kind;
    r.config.lr = c.lr;
    r.config.momentum = 0.5f;
    r.start_x = surface_region(c.surface).start_x;
    r.start_y = surface_region(c.surface).start_y;
    r.steps = c.steps;
    Expected<OptimizerPath> path = trace_optimizer_path(r);
    ASSERT_TRUE(path.ok()) << path.error();
    const OptimizerPath want = by_hand(c.surface, r.config, r.start_x, r.start_y, c.steps);
    EXPECT_EQ(path->diverged_at, -1) << surface_formula(c.surface) << ", " << optimizer_name(c.kind);
    EXPECT_EQ(path->xs, want.xs) << surface_formula(c.surface) << ", " << optimizer_name(c.kind);
    EXPECT_EQ(path->ys, want.ys) << surface_formula(c.surface) << ", " << optimizer_name(c.kind);
    EXPECT_EQ(path->losses, want.losses) << surface_formula(c.surface) << ", " << optimizer_name(c.kind);
  }
}

// d2l 11.6's bowl from (-5, -2): y is multiplied by 1 - 4 lr each step. At lr 0.4 (-0.6) it
// settles while x crawls; momentum gets further in the same 50 steps; at lr 0.6 (-1.4) |y|
// passes 1e4 at step 26 (2 * 1.4^26 = 12,599).
TEST(OptimizerPath, TheBowlsLessons) {
  OptimizerPathRequest r;
  r.start_x = -5;
  r.start_y = -2;
  r.steps = 50;
  r.config.kind = OptimizerKind::kSgd;
  r.config.lr = 0.4f;
  const OptimizerPath sgd = *trace_optimizer_path(r);
  EXPECT_LT(std::fabs(sgd.ys.back()), 1e-6f);
  EXPECT_LT(sgd.xs.back(), -0.05f);  // (1 - 0.08)^50 * -5 = -0.077
  r.config.kind = OptimizerKind::kMomentum;
  r.config.momentum = 0.5f;
  const OptimizerPath momentum = *trace_optimizer_path(r);
  EXPECT_LT(momentum.losses.back(), sgd.losses.back());
  r.config.kind = OptimizerKind::kSgd;
  r.config.lr = 0.6f;
  const OptimizerPath diverged = *trace_optimizer_path(r);
  EXPECT_EQ(diverged.diverged_at, 26);
  EXPECT_EQ(diverged.xs.size(), 27u);  // the start and 26 steps: the path ends where it left
}

// On the saddle's ridge (y = 0) the gradient has no y part: gradient descent walks into the
// saddle point and stays, at f = 0 above the minima's -1/4. A hair off the ridge it escapes.
TEST(OptimizerPath, ASaddleHoldsGradientDescentOnItsRidge) {
  OptimizerPathRequest r;
  r.surface = SurfaceKind::kSaddle;
  r.config.kind = OptimizerKind::kSgd;
  r.config.lr = 0.1f;
  r.start_x = -1.8f;
  r.start_y = 0;
  r.steps = 300;
  const OptimizerPath stuck = *trace_optimizer_path(r);
  EXPECT_EQ(stuck.ys.back(), 0.0f);
  EXPECT_LT(std::fabs(stuck.xs.back()), 1e-6f);
  r.start_y = 0.01f;
  const OptimizerPath escaped = *trace_optimizer_path(r);
  EXPECT_NEAR(escaped.ys.back(), 1.0f, 1e-3f);
  EXPECT_NEAR(escaped.losses.back(), -0.25f, 1e-4f);
}

TEST(OptimizerPath, BadRequestsAreRefused) {
  OptimizerPathRequest r;
  r.config.kind = OptimizerKind::kSgd;
  r.config.lr = 0.1f;
  r.steps = 0;
  EXPECT_NE(trace_optimizer_path(r).error().find("0 steps is not in 1..2000"), std::string::npos);
  r.steps = 2001;
  EXPECT_FALSE(trace_optimizer_path(r).ok());
  r.steps = 10;
  r.start_x = NAN;
  EXPECT_NE(trace_optimizer_path(r).error().find("within 100"), std::string::npos);
  r.start_x = 0;
  r.config.lr = 0;
  EXPECT_NE(trace_optimizer_path(r).error().find("learning rate 0"), std::string::npos);
  EXPECT_FALSE(surface_grid(SurfaceKind::kBowl, 1).ok());
  EXPECT_FALSE(surface_grid(SurfaceKind::kBowl, 129).ok());
}

TEST(OptimizerPath, TheGridHoldsTheSurfacesValuesCornerToCorner) {
  const std::vector<float> grid = *surface_grid(SurfaceKind::kRosenbrock, 5);
  const SurfaceRegion& r = surface_region(SurfaceKind::kRosenbrock);
  ASSERT_EQ(grid.size(), 25u);
  EXPECT_EQ(grid[0], surface_value(SurfaceKind::kRosenbrock, r.x0, r.y0));
  EXPECT_EQ(grid[4], surface_value(SurfaceKind::kRosenbrock, r.x1, r.y0));
  EXPECT_EQ(grid[24], surface_value(SurfaceKind::kRosenbrock, r.x1, r.y1));
  EXPECT_EQ(grid[2 * 5 + 2], surface_value(SurfaceKind::kRosenbrock, 0.0f, 1.0f));
}

}  // namespace
}  // namespace cnn::teach
