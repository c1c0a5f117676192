// DepthwiseConv2D against PyTorch's Conv2d(groups = C) (tests/fixtures/make_fixtures.py):
// y, dx, dweight and dbias for every kernel variant in dwconv2d_kernels().
#include <gtest/gtest.h>

#include "layers/dwconv2d/dwconv2d.h"
#include "model/model.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

struct DwConvFixture {
  const char* file;
  const char* spec;
};

class DwConv2DTorch : public ::testing::TestWithParam<DwConvFixture> {};

TEST_P(DwConv2DTorch, EveryKernelMatchesPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture(GetParam().file);
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  Expected<Model> model = Model::build(GetParam().spec, 1);
  ASSERT_TRUE(model.ok()) << model.error();
  auto* conv = dynamic_cast<DepthwiseConv2D*>(&model->layer(0));
  ASSERT_NE(conv, nullptr);
  test::FixtureCheck check(GetParam().file);
  for (const DwConv2DKernel& kernel : dwconv2d_kernels()) {
    conv->set_kernel(kernel);
    test::check_layer_against_fixture(*conv, *fixture, Mode::kTraining, check, kernel.name);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, DwConv2DTorch,
                         ::testing::Values(DwConvFixture{"dwconv_k3_s1_p1.fix", "input 7x6x3; dwconv 3x3 same"},
                                           DwConvFixture{"dwconv_k3_s2_p0.fix", "input 8x9x4; dwconv 3x3 stride 2"},
                                           DwConvFixture{"dwconv_k5_s2_p2.fix", "input 9x9x5; dwconv 5x5 stride 2 pad 2"},
                                           DwConvFixture{"dwconv_k1x3_nobias.fix", "input 5x7x6; dwconv 1x3 pad 0x1 nobias"}),
                         test::FixtureName());

}  // namespace
}  // namespace cnn
