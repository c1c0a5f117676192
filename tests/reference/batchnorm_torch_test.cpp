// BatchNorm against torch.nn.BatchNorm2d / BatchNorm1d (tests/fixtures/make_fixtures.py):
// training mode (batch statistics; y, dx, dgamma, dbeta and the running statistics after
// one forward with momentum 0.1, eps 1e-5, unbiased running variance), then inference mode
// with other running statistics (the fixture's infer.* tensors).
#include <gtest/gtest.h>

#include "layers/batchnorm/batchnorm.h"
#include "model/model.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

struct BatchNormFixture {
  const char* file;
  const char* spec;
};

class BatchNormTorch : public ::testing::TestWithParam<BatchNormFixture> {};

TEST_P(BatchNormTorch, TrainingAndInferenceMatchPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture(GetParam().file);
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  Expected<Model> model = Model::build(GetParam().spec, 1);
  ASSERT_TRUE(model.ok()) << model.error();
  auto* bn = dynamic_cast<BatchNorm*>(&model->layer(0));
  ASSERT_NE(bn, nullptr);
  const test::Fixture& f = *fixture;
  test::FixtureCheck check(GetParam().file);

  ASSERT_TRUE(test::copy_fixture(test::fixture_tensor(f, "running_mean_in"), bn->running_mean, "running_mean"));
  ASSERT_TRUE(test::copy_fixture(test::fixture_tensor(f, "running_var_in"), bn->running_var, "running_var"));
  test::check_layer_against_fixture(*bn, f, Mode::kTraining, check);
  check.expect("running_mean", test::fixture_tensor(f, "running_mean"), bn->running_mean, test::kForwardTolerance);
  check.expect("running_var", test::fixture_tensor(f, "running_var"), bn->running_var, test::kForwardTolerance);

  ASSERT_TRUE(test::copy_fixture(test::fixture_tensor(f, "infer.running_mean"), bn->running_mean, "running_mean"));
  ASSERT_TRUE(test::copy_fixture(test::fixture_tensor(f, "infer.running_var"), bn->running_var, "running_var"));
  test::check_layer_against_fixture(*bn, f, Mode::kInference, check, "inference", "infer.");
}

// 4-D: x [3][2][4][5], statistics over N*H*W = 60 values; 2-D: x [5][4], over N = 5.
INSTANTIATE_TEST_SUITE_P(Cases, BatchNormTorch,
                         ::testing::Values(BatchNormFixture{"batchnorm_4d.fix", "input 4x5x2; batchnorm"},
                                           BatchNormFixture{"batchnorm_2d.fix", "input 1x1x4; batchnorm"},
                                           // Keras scale=False: beta only, gamma stays 1.
                                           BatchNormFixture{"batchnorm_noscale_4d.fix", "input 3x2x3; batchnorm noscale"}),
                         test::FixtureName());

}  // namespace
}  // namespace cnn
