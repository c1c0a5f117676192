// Conv2D: gradients against central differences, and every kernel variant against the
// scalar reference on awkward shapes. (PyTorch fixtures: tests/reference/.)
#include <gtest/gtest.h>

#include "layers/conv2d/conv2d.h"
#include "model/model.h"
#include "support/grad_check.h"
#include "support/test_util.h"

namespace cnn {
namespace {

struct ConvCase {
  const char* spec;
  int batch;
};

class Conv2DGradient : public ::testing::TestWithParam<ConvCase> {};

TEST_P(Conv2DGradient, MatchesCentralDifferences) {
  Expected<Model> model = Model::build(GetParam().spec, 3);
  ASSERT_TRUE(model.ok()) << model.error();
  Rng rng(11, RngStream::kData);
  Tensor x(GetParam().batch, model->input_shape());
  test::fill_uniform(x, rng);
  test::GradCheckReport r = test::check_layer_gradients(model->layer(0), x, Mode::kTraining, 0.5);  // linear: exact
  EXPECT_LT(r.worst, 1e-3) << GetParam().spec << ": worst at " << r.where;
  EXPECT_GT(r.checked, 0);
}

INSTANTIATE_TEST_SUITE_P(Shapes, Conv2DGradient,
                         ::testing::Values(ConvCase{"input 5x5x3; conv 4 3x3 valid", 2},
                                           ConvCase{"input 5x5x3; conv 2 3x3 same", 2},
                                           ConvCase{"input 6x5x2; conv 3 3x3 stride 2 pad 1", 2},
                                           ConvCase{"input 7x7x1; conv 2 5x5 stride 3 pad 2", 1},
                                           ConvCase{"input 4x5x3; conv 2 1x1", 2},
                                           ConvCase{"input 5x6x2; conv 2 2x3 pad 1", 2},
                                           ConvCase{"input 4x7x2; conv 3 1x5 same nobias", 2},
                                           ConvCase{"input 7x4x2; conv 2 5x1 stride 2 pad 2x0", 2}));

// Every variant in conv2d_kernels() against the first (the scalar reference).
TEST(Conv2DKernels, AgreeWithScalarReferenceOnAwkwardShapes) {
  const std::vector<Conv2DKernel>& kernels = conv2d_kernels();
  ASSERT_GE(kernels.size(), 2u);
  ASSERT_STREQ(kernels[0].name, "f32_conv2d__scalar");
  Rng rng(5, RngStream::kData);
  int cases = 0;
  for (int width = 1; width <= 9; ++width)
    for (int k : {1, 3, 5})
      for (int stride = 1; stride <= 3; ++stride)
        for (int pad = 0; pad <= 2; ++pad) {
          const int height = 3 + width % 4;
          const int pad_w = (pad + width) % 3;  // the axes padded differently, as 1x7 "same" does
          Conv2DShape s{1 + width % 3, 1 + width % 3, height, width, 1 + (width + k) % 5, k, k, stride, pad, pad_w, 0, 0};
          s.oh = conv_output_size(s.ih, k, pad, stride);
          s.ow = conv_output_size(s.iw, k, pad_w, stride);
          if (s.oh <= 0 || s.ow <= 0) continue;
          ++cases;
          std::vector<float> x(size_t(s.n * s.ic * s.ih * s.iw)), w(size_t(s.oc * s.ic * k * k)), b(size_t(s.oc));
          std::vector<float> dy(size_t(s.n * s.oc * s.oh * s.ow));
          for (auto* v : {&x, &w, &b, &dy}) test::fill_uniform(v->data(), int64_t(v->size()), rng);

          std::vector<std::vector<float>> y, dx, dw, db;
          for (const Conv2DKernel& kernel : kernels) {
            AlignedFloats ws(size_t(kernel.workspace_floats(s).value()) + 1);
            y.emplace_back(dy.size());
            dx.emplace_back(x.size());
            dw.emplace_back(w.size());
            db.emplace_back(b.size());
            kernel.forward(s, x.data(), w.data(), b.data(), y.back().data(), ws.data());
            kernel.backward(s, x.data(), w.data(), dy.data(), dx.back().data(), dw.back().data(), db.back().data(),
                            ws.data());
          }
          for (size_t v = 1; v < kernels.size(); ++v) {
            const std::string what = std::string(kernels[v].name) + " width " + std::to_string(width) + " k " +
                                     std::to_string(k) + " stride " + std::to_string(stride) + " pad " +
                                     std::to_string(pad) + "x" + std::to_string(pad_w);
            EXPECT_LT(test::compare(y[0].data(), y[v].data(), int64_t(y[0].size())).worst, 1e-5) << what << " y";
            EXPECT_LT(test::compare(dx[0].data(), dx[v].data(), int64_t(x.size())).worst, 1e-5) << what << " dx";
            EXPECT_LT(test::compare(dw[0].data(), dw[v].data(), int64_t(w.size())).worst, 1e-5) << what << " dw";
            EXPECT_LT(test::compare(db[0].data(), db[v].data(), int64_t(b.size())).worst, 1e-5) << what << " db";
          }
        }
  EXPECT_GT(cases, 200);
}

// LeNet-5's own shapes and a stride-2 one: long rows, so the full 4x8 GEMM tiles, the
// 4-wide tiles and the scalar tails all run on the sizes that matter for speed.
TEST(Conv2DKernels, AgreeWithScalarReferenceOnLeNetShapes) {
  const std::vector<Conv2DKernel>& kernels = conv2d_kernels();
  Rng rng(6, RngStream::kData);
  const Conv2DShape shapes[] = {
      {2, 1, 28, 28, 6, 5, 5, 1, 2, 2, 28, 28},    // conv1: same padding
      {1, 6, 14, 14, 16, 5, 5, 1, 0, 0, 10, 10},   // conv2: valid, batch 1
      {3, 3, 17, 13, 5, 3, 3, 2, 1, 1, 9, 7},      // stride 2, padding, odd sizes
      {1, 2, 11, 11, 7, 1, 1, 1, 0, 0, 11, 11},   // 1x1 kernel
      {2, 3, 6, 9, 4, 1, 7, 1, 0, 3, 6, 9},       // 1x7 same: per-axis padding (InceptionV3)
      {1, 2, 9, 5, 3, 7, 1, 2, 3, 0, 5, 5}};      // 7x1, stride 2
  for (const Conv2DShape& s : shapes) {
    std::vector<float> x(size_t(s.n * s.ic * s.ih * s.iw)), w(size_t(s.oc * s.ic * s.kh * s.kw)), b(size_t(s.oc));
    std::vector<float> dy(size_t(s.n * s.oc * s.oh * s.ow));
    for (auto* v : {&x, &w, &b, &dy}) test::fill_uniform(v->data(), int64_t(v->size()), rng);
    std::vector<std::vector<float>> y, dx, dw, db;
    for (const Conv2DKernel& kernel : kernels) {
      AlignedFloats ws(size_t(kernel.workspace_floats(s).value()) + 1);
      y.emplace_back(dy.size());
      dx.emplace_back(x.size());
      dw.emplace_back(w.size());
      db.emplace_back(b.size());
      kernel.forward(s, x.data(), w.data(), b.data(), y.back().data(), ws.data());
      kernel.backward(s, x.data(), w.data(), dy.data(), dx.back().data(), dw.back().data(), db.back().data(),
                      ws.data());
    }
    for (size_t v = 1; v < kernels.size(); ++v) {
      const std::string what = std::string(kernels[v].name) + " " + std::to_string(s.ih) + "x" +
                               std::to_string(s.iw) + "x" + std::to_string(s.ic) + " -> " + std::to_string(s.oc);
      // dw and db sum up to 2 * 784 products: allow for the different summation order.
      EXPECT_LT(test::compare(y[0].data(), y[v].data(), int64_t(y[0].size())).worst, 1e-5) << what << " y";
      EXPECT_LT(test::compare(dx[0].data(), dx[v].data(), int64_t(x.size())).worst, 1e-5) << what << " dx";
      EXPECT_LT(test::compare(dw[0].data(), dw[v].data(), int64_t(w.size())).worst, 1e-5) << what << " dw";
      EXPECT_LT(test::compare(db[0].data(), db[v].data(), int64_t(b.size())).worst, 1e-5) << what << " db";
    }
  }
}

TEST(Conv2D, HandComputedVerticalEdge) {
  // The course notes' example: a 6x6 image, bright left half (10) and dark right half (0),
  // convolved with the vertical-edge kernel [1 0 -1] x 3 rows gives 30 along the edge.
  Expected<Model> model = Model::build("input 6x6x1; conv 1 3x3 valid", 1);
  ASSERT_TRUE(model.ok());
  auto& conv = static_cast<Conv2D&>(model->layer(0));
  const float kernel[9] = {1, 0, -1, 1, 0, -1, 1, 0, -1};
  std::copy(kernel, kernel + 9, conv.weight.data());
  conv.bias.zero();
  Tensor x(1, Shape3{1, 6, 6});
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j < 6; ++j) x.at(0, 0, i, j) = j < 3 ? 10.0f : 0.0f;
  const Tensor& y = model->forward(x, Mode::kInference);
  ASSERT_EQ(y.h(), 4);
  ASSERT_EQ(y.w(), 4);
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(y.at(0, 0, i, 0), 0.0f);
    EXPECT_EQ(y.at(0, 0, i, 1), 30.0f);
    EXPECT_EQ(y.at(0, 0, i, 2), 30.0f);
    EXPECT_EQ(y.at(0, 0, i, 3), 0.0f);
  }
}

}  // namespace
}  // namespace cnn
