// The backward pass stepped (engine/teach/conv_backward_trace.h): after the last position the
// stepped dA_prev, dW and db are the engine's backward kernel's bit for bit, on the course's
// shapes and awkward ones; the partial sums are the note's loop stopped early; the kernel's
// gradients are the loss's, by central differences.
#include "teach/conv_backward_trace.h"

#include <gtest/gtest.h>

#include <cstring>

#include "layers/conv2d/conv2d_kernels.h"
#include "model/spec.h"
#include "support/teach_util.h"

namespace cnn::teach {
namespace {

using test::random_planes;

int positions(const ConvBackwardRequest& r) {
  const int f = r.kernel.shape.h;
  return conv_output_size(r.input.shape.h, f, r.padding, r.stride) *
         conv_output_size(r.input.shape.w, f, r.padding, r.stride);
}

TEST(ConvBackwardTrace, EveryPositionAddedEqualsTheKernelBitForBitOnAwkwardShapes) {
  int checked = 0;
  for (int c = 1; c <= 3; ++c)
    for (int f = 1; f <= 5; f += 2)
      for (int p = 0; p <= 3; ++p)
        for (int s = 1; s <= 3; ++s)
          for (const Shape3 side : {Shape3{c, 7, 5}, Shape3{c, 16, 1 + f}, Shape3{c, f, f}}) {
            ConvBackwardRequest r;
            r.input = random_planes(side, uint64_t(c * 1000 + f * 100 + p * 10 + s));
            r.kernel = random_planes(Shape3{c, f, f}, uint64_t(f * 7 + c));
            r.padding = p;
            r.stride = s;
            r.upstream = UpstreamGradient((c + f + p + s) % 3);
            if (conv_output_size(side.h, f, p, s) < 1 || conv_output_size(side.w, f, p, s) < 1) continue;
            r.cell = positions(r) - 1;
            r.steps = positions(r);
            Expected<ConvBackwardTrace> t = trace_conv_backward(r);
            ASSERT_TRUE(t.ok()) << t.error();
            EXPECT_TRUE(t->equals_kernel) << "c " << c << " f " << f << " p " << p << " s " << s << " " << side.h << "x"
                                          << side.w;
            // The kernel's own result, independently: the same call the trace makes.
            const int oh = t->dz.shape.h, ow = t->dz.shape.w;
            std::vector<float> dx(r.input.values.size()), dw(r.kernel.values.size());
            float db = 0;
            const Conv2DShape shape{1, c, side.h, side.w, 1, f, f, s, p, p, oh, ow};
            f32_conv2d_bwd__scalar(shape, r.input.values.data(), r.kernel.values.data(), t->dz.values.data(), dx.data(),
                                   dw.data(), &db, nullptr);
            ASSERT_EQ(std::memcmp(dw.data(), t->dw.values.data(), dw.size() * sizeof(float)), 0);
            ASSERT_EQ(std::memcmp(&db, &t->db, sizeof db), 0);
            for (int ch = 0; ch < c; ++ch)
              for (int y = 0; y < side.h; ++y)
                for (int x = 0; x < side.w; ++x) {
                  const float cut = t->d_padded.at(ch, y + p, x + p);
                  const float kernel = dx[size_t((ch * side.h + y) * side.w + x)];
                  ASSERT_EQ(std::memcmp(&cut, &kernel, sizeof cut), 0) << ch << " " << y << " " << x;
                }
            ++checked;
          }
  EXPECT_GT(checked, 150);
}

// Note 000's loop by hand on a 3x3 input, a 2x2 kernel and dZ = 1, 2, 3, 4: after two
// positions, dA_prev_pad holds W * 1 at (0,0) and W * 2 at (0,1), dW the two windows
// weighted, db = 3.
TEST(ConvBackwardTrace, StoppedEarlyItHoldsTheNotesPartialSums) {
  ConvBackwardRequest r;
  r.input = Planes{Shape3{1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
  r.kernel = Planes{Shape3{1, 2, 2}, {1, -1, 2, 0}};
  r.upstream = UpstreamGradient::kCounting;
  r.steps = 2;
  Expected<ConvBackwardTrace> t = trace_conv_backward(r);
  ASSERT_TRUE(t.ok()) << t.error();
  EXPECT_EQ(t->dz.values, (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(t->out_y, 0);
  EXPECT_EQ(t->out_x, 1);
  EXPECT_EQ(t->window_x, 1);
  EXPECT_EQ(t->d_padded.values, (std::vector<float>{1, -1 + 2, -2, 2, 0 + 4, 0, 0, 0, 0}));
  // dW = 1 * [1 2; 4 5] + 2 * [2 3; 5 6]
  EXPECT_EQ(t->dw.values, (std::vector<float>{5, 8, 14, 17}));
  EXPECT_EQ(t->db, 3.0f);
  EXPECT_FALSE(t->equals_kernel);  // two of four positions: not yet the kernel's
  r.steps = 4;
  t = trace_conv_backward(r);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->db, 10.0f);
  EXPECT_TRUE(t->equals_kernel);
  // 0 steps: nothing added, the window nowhere.
  r.steps = 0;
  t = trace_conv_backward(r);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->out_y, -1);
  EXPECT_EQ(t->d_padded.values, std::vector<float>(9, 0.0f));
}

// One output's gradient (a single 1 in dZ) puts W into that output's window of dA_prev_pad,
// the border included before it is cut off: padding 1, stride 2.
TEST(ConvBackwardTrace, OneCellsGradientCopiesTheKernelIntoItsWindow) {
  ConvBackwardRequest r;
  r.input = Planes{Shape3{1, 4, 4}, std::vector<float>(16, 1.0f)};
  r.kernel = Planes{Shape3{1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
  r.padding = 1;
  r.stride = 2;
  r.upstream = UpstreamGradient::kOneCell;
  r.cell = 0;  // output (0, 0): window rows 0..2, columns 0..2 of the 6x6 padded input
  r.steps = 4;
  Expected<ConvBackwardTrace> t = trace_conv_backward(r);
  ASSERT_TRUE(t.ok()) << t.error();
  ASSERT_EQ(t->d_padded.shape, (Shape3{1, 6, 6}));
  for (int u = 0; u < 3; ++u)
    for (int v = 0; v < 3; ++v) EXPECT_EQ(t->d_padded.at(0, u, v), float(u * 3 + v + 1));
  EXPECT_EQ(t->kernel_dx.at(0, 0, 0), 5.0f);  // the border cut off: (1,1) of the padded
  EXPECT_EQ(t->kernel_dx.at(0, 1, 1), 9.0f);
  // dW: the window's input values, ones inside the image, the border's zeros outside it.
  EXPECT_EQ(t->dw.values, (std::vector<float>{0, 0, 0, 0, 1, 1, 0, 1, 1}));
  EXPECT_TRUE(t->equals_kernel);
}

// The kernel's gradients are those of L = sum(dZ * conv(x, W) + b) by central differences,
// so the trace that equals it teaches the true gradient.
TEST(ConvBackwardTrace, TheGradientsAreTheLossesByCentralDifferences) {
  ConvBackwardRequest r;
  r.input = random_planes(Shape3{2, 5, 4}, 3);
  r.kernel = random_planes(Shape3{2, 3, 3}, 4);
  r.padding = 1;
  r.stride = 2;
  r.upstream = UpstreamGradient::kCounting;
  r.steps = positions(r);
  Expected<ConvBackwardTrace> t = trace_conv_backward(r);
  ASSERT_TRUE(t.ok()) << t.error();
  const Shape3 in = r.input.shape;
  const int oh = t->dz.shape.h, ow = t->dz.shape.w;
  const Conv2DShape shape{1, in.c, in.h, in.w, 1, 3, 3, 2, 1, 1, oh, ow};
  auto loss = [&](const Planes& x, const Planes& w, float b) {
    std::vector<float> y(size_t(oh * ow));
    f32_conv2d_fwd__scalar(shape, x.values.data(), w.values.data(), &b, y.data(), nullptr);
    double l = 0;
    for (size_t i = 0; i < y.size(); ++i) l += double(y[i]) * t->dz.values[i];
    return l;
  };
  const float h = 1e-2f;
  for (size_t i = 0; i < r.input.values.size(); ++i) {
    Planes up = r.input, down = r.input;
    up.values[i] += h;
    down.values[i] -= h;
    EXPECT_NEAR((loss(up, r.kernel, 0) - loss(down, r.kernel, 0)) / (2 * h), t->kernel_dx.values[i], 2e-2) << i;
  }
  for (size_t i = 0; i < r.kernel.values.size(); ++i) {
    Planes up = r.kernel, down = r.kernel;
    up.values[i] += h;
    down.values[i] -= h;
    EXPECT_NEAR((loss(r.input, up, 0) - loss(r.input, down, 0)) / (2 * h), t->dw.values[i], 2e-2) << i;
  }
  EXPECT_NEAR((loss(r.input, r.kernel, h) - loss(r.input, r.kernel, -h)) / (2 * h), t->db, 2e-2);
}

TEST(ConvBackwardTrace, BadRequestsNameWhatIsWrong) {
  ConvBackwardRequest r;
  r.input = Planes{Shape3{1, 3, 3}, std::vector<float>(9, 1.0f)};
  r.kernel = Planes{Shape3{1, 5, 5}, std::vector<float>(25, 1.0f)};
  Expected<ConvBackwardTrace> t = trace_conv_backward(r);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("does not fit"), std::string::npos) << t.error();
  r.kernel = Planes{Shape3{1, 2, 2}, std::vector<float>(4, 1.0f)};
  r.steps = 5;  // 2x2 output: 0..4
  t = trace_conv_backward(r);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("5 steps"), std::string::npos) << t.error();
  r.steps = 4;
  r.upstream = UpstreamGradient::kOneCell;
  r.cell = 4;
  t = trace_conv_backward(r);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("cell 4"), std::string::npos) << t.error();
  r.cell = 0;
  r.padding = 4;
  EXPECT_FALSE(trace_conv_backward(r).ok());
  r.padding = 0;
  r.stride = 0;
  EXPECT_FALSE(trace_conv_backward(r).ok());
  r.stride = 1;
  r.kernel = Planes{Shape3{2, 2, 2}, std::vector<float>(8, 1.0f)};
  t = trace_conv_backward(r);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.error().find("channels"), std::string::npos) << t.error();
  r.kernel = Planes{Shape3{1, 2, 2}, std::vector<float>(3, 1.0f)};  // values short of the shape
  EXPECT_FALSE(trace_conv_backward(r).ok());
  r.kernel = Planes{Shape3{1, 2, 2}, std::vector<float>(4, 1.0f)};
  r.input = Planes{Shape3{1, 17, 3}, std::vector<float>(51, 1.0f)};
  EXPECT_FALSE(trace_conv_backward(r).ok());
}

}  // namespace
}  // namespace cnn::teach
