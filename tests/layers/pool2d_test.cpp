// Pooling: gradients, hand-checked values, and the backward routing rules.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "layers/pool2d/pool2d.h"
#include "model/model.h"
#include "support/grad_check.h"
#include "support/test_util.h"

namespace cnn {
namespace {

// Distinct values 0.05 apart in random order: a perturbation of 2e-2 never changes which
// value is the window's maximum, so max pooling is differentiable at every point checked.
void fill_distinct(Tensor& x, uint64_t seed) {
  std::vector<int> order(size_t(x.size()));
  std::iota(order.begin(), order.end(), 0);
  Rng rng(seed, RngStream::kData);
  for (size_t i = order.size(); i-- > 1;) std::swap(order[i], order[rng.below(uint32_t(i + 1))]);
  for (int64_t i = 0; i < x.size(); ++i) x[i] = 0.05f * float(order[size_t(i)]) - 1.0f;
}

class PoolGradient : public ::testing::TestWithParam<const char*> {};

TEST_P(PoolGradient, MatchesCentralDifferences) {
  Expected<Model> model = Model::build(GetParam(), 1);
  ASSERT_TRUE(model.ok()) << model.error();
  Tensor x(2, model->input_shape());
  fill_distinct(x, 3);
  // Piecewise linear: any step below half the 0.05 spacing is exact.
  test::GradCheckReport r = test::check_layer_gradients(model->layer(0), x, Mode::kTraining, 2e-2);
  EXPECT_LT(r.worst, 1e-3) << GetParam() << ": worst at " << r.where;
}

INSTANTIATE_TEST_SUITE_P(Shapes, PoolGradient,
                         ::testing::Values("input 4x4x2; maxpool 2", "input 7x7x2; maxpool 3 stride 2",
                                           "input 5x4x1; maxpool 2 stride 1", "input 4x4x2; avgpool 2",
                                           "input 7x7x2; avgpool 3 stride 2", "input 5x6x1; avgpool 2 stride 1",
                                           "input 5x5x1; maxpool 2x3 stride 2", "input 5x6x2; maxpool 3 stride 1 same",
                                           "input 4x5x1; maxpool 2 pad 1"));

// Padded average pools: windows of 4, 6 and 9 cells. Linear, so a large step is exact and
// the float rounding of a small one (1/6 and 1/9 are not exact) stays out of the check.
class AvgPoolGradient : public ::testing::TestWithParam<const char*> {};

TEST_P(AvgPoolGradient, MatchesCentralDifferences) {
  Expected<Model> model = Model::build(GetParam(), 1);
  ASSERT_TRUE(model.ok()) << model.error();
  Tensor x(2, model->input_shape());
  fill_distinct(x, 3);
  test::GradCheckReport r = test::check_layer_gradients(model->layer(0), x, Mode::kTraining, 0.5);
  EXPECT_LT(r.worst, 1e-4) << GetParam() << ": worst at " << r.where;
}

INSTANTIATE_TEST_SUITE_P(Padded, AvgPoolGradient,
                         ::testing::Values("input 5x6x2; avgpool 3 stride 1 same", "input 6x5x1; avgpool 3 stride 2 pad 1",
                                           "input 4x4x1; avgpool 2 pad 1"));

Tensor grid_4x4() {
  // 1  3  2  1
  // 4  6  5  0
  // 7  2  9  8
  // 1  3  4  2
  const float v[16] = {1, 3, 2, 1, 4, 6, 5, 0, 7, 2, 9, 8, 1, 3, 4, 2};
  Tensor x(1, Shape3{1, 4, 4});
  std::copy(v, v + 16, x.data());
  return x;
}

TEST(MaxPool2D, PicksWindowMaximaAndRoutesGradientToArgmax) {
  Expected<Model> model = Model::build("input 4x4x1; maxpool 2", 1);
  ASSERT_TRUE(model.ok());
  Tensor x = grid_4x4(), y, dy(1, Shape3{1, 2, 2}), dx;
  Layer& pool = model->layer(0);
  pool.forward(x, y, Mode::kTraining);
  EXPECT_EQ(y[0], 6.0f);
  EXPECT_EQ(y[1], 5.0f);
  EXPECT_EQ(y[2], 7.0f);
  EXPECT_EQ(y[3], 9.0f);
  dy.fill(1.0f);
  dy[3] = 2.5f;
  pool.backward(x, y, dy, &dx);
  // Only the four maxima receive gradient.
  for (int i = 0; i < 16; ++i) {
    const float expected = i == 5 ? 1.0f : i == 6 ? 1.0f : i == 8 ? 1.0f : i == 10 ? 2.5f : 0.0f;
    EXPECT_EQ(dx[i], expected) << "index " << i;
  }
}

TEST(AvgPool2D, AveragesAndSpreadsGradientEvenly) {
  Expected<Model> model = Model::build("input 4x4x1; avgpool 2", 1);
  ASSERT_TRUE(model.ok());
  Tensor x = grid_4x4(), y, dy(1, Shape3{1, 2, 2}), dx;
  Layer& pool = model->layer(0);
  pool.forward(x, y, Mode::kTraining);
  EXPECT_FLOAT_EQ(y[0], 3.5f);
  EXPECT_FLOAT_EQ(y[1], 2.0f);
  EXPECT_FLOAT_EQ(y[2], 3.25f);
  EXPECT_FLOAT_EQ(y[3], 5.75f);
  dy.fill(4.0f);
  pool.backward(x, y, dy, &dx);
  for (int i = 0; i < 16; ++i) EXPECT_FLOAT_EQ(dx[i], 1.0f) << "index " << i;
}

// Every variant in maxpool_kernels() / avgpool_kernels() against the first (the scalar
// reference): widths 1 to 2*4+1 and LeNet's 28 and 10, so every vector tail runs; square and
// oblong windows; strides 1 to 3 (overlapping, tiling and gapped windows); batch 1 and 2.
// Values are drawn from a few levels so that ties in max windows happen and must resolve alike.
TEST(PoolKernels, AgreeWithScalarReferenceOnAwkwardShapes) {
  const std::vector<MaxPoolKernel>& maxes = maxpool_kernels();
  const std::vector<AvgPoolKernel>& avgs = avgpool_kernels();
  ASSERT_STREQ(maxes[0].name, "f32_maxpool__scalar");
  ASSERT_STREQ(avgs[0].name, "f32_avgpool__scalar");
  Rng rng(12, RngStream::kData);
  int cases = 0;
  for (int width : {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 17, 28})
    for (int kh = 1; kh <= 3; ++kh)
      for (int kw = 1; kw <= 3; ++kw)
        for (int stride = 1; stride <= 3; ++stride)
          for (int pad = 0; pad <= 1; ++pad) {
            const int height = 2 + (width + kh) % 5;
            // Padding up to half the window, as the spec allows (Inception's "same" pools).
            Pool2DShape s{1 + width % 2, 1 + (width + kw) % 3, height, width, kh, kw, stride, 0, 0,
                          std::min(pad, kh / 2), std::min(pad, kw / 2)};
            if (pad && s.pad_h == 0 && s.pad_w == 0) continue;
            s.oh = conv_output_size(s.ih, kh, s.pad_h, stride);
            s.ow = conv_output_size(s.iw, kw, s.pad_w, stride);
            if (s.oh <= 0 || s.ow <= 0) continue;
            ++cases;
            std::vector<float> x(size_t(s.n * s.c * s.ih * s.iw)), dy(size_t(s.n * s.c * s.oh * s.ow));
            for (float& v : x) v = float(rng.below(7)) * 0.5f - 1.5f;
            test::fill_uniform(dy.data(), int64_t(dy.size()), rng);
            std::vector<std::vector<float>> y, dx;
            std::vector<std::vector<int32_t>> am;
            for (const MaxPoolKernel& k : maxes) {
              y.emplace_back(dy.size());
              am.emplace_back(dy.size());
              dx.emplace_back(x.size(), 123.0f);  // backward must overwrite every value
              k.forward(s, x.data(), y.back().data(), am.back().data());
              k.backward(s, am.back().data(), dy.data(), dx.back().data());
            }
            const std::string where = " width " + std::to_string(width) + " window " + std::to_string(kh) + "x" +
                                      std::to_string(kw) + " stride " + std::to_string(stride) +
                                      " pad " + std::to_string(s.pad_h) + "x" + std::to_string(s.pad_w);
            for (size_t v = 1; v < maxes.size(); ++v) {
              EXPECT_EQ(y[0], y[v]) << maxes[v].name << where;
              EXPECT_EQ(am[0], am[v]) << maxes[v].name << where;
              EXPECT_LT(test::compare(dx[0].data(), dx[v].data(), int64_t(x.size())).worst, 1e-6) << maxes[v].name << where;
            }
            y.clear();
            dx.clear();
            for (const AvgPoolKernel& k : avgs) {
              y.emplace_back(dy.size());
              dx.emplace_back(x.size(), 123.0f);
              k.forward(s, x.data(), y.back().data());
              k.backward(s, dy.data(), dx.back().data());
            }
            for (size_t v = 1; v < avgs.size(); ++v) {
              EXPECT_LT(test::compare(y[0].data(), y[v].data(), int64_t(dy.size())).worst, 1e-6) << avgs[v].name << where;
              EXPECT_LT(test::compare(dx[0].data(), dx[v].data(), int64_t(x.size())).worst, 1e-6) << avgs[v].name << where;
            }
          }
  EXPECT_GT(cases, 450);
}

// Keras' padding="same" and PyTorch's count_include_pad=False: a corner window of a 3x3
// stride-1 pool holds 4 cells of the image, so its average is over 4, not 9, and max never
// picks the padding (here every value is negative, so a zero border would win).
TEST(Pool2D, PaddedWindowsCountOnlyTheImage) {
  Expected<Model> avg = Model::build("input 4x4x1; avgpool 3 stride 1 same", 1);
  Expected<Model> max = Model::build("input 4x4x1; maxpool 3 stride 1 same", 1);
  ASSERT_TRUE(avg.ok()) << avg.error();
  ASSERT_TRUE(max.ok()) << max.error();
  Tensor x = grid_4x4(), y, ymax;
  for (int64_t i = 0; i < x.size(); ++i) x[i] -= 10.0f;
  avg->layer(0).forward(x, y, Mode::kInference);
  ASSERT_EQ(y.shape().str(), "4x4x1");
  EXPECT_FLOAT_EQ(y[0], (1 + 3 + 4 + 6) / 4.0f - 10.0f);
  EXPECT_FLOAT_EQ(y[5], (1 + 3 + 2 + 4 + 6 + 5 + 7 + 2 + 9) / 9.0f - 10.0f);
  max->layer(0).forward(x, ymax, Mode::kInference);
  EXPECT_EQ(ymax[0], 6.0f - 10.0f);
  EXPECT_EQ(ymax[15], 9.0f - 10.0f);
}

TEST(MaxPool2D, OverlappingWindowsAddGradients) {
  Expected<Model> model = Model::build("input 1x3x1; maxpool 1x2 stride 1", 1);
  ASSERT_TRUE(model.ok()) << model.error();
  Tensor x(1, Shape3{1, 1, 3}), y, dy(1, Shape3{1, 1, 2}), dx;
  x[0] = 0.0f;
  x[1] = 5.0f;
  x[2] = 1.0f;  // 5 is the max of both windows
  dy[0] = 1.0f;
  dy[1] = 2.0f;
  model->layer(0).forward(x, y, Mode::kTraining);
  model->layer(0).backward(x, y, dy, &dx);
  EXPECT_EQ(dx[0], 0.0f);
  EXPECT_EQ(dx[1], 3.0f);
  EXPECT_EQ(dx[2], 0.0f);
}

}  // namespace
}  // namespace cnn
