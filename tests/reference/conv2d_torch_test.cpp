// Conv2D against PyTorch's F.conv2d (tests/fixtures/make_fixtures.py): y, dx, dweight and
// dbias for every kernel variant in conv2d_kernels(), not only the layer's default.
#include <gtest/gtest.h>

#include "layers/conv2d/conv2d.h"
#include "model/model.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

struct ConvFixture {
  const char* file;
  const char* spec;
};

class Conv2DTorch : public ::testing::TestWithParam<ConvFixture> {};

TEST_P(Conv2DTorch, EveryKernelMatchesPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture(GetParam().file);
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  Expected<Model> model = Model::build(GetParam().spec, 1);
  ASSERT_TRUE(model.ok()) << model.error();
  auto* conv = dynamic_cast<Conv2D*>(&model->layer(0));
  ASSERT_NE(conv, nullptr);
  test::FixtureCheck check(GetParam().file);
  for (const Conv2DKernel& kernel : conv2d_kernels()) {
    conv->set_kernel(kernel);
    test::check_layer_against_fixture(*conv, *fixture, Mode::kTraining, check, kernel.name);
  }
}

// Input is HxWxC in spec text; the fixture's x is [N][C][H][W].
INSTANTIATE_TEST_SUITE_P(
    Cases, Conv2DTorch,
    ::testing::Values(ConvFixture{"conv2d_stride1_pad1.fix", "input 7x6x3; conv 4 3x3 pad 1"},
                      ConvFixture{"conv2d_stride2_pad0_k5.fix", "input 9x8x2; conv 3 5x5 stride 2"},
                      ConvFixture{"conv2d_k1.fix", "input 5x4x3; conv 4 1x1"},
                      ConvFixture{"conv2d_stride3_pad2_k5.fix", "input 11x13x1; conv 2 5x5 stride 3 pad 2"},
                      ConvFixture{"conv2d_k4x2.fix", "input 6x5x2; conv 3 4x2"},
                      // Per-axis padding and no bias (InceptionV3's 1x7 and 7x1 "same").
                      ConvFixture{"conv2d_k1x7_nobias.fix", "input 6x9x3; conv 4 1x7 pad 0x3 nobias"},
                      ConvFixture{"conv2d_k7x1_nobias.fix", "input 9x5x2; conv 3 7x1 same nobias"},
                      ConvFixture{"conv2d_k3_s2_nobias.fix", "input 8x8x3; conv 5 3x3 stride 2 pad 1 nobias"}),
                         test::FixtureName());

}  // namespace
}  // namespace cnn
