// Depthwise-separable convolution stepped (engine/teach/separable_trace.h): each cell of either
// step equals the engine's kernels' output bit for bit; note 002's 6x6x3 example costs 432 + 240
// against 2,160, the same counts as the summary of the two specs; the two steps together are a
// convolution whose kernel is the depthwise kernel times the pointwise weights.
#include "teach/separable_trace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "model/spec.h"
#include "support/teach_util.h"

namespace cnn::teach {
namespace {

using test::random_planes;

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(SeparableTrace, EveryCellOfBothStepsIsTheKernelsOutputBitForBit) {
  int checked = 0;
  for (int c = 1; c <= 4; c += 3)
    for (int f = 1; f <= 5; f += 2)
      for (int p = 0; p <= 2; ++p)
        for (int s = 1; s <= 3; s += 2) {
          SeparableRequest r;
          r.input = random_planes(Shape3{c, 7, 6}, uint64_t(c * 100 + f * 10 + p));
          r.depthwise = random_planes(Shape3{c, f, f}, uint64_t(f + c));
          r.pointwise = random_planes(Shape3{5, c, 1}, uint64_t(c));
          r.padding = p;
          r.stride = s;
          if (conv_output_size(6, f, p, s) < 1) continue;
          for (const SeparableStep step : {SeparableStep::kDepthwise, SeparableStep::kPointwise}) {
            r.step = step;
            r.cell = 0;
            Expected<SeparableTrace> first = trace_separable(r);
            ASSERT_TRUE(first.ok()) << first.error();
            const Planes& out = step == SeparableStep::kDepthwise ? first->depthwise_out : first->pointwise_out;
            for (r.cell = 0; r.cell < int(out.values.size()); ++r.cell) {
              Expected<SeparableTrace> t = trace_separable(r);
              ASSERT_TRUE(t.ok()) << t.error();
              ASSERT_TRUE(same_bits(t->sum, out.values[size_t(r.cell)]))
                  << "c " << c << " f " << f << " p " << p << " s " << s << " cell " << r.cell;
              ++checked;
            }
          }
        }
  EXPECT_GT(checked, 1000);
}

// Note 002: a 6x6x3 input, 3x3 kernels, 5 output channels.
TEST(SeparableTrace, TheNotesExampleCosts432And240AgainstTheSummarysCounts) {
  SeparableRequest r;
  r.input = random_planes(Shape3{3, 6, 6}, 1);
  r.depthwise = random_planes(Shape3{3, 3, 3}, 2);
  r.pointwise = random_planes(Shape3{5, 3, 1}, 3);
  r.step = SeparableStep::kPointwise;
  r.cell = 5 * 16 - 1;  // the last cell: both steps done
  Expected<SeparableTrace> t = trace_separable(r);
  ASSERT_TRUE(t.ok()) << t.error();
  EXPECT_EQ(t->depthwise_macs, 432);
  EXPECT_EQ(t->pointwise_macs, 240);
  EXPECT_EQ(t->normal_macs, 2160);
  EXPECT_EQ(t->done_macs, 672);
  EXPECT_EQ(t->depthwise_out.shape, (Shape3{3, 4, 4}));
  EXPECT_EQ(t->pointwise_out.shape, (Shape3{5, 4, 4}));
  // The engine's summary of the same layers counts the same.
  Expected<Summary> normal = summarize(*parse_spec("input 6x6x3; conv 5 3x3 valid nobias"));
  Expected<Summary> separable = summarize(*parse_spec("input 6x6x3; dwconv 3x3 valid nobias; conv 5 1x1 valid nobias"));
  ASSERT_TRUE(normal.ok() && separable.ok());
  EXPECT_EQ(normal->macs, t->normal_macs);
  EXPECT_EQ(separable->rows[0].macs, t->depthwise_macs);
  EXPECT_EQ(separable->rows[1].macs, t->pointwise_macs);
  // The depthwise step's first cell: 9 multiplications done; its 17th is channel 1's first.
  r.step = SeparableStep::kDepthwise;
  r.cell = 0;
  t = trace_separable(r);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->done_macs, 9);
  EXPECT_EQ(t->values.size(), 9u);
  r.cell = 16;
  t = trace_separable(r);
  EXPECT_EQ(t->channel, 1);
  EXPECT_EQ(t->out_y, 0);
  EXPECT_EQ(t->out_x, 0);
  EXPECT_EQ(t->done_macs, 17 * 9);
}

// Depthwise then pointwise is one convolution with kernel K[o][c] = w_pw[o][c] * w_dw[c] (no
// biases): the two steps compute what a normal convolution with that kernel would.
TEST(SeparableTrace, TheTwoStepsAreAConvolutionWithAFactoredKernel) {
  SeparableRequest r;
  r.input = random_planes(Shape3{3, 6, 6}, 4);
  r.depthwise = random_planes(Shape3{3, 3, 3}, 5);
  r.pointwise = random_planes(Shape3{5, 3, 1}, 6);
  Expected<SeparableTrace> t = trace_separable(r);
  ASSERT_TRUE(t.ok()) << t.error();
  for (int o = 0; o < 5; ++o)
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) {
        double full = 0;
        for (int c = 0; c < 3; ++c)
          for (int u = 0; u < 3; ++u)
            for (int v = 0; v < 3; ++v)
              full += double(r.pointwise.at(o, c, 0)) * r.depthwise.at(c, u, v) * r.input.at(c, i + u, j + v);
        EXPECT_NEAR(t->pointwise_out.at(o, i, j), full, 1e-5) << o << " " << i << " " << j;
      }
}

TEST(SeparableTrace, BadRequestsNameWhatIsWrong) {
  SeparableRequest r;
  r.input = random_planes(Shape3{3, 6, 6}, 1);
  r.depthwise = random_planes(Shape3{2, 3, 3}, 2);
  r.pointwise = random_planes(Shape3{5, 3, 1}, 3);
  Expected<SeparableTrace> t = trace_separable(r);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("one kernel a channel"), std::string::npos) << t.error();
  r.depthwise = random_planes(Shape3{3, 3, 3}, 2);
  r.pointwise = random_planes(Shape3{5, 2, 1}, 3);
  t = trace_separable(r);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("pointwise"), std::string::npos) << t.error();
  r.pointwise = random_planes(Shape3{5, 3, 1}, 3);
  r.cell = 3 * 16;
  t = trace_separable(r);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("outside the 3x4x4 output"), std::string::npos) << t.error();
  r.cell = 0;
  r.stride = 0;
  EXPECT_FALSE(trace_separable(r).ok());
  r.stride = 1;
  r.depthwise = random_planes(Shape3{3, 7, 7}, 2);
  EXPECT_FALSE(trace_separable(r).ok());
  r.depthwise = random_planes(Shape3{3, 3, 3}, 2);
  r.pointwise.values.pop_back();
  EXPECT_FALSE(trace_separable(r).ok());
}

}  // namespace
}  // namespace cnn::teach
