// MaxPool2D and AvgPool2D against PyTorch's F.max_pool2d / F.avg_pool2d
// (tests/fixtures/make_fixtures.py; inputs have no ties within a window).
#include <gtest/gtest.h>

#include "model/model.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

struct PoolFixture {
  const char* file;
  const char* spec;
};

class Pool2DTorch : public ::testing::TestWithParam<PoolFixture> {};

TEST_P(Pool2DTorch, MatchesPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture(GetParam().file);
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  Expected<Model> model = Model::build(GetParam().spec, 1);
  ASSERT_TRUE(model.ok()) << model.error();
  test::FixtureCheck check(GetParam().file);
  test::check_layer_against_fixture(model->layer(0), *fixture, Mode::kTraining, check);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Pool2DTorch,
    ::testing::Values(PoolFixture{"maxpool_2_stride2.fix", "input 6x8x3; maxpool 2"},
                      PoolFixture{"maxpool_3_stride2.fix", "input 7x7x2; maxpool 3 stride 2"},
                      PoolFixture{"maxpool_2_stride1.fix", "input 5x6x2; maxpool 2 stride 1"},
                      PoolFixture{"avgpool_2_stride2.fix", "input 6x8x3; avgpool 2"},
                      PoolFixture{"avgpool_3_stride2.fix", "input 7x7x2; avgpool 3 stride 2"},
                      PoolFixture{"avgpool_2_stride1.fix", "input 5x6x2; avgpool 2 stride 1"}),
                         test::FixtureName());

}  // namespace
}  // namespace cnn
