// Whole networks with blocks against PyTorch (tests/fixtures/make_fixtures.py: resnet_block,
// inception_block, mobilenet_block): from the same parameters and batch, the logits, the
// loss, the input's gradient, every parameter gradient, two SGD-momentum and two Adam steps (weight decay 0.01 on
// weights only) and the batch-norm running statistics after them, as lenet5_torch_test.cpp
// does for LeNet-5. Residual paths, projection shortcuts, parallel branches with a padded
// pool, depthwise convolutions, ReLU6 and batch norm all train together here.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "model/model.h"
#include "optim/optimizer.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

struct BlockNetwork {
  const char* file;
  const char* spec;  // the network each fixture's PyTorch module is written from
};

class BlockNetworkTorch : public ::testing::TestWithParam<BlockNetwork> {
 protected:
  void SetUp() override {
    Expected<test::Fixture> f = test::load_fixture(GetParam().file);
    ASSERT_TRUE(f.ok()) << f.error();
    fixture_ = std::move(*f);
    fresh_model();
    x_.resize(4, model_->input_shape());
    ASSERT_TRUE(test::copy_fixture(tensor("x"), x_, "x"));
    for (float l : tensor("labels").data) labels_.push_back(int32_t(l));
  }

  const test::FixtureTensor& tensor(const std::string& name) const { return test::fixture_tensor(fixture_, name); }

  // A new model (running statistics at mean 0, var 1, as each PyTorch run starts) with the
  // fixture's initial parameters.
  void fresh_model() {
    Expected<Model> m = Model::build(GetParam().spec, 1);
    ASSERT_TRUE(m.ok()) << m.error();
    model_ = std::make_unique<Model>(std::move(*m));
    std::vector<ParamRef> params = model_->params();
    for (size_t k = 0; k < params.size(); ++k)
      ASSERT_TRUE(test::copy_fixture(tensor("param." + std::to_string(k)), *params[k].value, "param." + std::to_string(k)));
    ASSERT_FALSE(fixture_.has("param." + std::to_string(params.size()))) << "the fixture has more parameters";
  }

  void expect_params(const std::string& prefix, test::FixtureCheck& check) {
    std::vector<ParamRef> params = model_->params();
    for (size_t k = 0; k < params.size(); ++k) {
      const std::string name = prefix + "." + std::to_string(k), index = "index." + std::to_string(k);
      const Tensor& value = *params[k].value;
      if (fixture_.has(index))
        check.expect_at(name, tensor(name), tensor(index), value.data(), value.size(), test::kForwardTolerance);
      else
        check.expect(name, tensor(name), value, test::kForwardTolerance);
    }
  }

  void check_two_steps(const std::string& prefix, const OptimizerConfig& config, const std::string& buffers,
                       test::FixtureCheck& check) {
    fresh_model();
    Optimizer optimizer(config, model_->params());
    std::vector<float> losses;
    for (int step = 1; step <= 2; ++step) {
      losses.push_back(float(model_->forward_backward(x_, labels_.data()).loss));
      optimizer.step(config.lr);
      expect_params(prefix + std::to_string(step), check);
    }
    std::vector<Tensor*> stats = model_->buffers();
    for (size_t k = 0; k < stats.size(); ++k)
      check.expect(buffers + std::to_string(k), tensor(buffers + std::to_string(k)), *stats[k], test::kForwardTolerance);
    losses.push_back(float(model_->forward_backward(x_, labels_.data()).loss));
    check.expect(prefix + ".loss", tensor(prefix + ".loss"), losses.data(), int64_t(losses.size()), test::kForwardTolerance);
  }

  test::Fixture fixture_;
  std::unique_ptr<Model> model_;
  Tensor x_;
  std::vector<int32_t> labels_;
};

TEST_P(BlockNetworkTorch, LogitsLossAndGradients) {
  test::FixtureCheck check(GetParam().file);
  Tensor dx;
  const float loss = float(model_->forward_backward(x_, labels_.data(), &dx).loss);
  // The input's gradient: through every path of the first block (inception_block starts with
  // its parallel block, so its four branches' dx are added here).
  check.expect("dx", tensor("dx"), dx, test::kGradientTolerance);
  check.expect("logits", tensor("logits"), model_->activation(model_->layer_count()), test::kForwardTolerance);
  check.expect("loss", tensor("loss"), &loss, 1, test::kForwardTolerance);
  std::vector<ParamRef> params = model_->params();
  for (size_t k = 0; k < params.size(); ++k)
    check.expect("grad." + std::to_string(k), tensor("grad." + std::to_string(k)), *params[k].grad,
                 test::kGradientTolerance);
}

TEST_P(BlockNetworkTorch, TwoMomentumStepsMatchTorchSgd) {
  OptimizerConfig config;
  config.kind = OptimizerKind::kMomentum;
  config.lr = 0.05f;
  config.momentum = 0.9f;
  config.weight_decay = 0.01f;
  test::FixtureCheck check(std::string(GetParam().file) + " momentum");
  check_two_steps("sgd", config, "buffer.", check);
}

TEST_P(BlockNetworkTorch, TwoAdamStepsMatchTorchAdam) {
  OptimizerConfig config;
  config.kind = OptimizerKind::kAdam;
  config.lr = 0.01f;
  config.weight_decay = 0.01f;
  test::FixtureCheck check(std::string(GetParam().file) + " adam");
  check_two_steps("adam", config, "adam.buffer.", check);
}

INSTANTIATE_TEST_SUITE_P(
    Networks, BlockNetworkTorch,
    ::testing::Values(
        BlockNetwork{"resnet_block.fix",
                     "input 8x8x3; conv 4 3x3 same nobias; batchnorm; relu; residual(conv 4 3x3 same nobias; batchnorm; "
                     "relu; conv 4 3x3 same nobias; batchnorm) relu; residual(conv 6 3x3 stride 2 same nobias; batchnorm; "
                     "relu; conv 6 3x3 same nobias; batchnorm | conv 6 1x1 stride 2 nobias; batchnorm) relu; "
                     "globalavgpool; dense 5"},
        BlockNetwork{"inception_block.fix",
                     "input 7x7x3; parallel(conv 2 1x1 relu | conv 3 1x1 relu; conv 4 3x3 same relu | conv 2 1x1 relu; "
                     "conv 3 5x5 same relu | maxpool 3 stride 1 same; conv 2 1x1 relu); flatten; dense 4"},
        BlockNetwork{"mobilenet_block.fix",
                     "input 8x8x2; conv 4 3x3 stride 2 same nobias; batchnorm; relu6; dwconv 3x3 same nobias; batchnorm; "
                     "relu6; conv 6 1x1 nobias; batchnorm; relu6; residual(conv 12 1x1 nobias; batchnorm; relu6; dwconv 3x3 "
                     "same nobias; batchnorm; relu6; conv 6 1x1 nobias; batchnorm); globalavgpool; dense 3"}),
    test::FixtureName());

}  // namespace
}  // namespace cnn
