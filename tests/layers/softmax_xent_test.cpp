// Softmax cross-entropy: stability on extreme logits and its gradient.
#include <gtest/gtest.h>

#include <cmath>

#include "loss/softmax_xent.h"
#include "support/test_util.h"

namespace cnn {
namespace {

TEST(SoftmaxXent, StableForExtremeLogits) {
  const float logits[2 * 3] = {1000.0f, 0.0f, -1000.0f, -500.0f, -500.0f, -500.0f};
  const int32_t labels[2] = {2, 1};
  float probs[6], dlogits[6];
  LossStats s = f32_softmax_xent__scalar(2, 3, logits, labels, probs, dlogits);
  EXPECT_TRUE(std::isfinite(s.loss));
  EXPECT_NEAR(s.loss, (2000.0 + std::log(3.0)) / 2.0, 1e-3);
  EXPECT_EQ(s.correct, 0);  // argmax of the second row is the first of three equal logits
  EXPECT_NEAR(probs[3] + probs[4] + probs[5], 1.0, 1e-6);
  for (float d : dlogits) EXPECT_TRUE(std::isfinite(d));
}

TEST(SoftmaxXent, GradientMatchesCentralDifferences) {
  Rng rng(3, RngStream::kData);
  float logits[4 * 5];
  test::fill_uniform(logits, 20, rng, -3.0f, 3.0f);
  const int32_t labels[4] = {0, 4, 2, 2};
  float dlogits[20];
  f32_softmax_xent__scalar(4, 5, logits, labels, nullptr, dlogits);
  for (int i = 0; i < 20; ++i) {
    const double numeric = test::numerical_derivative(
        &logits[i], [&] { return f32_softmax_xent__scalar(4, 5, logits, labels, nullptr, nullptr).loss; }, 1e-3);
    EXPECT_NEAR(dlogits[i], numeric, 1e-4) << "logit " << i;
  }
}

}  // namespace
}  // namespace cnn
