// Convolution trace (engine/teach/conv_trace.h): stepping through every output cell gives
// back the engine's own output bit for bit, on the course's examples and awkward shapes.
#include "teach/conv_trace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>

#include "layers/conv2d/conv2d_kernels.h"
#include "support/teach_util.h"
#include "tensor/tensor.h"

namespace cnn::teach {
namespace {

uint32_t bits(float v) {
  uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

using test::random_planes;

// The course's 6x6 image: bright left half (10), dark right half (0).
Planes half_bright() {
  Planes p = zero_planes(Shape3{1, 6, 6});
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 3; ++x) p.at(0, y, x) = 10;
  return p;
}

// Vertical edge detector: 1 0 -1 on every row.
Planes vertical_edge() {
  return Planes{Shape3{1, 3, 3}, {1, 0, -1, 1, 0, -1, 1, 0, -1}};
}

TEST(ConvTrace, HalfBrightImageGivesThirtiesInTheMiddleColumns) {
  ConvTraceRequest r{half_bright(), vertical_edge()};
  r.out_y = 2;
  r.out_x = 1;
  Expected<ConvTrace> t = trace_convolution(r);
  ASSERT_TRUE(t.ok()) << t.error();
  ASSERT_EQ(t->output.shape, (Shape3{1, 4, 4}));
  const float expected_row[4] = {0, 30, 30, 0};
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 4; ++x) EXPECT_EQ(t->output.at(0, y, x), expected_row[x]) << "at " << y << "," << x;
  EXPECT_EQ(t->window_y, 2);
  EXPECT_EQ(t->window_x, 1);
  EXPECT_EQ(t->patch, (std::vector<float>{10, 10, 0, 10, 10, 0, 10, 10, 0}));
  EXPECT_EQ(t->products, (std::vector<float>{10, 0, 0, 10, 0, 0, 10, 0, 0}));
  EXPECT_EQ(t->channel_sums, (std::vector<float>{30}));
  EXPECT_EQ(t->sum, 30.0f);
  EXPECT_EQ(t->padded.values, r.input.values);  // padding 0: nothing added
}

struct SweepCase {
  const char* name;
  int c, h, w, f, pad, stride;
  bool flip;
};

class ConvTraceSweep : public ::testing::TestWithParam<SweepCase> {};

// Every cell, traced on its own, has the sum of the engine's output there, bit for bit;
// patch, products, window and padding are what they claim to be.
TEST_P(ConvTraceSweep, EveryCellReproducesTheOutputExactly) {
  const SweepCase& k = GetParam();
  ConvTraceRequest r;
  r.input = random_planes(Shape3{k.c, k.h, k.w}, 1);
  r.kernel = random_planes(Shape3{k.c, k.f, k.f}, 2);
  r.bias = 0.375f;
  r.padding = k.pad;
  r.stride = k.stride;
  r.flip = k.flip;
  Expected<ConvTrace> first = trace_convolution(r);
  ASSERT_TRUE(first.ok()) << first.error();
  const Planes output = first->output;
  const int oh = (k.h + 2 * k.pad - k.f) / k.stride + 1, ow = (k.w + 2 * k.pad - k.f) / k.stride + 1;
  ASSERT_EQ(output.shape, (Shape3{1, oh, ow}));

  // Padded: the input in the middle, zeros around it.
  const Planes& padded = first->padded;
  ASSERT_EQ(padded.shape, (Shape3{k.c, k.h + 2 * k.pad, k.w + 2 * k.pad}));
  for (int c = 0; c < k.c; ++c)
    for (int y = 0; y < padded.shape.h; ++y)
      for (int x = 0; x < padded.shape.w; ++x) {
        const bool inside = y >= k.pad && y < k.pad + k.h && x >= k.pad && x < k.pad + k.w;
        EXPECT_EQ(padded.at(c, y, x), inside ? r.input.at(c, y - k.pad, x - k.pad) : 0.0f);
      }

  const int area = k.f * k.f;
  for (int oy = 0; oy < oh; ++oy)
    for (int ox = 0; ox < ow; ++ox) {
      r.out_y = oy;
      r.out_x = ox;
      Expected<ConvTrace> t = trace_convolution(r);
      ASSERT_TRUE(t.ok()) << t.error();
      EXPECT_EQ(t->output.values, output.values);
      EXPECT_EQ(bits(t->sum), bits(output.at(0, oy, ox))) << "cell " << oy << "," << ox << ": " << t->sum << " vs "
                                                         << output.at(0, oy, ox);
      EXPECT_EQ(t->window_y, oy * k.stride);
      EXPECT_EQ(t->window_x, ox * k.stride);
      ASSERT_EQ(t->patch.size(), size_t(k.c * area));
      ASSERT_EQ(t->products.size(), t->patch.size());
      ASSERT_EQ(t->channel_sums.size(), size_t(k.c));
      float total = t->bias;
      for (int c = 0; c < k.c; ++c) {
        float channel = 0;
        for (int u = 0; u < k.f; ++u)
          for (int v = 0; v < k.f; ++v) {
            const size_t i = size_t((c * k.f + u) * k.f + v);
            EXPECT_EQ(t->patch[i], padded.at(c, t->window_y + u, t->window_x + v));
            EXPECT_EQ(t->products[i], t->patch[i] * t->kernel.values[i]);
            channel += t->products[i];
          }
        EXPECT_EQ(t->channel_sums[size_t(c)], channel);
        total += t->channel_sums[size_t(c)];
      }
      // Bias plus the channel sums is the same sum in another order: equal up to rounding.
      EXPECT_NEAR(total, t->sum, 1e-5f * (1 + std::fabs(t->sum)));
    }

  // The fast kernel the layer uses agrees with the reference the trace uses.
  const Conv2DKernel& fast = conv2d_kernels().back();
  const Conv2DShape shape{1, k.c, k.h, k.w, 1, k.f, k.f, k.stride, k.pad, k.pad, oh, ow};
  AlignedFloats workspace(size_t(fast.workspace_floats(shape).value()) + 1);
  std::vector<float> y(output.values.size());
  fast.forward(shape, r.input.values.data(), first->kernel.values.data(), &r.bias, y.data(), workspace.data());
  test::Mismatch m = test::compare(y.data(), output.values.data(), int64_t(y.size()));
  EXPECT_LT(m.worst, 1e-5) << fast.name << " at " << m.index;
}

INSTANTIATE_TEST_SUITE_P(Shapes, ConvTraceSweep,
                         ::testing::Values(SweepCase{"k3_p0_s1", 1, 6, 6, 3, 0, 1, false},
                                           SweepCase{"k5_p2_s1", 1, 8, 8, 5, 2, 1, false},
                                           SweepCase{"k3_p1_s2_odd_7x9", 1, 7, 9, 3, 1, 2, false},
                                           SweepCase{"k4_p3_s3_even_kernel", 1, 10, 11, 4, 3, 3, false},
                                           SweepCase{"c3_k3_p1_s1", 3, 6, 5, 3, 1, 1, false},
                                           SweepCase{"c2_k7_p8_s8_flip", 2, 9, 12, 7, 8, 8, true},
                                           SweepCase{"k1_p0_s1_flip", 1, 1, 1, 1, 0, 1, true},
                                           SweepCase{"k5_p2_s3_flip_64x64", 1, 64, 64, 5, 2, 3, true}),
                         [](const ::testing::TestParamInfo<SweepCase>& info) { return std::string(info.param.name); });

// The reference kernel skips the zero border instead of adding 0 * w; with a sum of -0 the
// two differ (-0 + +0 = +0), and the trace must follow the kernel.
TEST(ConvTrace, SignedZeroMatchesTheKernelBitForBit) {
  ConvTraceRequest r;
  r.input = Planes{Shape3{1, 1, 1}, {0.0f}};
  r.kernel = Planes{Shape3{1, 3, 3}, {1, 1, 1, 1, -1, 1, 1, 1, 1}};  // only the centre sees the image
  r.bias = -0.0f;
  r.padding = 1;
  Expected<ConvTrace> t = trace_convolution(r);
  ASSERT_TRUE(t.ok()) << t.error();
  EXPECT_EQ(bits(t->output.values[0]), bits(-0.0f));  // -0 + (-1 * 0) = -0
  EXPECT_EQ(bits(t->sum), bits(t->output.values[0]));
}

// A single bright pixel: convolution (flip) stamps the kernel itself, cross-correlation
// stamps it rotated by 180 degrees.
TEST(ConvTrace, FlipTurnsCrossCorrelationIntoConvolution) {
  Planes impulse = zero_planes(Shape3{1, 5, 5});
  impulse.at(0, 2, 2) = 1;
  const Planes kernel{Shape3{1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
  ConvTraceRequest r{impulse, kernel};
  r.padding = 1;

  r.flip = true;
  Expected<ConvTrace> conv = trace_convolution(r);
  ASSERT_TRUE(conv.ok()) << conv.error();
  EXPECT_EQ(conv->kernel.values, (std::vector<float>{9, 8, 7, 6, 5, 4, 3, 2, 1}));
  r.flip = false;
  Expected<ConvTrace> corr = trace_convolution(r);
  ASSERT_TRUE(corr.ok()) << corr.error();
  EXPECT_EQ(corr->kernel.values, kernel.values);

  for (int u = 0; u < 3; ++u)
    for (int v = 0; v < 3; ++v) {
      EXPECT_EQ(conv->output.at(0, 1 + u, 1 + v), kernel.at(0, u, v));
      EXPECT_EQ(corr->output.at(0, 1 + u, 1 + v), kernel.at(0, 2 - u, 2 - v));
    }
  EXPECT_EQ(conv->output.at(0, 0, 0), 0.0f);  // away from the impulse
}

TEST(ConvTrace, ThreeChannelSumsAddUpWithTheBias) {
  ConvTraceRequest r;
  r.input = zero_planes(Shape3{3, 4, 4});
  r.kernel = zero_planes(Shape3{3, 3, 3});
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 16; ++i) r.input.values[size_t(c * 16 + i)] = float(c + 1);  // channel c is all c + 1
  for (float& w : r.kernel.values) w = 1;
  r.bias = 0.5f;
  r.out_y = 1;
  r.out_x = 0;
  Expected<ConvTrace> t = trace_convolution(r);
  ASSERT_TRUE(t.ok()) << t.error();
  EXPECT_EQ(t->channel_sums, (std::vector<float>{9, 18, 27}));
  EXPECT_EQ(t->sum, 54.5f);
  EXPECT_EQ(t->output.at(0, 1, 0), 54.5f);
}

TEST(ConvTrace, BadRequestsAreClearErrors) {
  const ConvTraceRequest good{half_bright(), vertical_edge()};
  ASSERT_TRUE(trace_convolution(good).ok());
  struct Case {
    std::function<void(ConvTraceRequest&)> change;
    const char* message;
  };
  const Case cases[] = {
      {[](ConvTraceRequest& r) { r.input = zero_planes(Shape3{1, 3, 3}); r.kernel = zero_planes(Shape3{1, 5, 5}); },
       "convolution: a 5x5 kernel does not fit a 3x3 input with padding 0 (output would be -1x-1)"},
      {[](ConvTraceRequest& r) { r.input = zero_planes(Shape3{4, 6, 6}); },
       "convolution: the input has 4 channels; this view takes 1 to 3"},
      {[](ConvTraceRequest& r) { r.input.shape = Shape3{1, 0, 6}; }, "convolution: the input is 0x6; sides must be 1 to 64"},
      {[](ConvTraceRequest& r) { r.input = zero_planes(Shape3{1, 65, 6}); },
       "convolution: the input is 65x6; sides must be 1 to 64"},
      {[](ConvTraceRequest& r) { r.input.values.pop_back(); },
       "convolution: the input is 1x6x6 (36 values) but 35 values came"},
      {[](ConvTraceRequest& r) { r.kernel = zero_planes(Shape3{1, 3, 5}); },
       "convolution: the kernel is 3x5; it must be square, 1x1 to 7x7"},
      {[](ConvTraceRequest& r) { r.kernel = zero_planes(Shape3{1, 8, 8}); },
       "convolution: the kernel is 8x8; it must be square, 1x1 to 7x7"},
      {[](ConvTraceRequest& r) { r.kernel = zero_planes(Shape3{2, 3, 3}); },
       "convolution: the kernel has 2 channels but the input has 1 (one kernel plane per input channel)"},
      {[](ConvTraceRequest& r) { r.kernel.values.push_back(1); },
       "convolution: the kernel is 1x3x3 (9 values) but 10 values came"},
      {[](ConvTraceRequest& r) { r.padding = -1; }, "convolution: padding -1 is not in 0..8"},
      {[](ConvTraceRequest& r) { r.padding = 9; }, "convolution: padding 9 is not in 0..8"},
      {[](ConvTraceRequest& r) { r.stride = 0; }, "convolution: stride 0 is not in 1..8"},
      {[](ConvTraceRequest& r) { r.stride = 9; }, "convolution: stride 9 is not in 1..8"},
      {[](ConvTraceRequest& r) { r.out_y = 4; }, "convolution: position (row 4, column 0) is outside the 4x4 output"},
      {[](ConvTraceRequest& r) { r.out_x = -1; }, "convolution: position (row 0, column -1) is outside the 4x4 output"},
  };
  for (const Case& c : cases) {
    ConvTraceRequest r = good;
    c.change(r);
    Expected<ConvTrace> t = trace_convolution(r);
    ASSERT_FALSE(t.ok()) << c.message;
    EXPECT_EQ(t.error(), c.message);
  }
}

}  // namespace
}  // namespace cnn::teach
