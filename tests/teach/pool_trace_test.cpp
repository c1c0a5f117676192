// Pooling trace (engine/teach/pool_trace.h): every cell's value, argmax and input gradient
// are the engine's, including ties, overlapping windows and both pooling modes.
#include "teach/pool_trace.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "layers/pool2d/pool2d_kernels.h"
#include "support/test_util.h"

namespace cnn::teach {
namespace {

Planes random_plane(int h, int w, uint64_t seed) {
  Planes p = zero_planes(Shape3{1, h, w});
  Rng rng(seed, RngStream::kData);
  test::fill_uniform(p.values.data(), int64_t(p.values.size()), rng);
  return p;
}

struct SweepCase {
  const char* name;
  PoolOp op;
  int window, stride;
};

class PoolTraceSweep : public ::testing::TestWithParam<SweepCase> {};

TEST_P(PoolTraceSweep, EveryCellIsTheKernelsValueArgmaxAndGradient) {
  const SweepCase& k = GetParam();
  PoolTraceRequest r;
  r.input = random_plane(7, 8, 5);
  r.op = k.op;
  r.window = k.window;
  r.stride = k.stride;
  const int oh = (7 - k.window) / k.stride + 1, ow = (8 - k.window) / k.stride + 1;
  const int area = k.window * k.window;
  Expected<PoolTrace> first = trace_pooling(r);
  ASSERT_TRUE(first.ok()) << first.error();
  ASSERT_EQ(first->output.shape, (Shape3{1, oh, ow}));

  for (int oy = 0; oy < oh; ++oy)
    for (int ox = 0; ox < ow; ++ox) {
      r.out_y = oy;
      r.out_x = ox;
      Expected<PoolTrace> t = trace_pooling(r);
      ASSERT_TRUE(t.ok()) << t.error();
      EXPECT_EQ(t->output.values, first->output.values);
      EXPECT_EQ(t->value, t->output.at(0, oy, ox));
      EXPECT_EQ(t->window_y, oy * k.stride);
      EXPECT_EQ(t->window_x, ox * k.stride);
      ASSERT_EQ(t->patch.size(), size_t(area));
      for (int u = 0; u < k.window; ++u)
        for (int v = 0; v < k.window; ++v)
          EXPECT_EQ(t->patch[size_t(u * k.window + v)], r.input.at(0, t->window_y + u, t->window_x + v));

      const Planes& g = t->input_gradient;
      ASSERT_EQ(g.shape, r.input.shape);
      float total = 0;
      int nonzero = 0;
      for (float v : g.values) {
        total += v;
        nonzero += v != 0;
      }
      if (k.op == PoolOp::kMax) {
        ASSERT_GE(t->argmax, 0);
        ASSERT_LT(t->argmax, area);
        EXPECT_EQ(t->value, *std::max_element(t->patch.begin(), t->patch.end()));
        EXPECT_EQ(t->value, t->patch[size_t(t->argmax)]);
        // The gradient goes to the argmax only.
        EXPECT_EQ(nonzero, 1);
        EXPECT_EQ(total, 1.0f);
        EXPECT_EQ(g.at(0, t->window_y + t->argmax / k.window, t->window_x + t->argmax % k.window), 1.0f);
      } else {
        EXPECT_EQ(t->argmax, -1);
        float sum = 0;  // in the kernel's order, times the kernel's reciprocal
        for (float v : t->patch) sum += v;
        EXPECT_EQ(t->value, sum * (1.0f / float(area)));
        // The gradient spreads evenly over the window, nowhere else.
        EXPECT_EQ(nonzero, area);
        EXPECT_NEAR(total, 1.0f, 1e-6f);
        for (int u = 0; u < k.window; ++u)
          for (int v = 0; v < k.window; ++v)
            EXPECT_EQ(g.at(0, t->window_y + u, t->window_x + v), 1.0f / float(area));
      }
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, PoolTraceSweep,
                         ::testing::Values(SweepCase{"max_k2_s1_overlapping", PoolOp::kMax, 2, 1},
                                           SweepCase{"max_k2_s2", PoolOp::kMax, 2, 2},
                                           SweepCase{"max_k2_s3_gaps", PoolOp::kMax, 2, 3},
                                           SweepCase{"max_k3_s1_overlapping", PoolOp::kMax, 3, 1},
                                           SweepCase{"max_k3_s2_overlapping", PoolOp::kMax, 3, 2},
                                           SweepCase{"max_k3_s3", PoolOp::kMax, 3, 3},
                                           SweepCase{"avg_k2_s1_overlapping", PoolOp::kAverage, 2, 1},
                                           SweepCase{"avg_k2_s2", PoolOp::kAverage, 2, 2},
                                           SweepCase{"avg_k2_s3_gaps", PoolOp::kAverage, 2, 3},
                                           SweepCase{"avg_k3_s1_overlapping", PoolOp::kAverage, 3, 1},
                                           SweepCase{"avg_k3_s2_overlapping", PoolOp::kAverage, 3, 2},
                                           SweepCase{"avg_k3_s3", PoolOp::kAverage, 3, 3}),
                         [](const ::testing::TestParamInfo<SweepCase>& info) { return std::string(info.param.name); });

// The hand-checked grid of tests/layers/pool2d_test.cpp.
TEST(PoolTrace, HandCheckedGrid) {
  const Planes grid{Shape3{1, 4, 4}, {1, 3, 2, 1, 4, 6, 5, 0, 7, 2, 9, 8, 1, 3, 4, 2}};
  PoolTraceRequest r{grid, PoolOp::kMax, 2, 2, 1, 1};
  Expected<PoolTrace> max = trace_pooling(r);
  ASSERT_TRUE(max.ok()) << max.error();
  EXPECT_EQ(max->output.values, (std::vector<float>{6, 5, 7, 9}));
  EXPECT_EQ(max->patch, (std::vector<float>{9, 8, 4, 2}));
  EXPECT_EQ(max->argmax, 0);
  EXPECT_EQ(max->value, 9.0f);
  r.op = PoolOp::kAverage;
  Expected<PoolTrace> avg = trace_pooling(r);
  ASSERT_TRUE(avg.ok()) << avg.error();
  EXPECT_EQ(avg->output.values, (std::vector<float>{3.5f, 2, 3.25f, 5.75f}));
  EXPECT_EQ(avg->value, 5.75f);
}

// Ties: the kernel keeps the first largest value in row-major window order, and so does
// the trace; the vector kernel the layer runs agrees too.
TEST(PoolTrace, TiesPickTheFirstLargestLikeTheKernels) {
  PoolTraceRequest r;
  r.input = zero_planes(Shape3{1, 9, 10});
  Rng rng(7, RngStream::kData);
  for (float& v : r.input.values) v = float(rng.below(3));  // 0, 1, 2: ties everywhere
  r.window = 3;
  r.stride = 1;
  const int oh = 7, ow = 8;
  const Pool2DShape shape{1, 1, 9, 10, 3, 3, 1, oh, ow};
  std::vector<float> y(size_t(oh * ow));
  for (const MaxPoolKernel& kernel : maxpool_kernels()) {
    std::vector<int32_t> argmax(y.size());
    kernel.forward(shape, r.input.values.data(), y.data(), argmax.data());
    for (int oy = 0; oy < oh; ++oy)
      for (int ox = 0; ox < ow; ++ox) {
        r.out_y = oy;
        r.out_x = ox;
        Expected<PoolTrace> t = trace_pooling(r);
        ASSERT_TRUE(t.ok()) << t.error();
        const int flat = (oy + t->argmax / 3) * 10 + ox + t->argmax % 3;
        EXPECT_EQ(flat, argmax[size_t(oy * ow + ox)]) << kernel.name << " at " << oy << "," << ox;
        for (int i = 0; i < t->argmax; ++i) EXPECT_LT(t->patch[size_t(i)], t->value) << "an earlier tie was skipped";
      }
  }

  PoolTraceRequest flat{Planes{Shape3{1, 2, 2}, {5, 5, 5, 5}}, PoolOp::kMax, 2, 2, 0, 0};
  Expected<PoolTrace> t = trace_pooling(flat);
  ASSERT_TRUE(t.ok()) << t.error();
  EXPECT_EQ(t->argmax, 0);
  EXPECT_EQ(t->input_gradient.values, (std::vector<float>{1, 0, 0, 0}));
}

TEST(PoolTrace, BadRequestsAreClearErrors) {
  const PoolTraceRequest good{zero_planes(Shape3{1, 4, 4}), PoolOp::kMax, 2, 2, 0, 0};
  ASSERT_TRUE(trace_pooling(good).ok());
  struct Case {
    std::function<void(PoolTraceRequest&)> change;
    const char* message;
  };
  const Case cases[] = {
      {[](PoolTraceRequest& r) { r.input = zero_planes(Shape3{1, 2, 2}); r.window = 3; },
       "pooling: a 3x3 window does not fit a 2x2 input (output would be 0x0)"},
      {[](PoolTraceRequest& r) { r.input = zero_planes(Shape3{2, 4, 4}); }, "pooling: the input has 2 channels; this view takes 1"},
      {[](PoolTraceRequest& r) { r.input = zero_planes(Shape3{1, 4, 65}); }, "pooling: the input is 4x65; sides must be 1 to 64"},
      {[](PoolTraceRequest& r) { r.input.values.resize(3); }, "pooling: the input is 1x4x4 (16 values) but 3 values came"},
      {[](PoolTraceRequest& r) { r.window = 0; }, "pooling: window 0 is not in 1..8"},
      {[](PoolTraceRequest& r) { r.window = 9; }, "pooling: window 9 is not in 1..8"},
      {[](PoolTraceRequest& r) { r.stride = 0; }, "pooling: stride 0 is not in 1..8"},
      {[](PoolTraceRequest& r) { r.stride = 9; }, "pooling: stride 9 is not in 1..8"},
      {[](PoolTraceRequest& r) { r.op = PoolOp(7); }, "pooling: unknown mode (max or average)"},
      {[](PoolTraceRequest& r) { r.out_y = 2; }, "pooling: position (row 2, column 0) is outside the 2x2 output"},
      {[](PoolTraceRequest& r) { r.out_x = -1; }, "pooling: position (row 0, column -1) is outside the 2x2 output"},
  };
  for (const Case& c : cases) {
    PoolTraceRequest r = good;
    c.change(r);
    Expected<PoolTrace> t = trace_pooling(r);
    ASSERT_FALSE(t.ok()) << c.message;
    EXPECT_EQ(t.error(), c.message);
  }
}

}  // namespace
}  // namespace cnn::teach
