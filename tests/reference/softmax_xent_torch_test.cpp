// Softmax cross-entropy against F.cross_entropy (mean over the batch) on logits as large
// as 80 and as small as -50 (tests/fixtures/make_fixtures.py): loss and dlogits.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "loss/softmax_xent.h"
#include "support/fixture_file.h"

namespace cnn {
namespace {

TEST(SoftmaxXentTorch, LargeLogitsMatchPyTorch) {
  Expected<test::Fixture> fixture = test::load_fixture("softmax_xent.fix");
  ASSERT_TRUE(fixture.ok()) << fixture.error();
  const test::FixtureTensor& logits = test::fixture_tensor(*fixture, "logits");
  const test::FixtureTensor& labels = test::fixture_tensor(*fixture, "labels");
  ASSERT_EQ(logits.dims.size(), 2u);
  const int n = int(logits.dims[0]), classes = int(logits.dims[1]);
  ASSERT_EQ(labels.size(), n);
  std::vector<int32_t> label(size_t(n), 0);
  for (int i = 0; i < n; ++i) label[size_t(i)] = int32_t(labels.data[size_t(i)]);

  std::vector<float> dlogits(logits.data.size());
  const LossStats stats = f32_softmax_xent__scalar(n, classes, logits.data.data(), label.data(), nullptr, dlogits.data());
  ASSERT_TRUE(std::isfinite(stats.loss));
  test::FixtureCheck check("softmax_xent.fix");
  const float loss = float(stats.loss);
  check.expect("loss", test::fixture_tensor(*fixture, "loss"), &loss, 1, test::kForwardTolerance);
  check.expect("dlogits", test::fixture_tensor(*fixture, "dlogits"), dlogits.data(), int64_t(dlogits.size()),
               test::kGradientTolerance);
}

}  // namespace
}  // namespace cnn
