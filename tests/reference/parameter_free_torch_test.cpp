// Layers without parameters against PyTorch (tests/fixtures/make_fixtures.py): y and dx of
// ReLU, LeakyReLU (alpha 0.1), Tanh and Sigmoid (inputs stay 0.05 away from ReLU's kink),
// and of F.max_pool2d / F.avg_pool2d (inputs have no ties within a window).
#include <gtest/gtest.h>

#include "model/model.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

struct LayerFixture {
  const char* file;
  const char* spec;
};

class ParameterFreeTorch : public ::testing::TestWithParam<LayerFixture> {};

TEST_P(ParameterFreeTorch, MatchesPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture(GetParam().file);
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  Expected<Model> model = Model::build(GetParam().spec, 1);
  ASSERT_TRUE(model.ok()) << model.error();
  test::FixtureCheck check(GetParam().file);
  test::check_layer_against_fixture(model->layer(0), *fixture, Mode::kTraining, check);
}

INSTANTIATE_TEST_SUITE_P(Activations, ParameterFreeTorch,
                         ::testing::Values(LayerFixture{"relu.fix", "input 4x5x3; relu"},
                                           LayerFixture{"leakyrelu.fix", "input 4x5x3; leakyrelu 0.1"},
                                           LayerFixture{"tanh.fix", "input 4x5x3; tanh"},
                                           LayerFixture{"sigmoid.fix", "input 4x5x3; sigmoid"},
                                           LayerFixture{"relu6.fix", "input 5x5x3; relu6"}),
                         test::FixtureName());

INSTANTIATE_TEST_SUITE_P(Pooling, ParameterFreeTorch,
                         ::testing::Values(LayerFixture{"maxpool_2_stride2.fix", "input 6x8x3; maxpool 2"},
                                           LayerFixture{"maxpool_3_stride2.fix", "input 7x7x2; maxpool 3 stride 2"},
                                           LayerFixture{"maxpool_2_stride1.fix", "input 5x6x2; maxpool 2 stride 1"},
                                           LayerFixture{"avgpool_2_stride2.fix", "input 6x8x3; avgpool 2"},
                                           LayerFixture{"avgpool_3_stride2.fix", "input 7x7x2; avgpool 3 stride 2"},
                                           LayerFixture{"avgpool_2_stride1.fix", "input 5x6x2; avgpool 2 stride 1"},
                                           // Padded: max never picks the border, the average is over the
                                           // window's cells inside the image (count_include_pad=False).
                                           LayerFixture{"maxpool_3_s1_p1.fix", "input 6x5x3; maxpool 3 stride 1 pad 1"},
                                           LayerFixture{"avgpool_3_s1_p1.fix", "input 6x5x3; avgpool 3 stride 1 same"}),
                         test::FixtureName());

INSTANTIATE_TEST_SUITE_P(Shapes, ParameterFreeTorch,
                         ::testing::Values(LayerFixture{"globalavgpool.fix", "input 5x3x4; globalavgpool"},
                                           LayerFixture{"zeropad_0101.fix", "input 4x5x3; zeropad 0 1 0 1"},
                                           LayerFixture{"zeropad_2213.fix", "input 3x3x2; zeropad 2 2 1 3"}),
                         test::FixtureName());

}  // namespace
}  // namespace cnn
