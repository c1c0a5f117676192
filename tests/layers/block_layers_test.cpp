// The layers the modern networks need (depthwise convolution, zero padding, global average
// pooling, ReLU6, batch norm without scale) and the residual and parallel blocks: gradients
// against central differences, the depthwise kernels against the scalar reference on
// awkward shapes, and whole block networks built, counted and saved. (PyTorch fixtures:
// tests/reference/dwconv2d_torch_test.cpp and block_networks_torch_test.cpp.)
#include <gtest/gtest.h>

#include "data/dataset.h"
#include "io/model_file.h"
#include "layers/block/block.h"
#include "layers/dwconv2d/dwconv2d.h"
#include "model/model.h"
#include "optim/optimizer.h"
#include "support/grad_check.h"
#include "support/test_util.h"

namespace cnn {
namespace {

struct GradCase {
  const char* spec;
  double step;  // linear layers: a large step is exact; kinks need a small one
  double bound;
};

class NewLayerGradient : public ::testing::TestWithParam<GradCase> {};

TEST_P(NewLayerGradient, MatchesCentralDifferences) {
  Expected<Model> model = Model::build(GetParam().spec, 3);
  ASSERT_TRUE(model.ok()) << model.error();
  Rng rng(17, RngStream::kData);
  Tensor x(3, model->input_shape());
  test::fill_uniform(x, rng);
  for (int64_t i = 0; i < x.size(); ++i) x[i] *= 4.0f;  // ReLU6 sees both of its kinks' sides
  test::GradCheckReport r = test::check_layer_gradients(model->layer(0), x, Mode::kTraining, GetParam().step);
  EXPECT_LT(r.worst, GetParam().bound) << GetParam().spec << ": worst at " << r.where;
  EXPECT_GT(r.checked, 0);
}

INSTANTIATE_TEST_SUITE_P(
    Layers, NewLayerGradient,
    ::testing::Values(GradCase{"input 5x6x3; dwconv 3x3 same", 0.5, 1e-3},
                      GradCase{"input 7x7x2; dwconv 3x3 stride 2 valid nobias", 0.5, 1e-3},
                      GradCase{"input 9x8x2; dwconv 5x3 stride 3 pad 2x1", 0.5, 1e-3},
                      GradCase{"input 4x5x2; zeropad 0 1 2 3", 0.5, 1e-4},
                      GradCase{"input 3x4x2; rescale 255", 0.5, 1e-4},
                      GradCase{"input 3x4x2; rescale 0.00392157", 0.5, 1e-4},
                      GradCase{"input 4x5x3; globalavgpool", 0.5, 1e-4},
                      GradCase{"input 4x5x3; relu6", 1e-3, 1e-3},
                      GradCase{"input 3x4x3; batchnorm noscale", 1e-2, 1e-2}));

// Blocks as layers: every path's parameters and the input's gradient. Smooth activations
// (tanh) so that a finite step never crosses a kink.
INSTANTIATE_TEST_SUITE_P(
    Blocks, NewLayerGradient,
    ::testing::Values(GradCase{"input 5x5x2; residual(conv 2 3x3 same tanh; conv 2 3x3 same)", 1e-2, 1e-2},
                      GradCase{"input 6x6x2; residual(conv 3 3x3 stride 2 same tanh | conv 3 1x1 stride 2 valid)", 1e-2, 1e-2},
                      GradCase{"input 5x5x3; parallel(conv 2 1x1 tanh | conv 1 3x3 same; dwconv 3x3 same | avgpool 3 stride 1 same)",
                               1e-2, 1e-2},
                      GradCase{"input 4x4x2; residual(parallel(conv 1 1x1 | conv 1 3x3 same tanh); conv 2 1x1)", 1e-2, 1e-2}));

// Note 003's run takes MNIST's pixels as they are stored, 0..255: the engine's 0..1 data
// through 'rescale 255' give every byte back (to float rounding), and the same network
// without it is 61,706 parameters either way.
TEST(Rescale, Note003sPresetSeesThePixelsAsStored) {
  Expected<Model> model = Model::build("lenet5-note003", 1);
  ASSERT_TRUE(model.ok()) << model.error();
  Dataset d;
  d.count = 1;
  d.rows = d.cols = 28;
  for (int i = 0; i < 784; ++i) d.pixels.push_back(uint8_t(i % 256));
  d.labels = {3};
  Tensor x, y;
  int32_t label = 0;
  d.slice(0, 1, x, &label);
  model->layer(0).forward(x, y, Mode::kInference);
  ASSERT_EQ(y.size(), 784);
  float worst = 0;
  for (int i = 0; i < 784; ++i) worst = std::max(worst, std::abs(y[i] - float(i % 256)));
  EXPECT_LT(worst, 1e-4f);
  EXPECT_EQ(model->param_count(), 61706);
}

// Every variant in dwconv2d_kernels() against the first (the scalar reference).
TEST(DwConv2DKernels, AgreeWithScalarReferenceOnAwkwardShapes) {
  const std::vector<DwConv2DKernel>& kernels = dwconv2d_kernels();
  ASSERT_GE(kernels.size(), 2u);
  ASSERT_STREQ(kernels[0].name, "f32_dwconv2d__scalar");
  Rng rng(9, RngStream::kData);
  int cases = 0;
  for (int width : {1, 2, 3, 4, 5, 7, 8, 9, 13, 17, 28})
    for (int k : {1, 3, 5})
      for (int stride = 1; stride <= 3; ++stride)
        for (int pad = 0; pad <= 2; ++pad) {
          const int height = 2 + (width + k) % 6, kw = k == 5 ? 3 : k;  // non-square 5x3 too
          const int pad_w = (pad + width) % 3;
          DwConv2DShape s{1 + width % 2, 1 + (width + k) % 4, height, width, k, kw, stride, pad, pad_w, 0, 0};
          s.oh = conv_output_size(s.ih, s.kh, s.pad_h, stride);
          s.ow = conv_output_size(s.iw, s.kw, s.pad_w, stride);
          if (s.oh <= 0 || s.ow <= 0) continue;
          ++cases;
          std::vector<float> x(size_t(s.n * s.c * s.ih * s.iw)), w(size_t(s.c * s.kh * s.kw)), b(size_t(s.c));
          std::vector<float> dy(size_t(s.n * s.c * s.oh * s.ow));
          for (auto* v : {&x, &w, &b, &dy}) test::fill_uniform(v->data(), int64_t(v->size()), rng);
          std::vector<std::vector<float>> y, dx, dw, db;
          for (const DwConv2DKernel& kernel : kernels) {
            AlignedFloats ws(size_t(kernel.workspace_floats(s).value()) + 1);
            y.emplace_back(dy.size(), 123.0f);
            dx.emplace_back(x.size(), 123.0f);  // every value must be written
            dw.emplace_back(w.size(), 123.0f);
            db.emplace_back(b.size(), 123.0f);
            kernel.forward(s, x.data(), w.data(), b.data(), y.back().data(), ws.data());
            kernel.backward(s, x.data(), w.data(), dy.data(), dx.back().data(), dw.back().data(), db.back().data(),
                            ws.data());
          }
          for (size_t v = 1; v < kernels.size(); ++v) {
            const std::string what = std::string(kernels[v].name) + " width " + std::to_string(width) + " k " +
                                     std::to_string(k) + "x" + std::to_string(kw) + " stride " + std::to_string(stride) +
                                     " pad " + std::to_string(pad) + "x" + std::to_string(pad_w);
            EXPECT_LT(test::compare(y[0].data(), y[v].data(), int64_t(y[0].size())).worst, 1e-5) << what << " y";
            EXPECT_LT(test::compare(dx[0].data(), dx[v].data(), int64_t(x.size())).worst, 1e-5) << what << " dx";
            EXPECT_LT(test::compare(dw[0].data(), dw[v].data(), int64_t(w.size())).worst, 1e-5) << what << " dw";
            EXPECT_LT(test::compare(db[0].data(), db[v].data(), int64_t(b.size())).worst, 1e-5) << what << " db";
          }
        }
  EXPECT_GT(cases, 200);
}

constexpr const char* kSmallResNet =
    "input 8x8x1; conv 4 3x3 same nobias; batchnorm; relu; residual(conv 4 3x3 same nobias; batchnorm; relu; "
    "conv 4 3x3 same nobias; batchnorm) relu; residual(conv 8 3x3 stride 2 same nobias; batchnorm; relu; dwconv 3x3 same; "
    "conv 8 1x1 nobias; batchnorm noscale | conv 8 1x1 stride 2 nobias; batchnorm) relu6; "
    "parallel(conv 2 1x1 | maxpool 3 stride 1 same; conv 2 1x1); globalavgpool; dropout 0.1; dense 3";

TEST(BlockNetworks, AllocateWhatTheSummaryCounts) {
  Expected<Model> model = Model::build(kSmallResNet, 5);
  ASSERT_TRUE(model.ok()) << model.error();
  Expected<Summary> s = summarize(model->spec());
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(model->param_count(), s->params);
  int64_t buffers = 0;
  for (Tensor* t : model->buffers()) buffers += t->size();
  EXPECT_EQ(buffers, s->nontrainable);
  auto* block = dynamic_cast<Block*>(&model->layer(5));  // the projection block (after the first block's relu)
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->path_count(), 2);
  EXPECT_EQ(block->path(0).size(), 6);
  EXPECT_EQ(block->path(1).size(), 2);
}

TEST(BlockNetworks, TrainOnASmallProblem) {
  Expected<Model> model = Model::build(kSmallResNet, 5);
  ASSERT_TRUE(model.ok()) << model.error();
  // Three classes: a bright top half, a bright bottom half, or dark.
  Rng rng(3, RngStream::kData);
  Tensor x(24, model->input_shape());
  std::vector<int32_t> labels(24);
  for (int n = 0; n < 24; ++n) {
    labels[size_t(n)] = n % 3;
    for (int i = 0; i < 8; ++i)
      for (int j = 0; j < 8; ++j) {
        const bool lit = (n % 3 == 0 && i < 4) || (n % 3 == 1 && i >= 4);
        x[(int64_t(n) * 8 + i) * 8 + j] = (lit ? 1.0f : 0.0f) + 0.1f * rng.uniform(-1.0f, 1.0f);
      }
  }
  OptimizerConfig config;
  config.lr = 0.01f;
  Optimizer optimizer(config, model->params());
  const double first = model->forward_backward(x, labels.data()).loss;
  double last = first;
  for (int step = 0; step < 60; ++step) {
    last = model->forward_backward(x, labels.data()).loss;
    optimizer.step(config.lr);
  }
  EXPECT_LT(last, 0.2 * first) << "first " << first << " last " << last;
}

TEST(BlockNetworks, SaveAndLoadKeepEveryPathsWeights) {
  Expected<Model> model = Model::build(kSmallResNet, 5);
  ASSERT_TRUE(model.ok()) << model.error();
  for (Tensor* t : model->buffers()) t->fill(0.25f);  // running statistics are saved too
  const std::vector<uint8_t> bytes = save_model(*model);
  Expected<Model> loaded = load_model(bytes.data(), bytes.size(), "block.cnnmodel");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(loaded->spec_text(), model->spec_text());
  Tensor x(2, model->input_shape()), p1, p2;
  Rng rng(4, RngStream::kData);
  test::fill_uniform(x, rng);
  model->predict(x, p1);
  loaded->predict(x, p2);
  EXPECT_EQ(test::compare(p1.data(), p2.data(), p1.size()).worst, 0.0);
}

}  // namespace
}  // namespace cnn
