// LeNet-5 end to end against PyTorch (tests/fixtures/make_fixtures.py, lenet5.fix): from
// the same initial parameters and batch of 4 images, the logits, the mean cross-entropy,
// all 10 parameter gradients, then two SGD-momentum steps and two Adam steps on the same
// batch (weight decay on weights only, as torch param groups) -- as llm.c's test_gpt2.c
// checks GPT-2 against its PyTorch reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "layers/conv2d/conv2d.h"
#include "layers/dense/dense.h"
#include "model/model.h"
#include "optim/optimizer.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

// = torch Conv2d(1,6,5,padding=2), ReLU, MaxPool2d(2), Conv2d(6,16,5), ReLU, MaxPool2d(2),
//   Flatten, Linear(400,120), ReLU, Linear(120,84), ReLU, Linear(84,10).
constexpr const char* kLeNet5 =
    "conv 6 5x5 same relu; maxpool 2; conv 16 5x5 valid relu; maxpool 2; flatten; dense 120 relu; dense 84 relu; "
    "dense 10";
constexpr int kParams = 10;  // weight and bias of 2 conv and 3 dense layers, in layer order

class LeNet5Torch : public ::testing::Test {
 protected:
  void SetUp() override {
    Expected<test::Fixture> f = test::load_fixture("lenet5.fix");
    ASSERT_TRUE(f.ok()) << f.error();
    fixture_ = std::move(*f);
    Expected<Model> m = Model::build(kLeNet5, 1);
    ASSERT_TRUE(m.ok()) << m.error();
    model_ = std::make_unique<Model>(std::move(*m));
    ASSERT_EQ(int(model_->params().size()), kParams);

    x_.resize(4, model_->input_shape());
    ASSERT_TRUE(test::copy_fixture(tensor("x"), x_, "x"));
    const test::FixtureTensor& labels = tensor("labels");
    ASSERT_EQ(labels.size(), x_.n());
    for (float l : labels.data) labels_.push_back(int32_t(l));
  }

  const test::FixtureTensor& tensor(const std::string& name) const { return test::fixture_tensor(fixture_, name); }

  void load_initial_params() {
    std::vector<ParamRef> params = model_->params();
    for (int k = 0; k < kParams; ++k)
      ASSERT_TRUE(test::copy_fixture(tensor("param." + std::to_string(k)), *params[size_t(k)].value,
                                     "param." + std::to_string(k)));
  }

  // Every conv and dense layer switched to variant v of its kernel list (clamped).
  void use_kernel_variant(size_t v) {
    for (int i = 0; i < model_->layer_count(); ++i) {
      if (auto* conv = dynamic_cast<Conv2D*>(&model_->layer(i)))
        conv->set_kernel(conv2d_kernels()[std::min(v, conv2d_kernels().size() - 1)]);
      if (auto* dense = dynamic_cast<Dense*>(&model_->layer(i)))
        dense->set_kernel(dense_kernels()[std::min(v, dense_kernels().size() - 1)]);
    }
  }

  // Two optimizer steps on the fixture's batch from the initial params, checking the params
  // after each step against <prefix>1.K and <prefix>2.K, and the three losses.
  void check_two_steps(const std::string& prefix, const OptimizerConfig& config, test::FixtureCheck& check) {
    load_initial_params();
    Optimizer optimizer(config, model_->params());
    std::vector<float> losses;
    for (int step = 1; step <= 2; ++step) {
      losses.push_back(float(model_->forward_backward(x_, labels_.data()).loss));
      optimizer.step(config.lr);
      std::vector<ParamRef> params = model_->params();
      for (int k = 0; k < kParams; ++k) {
        const std::string name = prefix + std::to_string(step) + "." + std::to_string(k);
        const std::string index = "index." + std::to_string(k);
        const Tensor& value = *params[size_t(k)].value;
        if (fixture_.has(index))
          check.expect_at(name, tensor(name), tensor(index), value.data(), value.size(), test::kForwardTolerance);
        else
          check.expect(name, tensor(name), value, test::kForwardTolerance);
      }
    }
    losses.push_back(float(model_->forward_backward(x_, labels_.data()).loss));
    check.expect(prefix + ".loss", tensor(prefix + ".loss"), losses.data(), int64_t(losses.size()),
                 test::kForwardTolerance);
  }

  test::Fixture fixture_;
  std::unique_ptr<Model> model_;
  Tensor x_;
  std::vector<int32_t> labels_;
};

TEST_F(LeNet5Torch, LogitsLossAndGradientsForEveryKernel) {
  const size_t variants = std::max(conv2d_kernels().size(), dense_kernels().size());
  for (size_t v = 0; v < variants; ++v) {
    const std::string variant = std::string(conv2d_kernels()[std::min(v, conv2d_kernels().size() - 1)].name) + "+" +
                                dense_kernels()[std::min(v, dense_kernels().size() - 1)].name;
    test::FixtureCheck check("lenet5.fix " + variant);
    use_kernel_variant(v);
    load_initial_params();
    const float loss = float(model_->forward_backward(x_, labels_.data()).loss);
    check.expect("logits", tensor("logits"), model_->activation(model_->layer_count()), test::kForwardTolerance);
    check.expect("loss", tensor("loss"), &loss, 1, test::kForwardTolerance);
    std::vector<ParamRef> params = model_->params();
    for (int k = 0; k < kParams; ++k)
      check.expect("grad." + std::to_string(k), tensor("grad." + std::to_string(k)), *params[size_t(k)].grad,
                   test::kGradientTolerance);
  }
}

TEST_F(LeNet5Torch, TwoMomentumStepsMatchTorchSgd) {
  OptimizerConfig config;
  config.kind = OptimizerKind::kMomentum;
  config.lr = 0.05f;
  config.momentum = 0.9f;
  config.weight_decay = 0.01f;
  test::FixtureCheck check("lenet5.fix momentum");
  check_two_steps("sgd", config, check);
}

TEST_F(LeNet5Torch, TwoAdamStepsMatchTorchAdam) {
  OptimizerConfig config;
  config.kind = OptimizerKind::kAdam;
  config.lr = 0.01f;
  config.beta1 = 0.9f;
  config.beta2 = 0.999f;
  config.eps = 1e-8f;
  config.weight_decay = 0.01f;
  test::FixtureCheck check("lenet5.fix adam");
  check_two_steps("adam", config, check);
}

}  // namespace
}  // namespace cnn
