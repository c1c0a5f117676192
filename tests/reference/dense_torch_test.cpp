// Dense against PyTorch's F.linear (tests/fixtures/make_fixtures.py): y, dx, dweight and
// dbias for every kernel variant in dense_kernels().
#include <gtest/gtest.h>

#include "layers/dense/dense.h"
#include "model/model.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

TEST(DenseTorch, EveryKernelMatchesPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture("dense.fix");
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  Expected<Model> model = Model::build("input 1x1x7; dense 5", 1);  // x [3][7], weight [5][7]
  ASSERT_TRUE(model.ok()) << model.error();
  auto* dense = dynamic_cast<Dense*>(&model->layer(0));
  ASSERT_NE(dense, nullptr);
  test::FixtureCheck check("dense.fix");
  for (const DenseKernel& kernel : dense_kernels()) {
    dense->set_kernel(kernel);
    test::check_layer_against_fixture(*dense, *fixture, Mode::kTraining, check, kernel.name);
  }
}

}  // namespace
}  // namespace cnn
