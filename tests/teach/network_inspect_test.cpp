// Network inspection (engine/teach/network_inspect.h) on the shipped LeNet-5 weights: one
// view per statement with the model's own activations, fields, kernels and probabilities.
#include "teach/network_inspect.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "io/model_file.h"
#include "layers/conv2d/conv2d_kernels.h"
#include "loss/softmax_xent.h"
#include "support/test_util.h"

namespace cnn::teach {
namespace {

Model shipped() {
  Expected<Model> model = load_model_file(std::string(CNN_ASSETS_DIR) + "/lenet5-mnist.bin");
  EXPECT_TRUE(model.ok()) << model.error();
  return std::move(*model);
}

// A 28x28 "7": a bar across the top and a diagonal down to the bottom.
std::vector<float> seven() {
  std::vector<float> x(784, 0.0f);
  for (int c = 6; c < 22; ++c) x[size_t(6 * 28 + c)] = x[size_t(7 * 28 + c)] = 1.0f;
  for (int r = 8; r < 24; ++r) {
    const int c = 21 - (r - 8) / 2;
    x[size_t(r * 28 + c)] = x[size_t(r * 28 + c - 1)] = 1.0f;
  }
  return x;
}

TEST(NetworkInspect, LeNet5StatementsShapesAndNames) {
  Model model = shipped();
  Expected<NetworkView> net = inspect_network(model, seven());
  ASSERT_TRUE(net.ok()) << net.error();
  const struct { const char* name; const char* text; Shape3 shape; } expected[] = {
      {"conv2d", "conv 6 5x5 same relu", {6, 28, 28}},   {"max_pooling2d", "maxpool 2", {6, 14, 14}},
      {"conv2d", "conv 16 5x5 valid relu", {16, 10, 10}}, {"max_pooling2d", "maxpool 2", {16, 5, 5}},
      {"flatten", "flatten", {400, 1, 1}},                {"dense", "dense 120 relu", {120, 1, 1}},
      {"dense", "dense 84 relu", {84, 1, 1}},              {"dense", "dense 10", {10, 1, 1}},
  };
  ASSERT_EQ(net->layers.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    const StatementView& v = net->layers[i];
    EXPECT_EQ(v.name, expected[i].name) << i;
    EXPECT_EQ(v.text, expected[i].text) << i;
    EXPECT_EQ(v.output.shape, expected[i].shape) << v.text;
    EXPECT_EQ(int64_t(v.output.values.size()), expected[i].shape.size()) << v.text;
  }
}

// The views are the model's activations after each statement's activation: conv1's view
// is the convolution of the input followed by ReLU, recomputed here with the reference
// kernel; flatten's view is pool2's values in CHW order.
TEST(NetworkInspect, OutputsAreTheModelsActivationsAfterTheActivation) {
  Model model = shipped();
  const std::vector<float> input = seven();
  Expected<NetworkView> net = inspect_network(model, input);
  ASSERT_TRUE(net.ok()) << net.error();

  const std::vector<ParamRef> conv1 = model.layer(0).params();
  const Conv2DShape s{1, 1, 28, 28, 6, 5, 5, 1, 2, 2, 28, 28};
  std::vector<float> y(6 * 28 * 28);
  f32_conv2d_fwd__scalar(s, input.data(), conv1[0].value->data(), conv1[1].value->data(), y.data(), nullptr);
  bool some_negative = false;
  for (float& v : y) {
    some_negative |= v < 0;
    v = std::max(v, 0.0f);
  }
  ASSERT_TRUE(some_negative) << "the check below would not tell ReLU from no ReLU";
  test::Mismatch m = test::compare(y.data(), net->layers[0].output.values.data(), int64_t(y.size()));
  EXPECT_LT(m.worst, 1e-5) << "conv1 at " << m.index;

  EXPECT_EQ(net->layers[4].output.values, net->layers[3].output.values);  // flatten moves nothing
  // Statement i ends at engine layer: conv relu | pool | conv relu | pool | flatten | dense relu | dense relu | dense.
  const int ends[] = {1, 2, 4, 5, 6, 8, 10, 11};
  for (size_t i = 0; i < std::size(ends); ++i) {
    const Tensor& a = model.activation(ends[i] + 1);
    EXPECT_EQ(net->layers[i].output.values, std::vector<float>(a.data(), a.data() + a.size())) << net->layers[i].text;
  }
}

TEST(NetworkInspect, ProbabilitiesArePredictsAndTheSoftmaxOfTheLastLayer) {
  Model model = shipped();
  const std::vector<float> input = seven();
  Expected<NetworkView> net = inspect_network(model, input);
  ASSERT_TRUE(net.ok()) << net.error();

  Tensor x(1, Shape3{1, 28, 28}), probs;
  std::copy(input.begin(), input.end(), x.data());
  model.predict(x, probs);
  EXPECT_EQ(net->probs, std::vector<float>(probs.data(), probs.data() + probs.size()));
  EXPECT_EQ(std::max_element(net->probs.begin(), net->probs.end()) - net->probs.begin(), 7) << "the shipped model reads a 7";

  // LeNet-5 ends in a plain "dense 10": its view holds the logits, whose softmax is probs.
  const std::vector<float>& logits = net->layers.back().output.values;
  std::vector<float> softmax(10);
  f32_softmax__scalar(1, 10, logits.data(), softmax.data());
  EXPECT_EQ(softmax, net->probs);
  EXPECT_NE(logits, net->probs);
}

// Hand-worked in tests/teach/receptive_field_test.cpp: 5, 6, 14, 16 pixels, jumps 1, 2, 2, 4.
TEST(NetworkInspect, LeNet5ReceptiveFields) {
  Model model = shipped();
  Expected<NetworkView> net = inspect_network(model, seven());
  ASSERT_TRUE(net.ok()) << net.error();
  const struct { int size, jump, first; } expected[] = {
      {5, 1, -2}, {6, 2, -2}, {14, 2, -2}, {16, 4, -2}, {16, 4, -2}, {28, 1, 0}, {28, 1, 0}, {28, 1, 0}};
  for (size_t i = 0; i < std::size(expected); ++i)
    for (const FieldAxis& a : {net->layers[i].field.y, net->layers[i].field.x}) {
      EXPECT_EQ(a.size, expected[i].size) << net->layers[i].text;
      EXPECT_EQ(a.jump, expected[i].jump) << net->layers[i].text;
      EXPECT_EQ(a.first, expected[i].first) << net->layers[i].text;
    }
}

TEST(NetworkInspect, KernelsAndBiasesAreTheModelsWeights) {
  Model model = shipped();
  Expected<NetworkView> net = inspect_network(model, seven());
  ASSERT_TRUE(net.ok()) << net.error();
  const std::vector<ParamRef> conv1 = model.layer(0).params(), conv2 = model.layer(3).params();
  const StatementView& c1 = net->layers[0];
  EXPECT_EQ(c1.kernels.shape, (Shape3{6 * 1, 5, 5}));
  EXPECT_EQ(c1.kernel_inputs, 1);
  EXPECT_EQ(c1.kernels.values, std::vector<float>(conv1[0].value->data(), conv1[0].value->data() + 6 * 25));
  EXPECT_EQ(c1.biases, std::vector<float>(conv1[1].value->data(), conv1[1].value->data() + 6));
  const StatementView& c2 = net->layers[2];
  EXPECT_EQ(c2.kernels.shape, (Shape3{16 * 6, 5, 5}));
  EXPECT_EQ(c2.kernel_inputs, 6);
  // Plane o * 6 + i is weight[o][i]: plane 13 is filter 2 over input channel 1.
  EXPECT_EQ(c2.kernels.at(13, 4, 3), conv2[0].value->at(2, 1, 4, 3));
  EXPECT_EQ(c2.biases.size(), 16u);
  for (size_t i : {1, 3, 4}) {  // pools and flatten
    EXPECT_EQ(net->layers[i].kernel_inputs, 0) << net->layers[i].text;
    EXPECT_TRUE(net->layers[i].kernels.values.empty()) << net->layers[i].text;
    EXPECT_TRUE(net->layers[i].biases.empty()) << net->layers[i].text;
  }
  const size_t units[] = {120, 84, 10};
  for (size_t i = 0; i < 3; ++i) {  // dense: biases, no kernels
    const StatementView& d = net->layers[5 + i];
    EXPECT_EQ(d.kernel_inputs, 0);
    EXPECT_TRUE(d.kernels.values.empty());
    EXPECT_EQ(d.biases.size(), units[i]);
  }
  const std::vector<ParamRef> last = model.layer(11).params();
  EXPECT_EQ(net->layers[7].biases, std::vector<float>(last[1].value->data(), last[1].value->data() + 10));
}

// Batch norm, a separate activation, dropout and a final softmax each get their own view;
// the softmax statement shows probabilities (the engine's softmax layer passes logits).
TEST(NetworkInspect, EveryStatementKindAndAFinalSoftmax) {
  Expected<Model> model =
      Model::build("input 6x7x1; conv 2 3x3 same; batchnorm; relu; maxpool 2x3 stride 1; dropout 0.5; flatten; dense 3 softmax", 4);
  ASSERT_TRUE(model.ok()) << model.error();
  Rng rng(3, RngStream::kData);
  std::vector<float> input(42);
  test::fill_uniform(input.data(), 42, rng);
  Expected<NetworkView> net = inspect_network(*model, input);
  ASSERT_TRUE(net.ok()) << net.error();
  const char* names[] = {"conv2d", "batch_normalization", "activation", "max_pooling2d", "dropout", "flatten", "dense"};
  ASSERT_EQ(net->layers.size(), std::size(names));
  for (size_t i = 0; i < std::size(names); ++i) EXPECT_EQ(net->layers[i].name, names[i]);
  EXPECT_EQ(net->layers[6].text, "dense 3 softmax");
  EXPECT_EQ(net->layers[6].output.values, net->probs);
  EXPECT_EQ(net->layers[4].output.values, net->layers[3].output.values) << "dropout is off in inference";
  for (float v : net->layers[2].output.values) EXPECT_GE(v, 0.0f);
  // maxpool 2x3: rows 3 + 1 = 4, columns 3 + 2 = 5.
  EXPECT_EQ(net->layers[3].field.y.size, 4);
  EXPECT_EQ(net->layers[3].field.x.size, 5);
  EXPECT_EQ(net->layers[6].field.x.size, 7);  // dense: the whole 6x7 input
  EXPECT_EQ(net->layers[6].field.y.size, 6);
}

// Blocks: each path's statements one level deeper, then the block's own view. Its output is
// the engine's sum (main path + the block's input, for an identity shortcut) or its branches
// stacked along channels, checked here against the views before it.
TEST(NetworkInspect, BlocksShowEveryPathThenTheirSumOrStack) {
  Expected<Model> model = Model::build(
      "input 6x6x1; conv 2 3x3 same; residual(conv 2 3x3 same relu; conv 2 1x1); "
      "parallel(conv 1 1x1 | maxpool 3 stride 1 same; dwconv 3x3 same) relu; flatten; dense 3", 4);
  ASSERT_TRUE(model.ok()) << model.error();
  Rng rng(5, RngStream::kData);
  std::vector<float> input(36);
  test::fill_uniform(input.data(), 36, rng);
  Expected<NetworkView> net = inspect_network(*model, input);
  ASSERT_TRUE(net.ok()) << net.error();
  // conv | conv relu, conv, add | conv, maxpool, dwconv, concatenate relu | flatten, dense
  const char* names[] = {"conv2d", "conv2d", "conv2d", "add", "conv2d", "max_pooling2d", "depthwise_conv2d",
                         "concatenate", "flatten", "dense"};
  const int depths[] = {0, 1, 1, 0, 1, 1, 1, 0, 0, 0};
  const int paths[] = {0, 0, 0, 0, 0, 1, 1, 0, 0, 0};
  ASSERT_EQ(net->layers.size(), std::size(names));
  for (size_t i = 0; i < std::size(names); ++i) {
    EXPECT_EQ(net->layers[i].name, names[i]) << i;
    EXPECT_EQ(net->layers[i].depth, depths[i]) << i;
    EXPECT_EQ(net->layers[i].path, paths[i]) << i;
  }
  EXPECT_TRUE(net->layers[3].block);
  EXPECT_EQ(net->layers[1].text, "conv 2 3x3 same relu");
  const std::vector<float>& before = net->layers[0].output.values;
  const std::vector<float>& main = net->layers[2].output.values;
  const std::vector<float>& sum = net->layers[3].output.values;
  ASSERT_EQ(sum.size(), 72u);
  for (size_t i = 0; i < sum.size(); ++i) EXPECT_FLOAT_EQ(sum[i], main[i] + before[i]) << i;
  // The parallel block: branch 1's one channel, then branch 2's two, after the block's relu.
  const std::vector<float>& b1 = net->layers[4].output.values;
  const std::vector<float>& b2 = net->layers[6].output.values;
  const std::vector<float>& stacked = net->layers[7].output.values;
  ASSERT_EQ(net->layers[7].output.shape.c, 3);
  for (size_t i = 0; i < 36; ++i) EXPECT_EQ(stacked[i], std::max(b1[i], 0.0f)) << i;
  for (size_t i = 0; i < 72; ++i) EXPECT_EQ(stacked[36 + i], std::max(b2[i], 0.0f)) << i;
  EXPECT_EQ(net->layers[6].kernels.shape.c, 2) << "one depthwise kernel per channel";
  EXPECT_EQ(net->layers[6].kernel_inputs, 1);
  // Fields: the first conv sees 3 rows, the residual block's main path (3x3 then 1x1) 5, its
  // identity 3: the union is 5. The parallel block's widest branch (3x3 pool, 3x3 dwconv)
  // adds 4: 9.
  EXPECT_EQ(net->layers[3].field.y.size, 5);
  EXPECT_EQ(net->layers[7].field.y.size, 9);
}

TEST(NetworkInspect, WrongInputSizeIsAnError) {
  Model model = shipped();
  Expected<NetworkView> net = inspect_network(model, std::vector<float>(783, 0.0f));
  ASSERT_FALSE(net.ok());
  EXPECT_EQ(net.error(), "inspect: 783 values for a 28x28x1 input (784 needed)");
}

}  // namespace
}  // namespace cnn::teach
