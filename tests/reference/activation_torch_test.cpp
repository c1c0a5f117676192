// ReLU, LeakyReLU (alpha 0.1), Tanh and Sigmoid against PyTorch
// (tests/fixtures/make_fixtures.py; inputs stay 0.05 away from ReLU's kink).
#include <gtest/gtest.h>

#include "model/model.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

struct ActivationFixture {
  const char* file;
  const char* spec;
};

class ActivationTorch : public ::testing::TestWithParam<ActivationFixture> {};

TEST_P(ActivationTorch, MatchesPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture(GetParam().file);
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  Expected<Model> model = Model::build(GetParam().spec, 1);
  ASSERT_TRUE(model.ok()) << model.error();
  test::FixtureCheck check(GetParam().file);
  test::check_layer_against_fixture(model->layer(0), *fixture, Mode::kTraining, check);
}

INSTANTIATE_TEST_SUITE_P(Cases, ActivationTorch,
                         ::testing::Values(ActivationFixture{"relu.fix", "input 4x5x3; relu"},
                                           ActivationFixture{"leakyrelu.fix", "input 4x5x3; leakyrelu 0.1"},
                                           ActivationFixture{"tanh.fix", "input 4x5x3; tanh"},
                                           ActivationFixture{"sigmoid.fix", "input 4x5x3; sigmoid"}),
                         test::FixtureName());

}  // namespace
}  // namespace cnn
