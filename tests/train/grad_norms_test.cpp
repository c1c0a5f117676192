// The gradient norms a run reports per batch (Trainer::grad_norms, issue 16's residual view):
// one per weight tensor in depth order, each the norm of the loss gradient at the batch's
// weights, as central differences of the loss measure it on a small network.
#include <gtest/gtest.h>

#include <cmath>

#include "data/dataset.h"
#include "model/model.h"
#include "train/trainer.h"

namespace cnn {
namespace {

// Eight 6x6 images of three classes, values spread over 0..255.
Dataset tiny_set() {
  Dataset d;
  d.count = 8;
  d.rows = d.cols = 6;
  d.classes = 3;
  for (int i = 0; i < d.count * 36; ++i) d.pixels.push_back(uint8_t((i * 37 + (i / 36) * 11) % 256));
  for (int i = 0; i < d.count; ++i) d.labels.push_back(uint8_t(i % 3));
  return d;
}

constexpr const char* kSpec = "input 6x6x1; conv 2 3x3 tanh; flatten; dense 3";

TEST(GradNorms, EachWeightTensorsNormEqualsCentralDifferencesOfTheLoss) {
  const Dataset data = tiny_set();
  Expected<Model> trained = Model::build(kSpec, 5);
  ASSERT_TRUE(trained.ok()) << trained.error();
  TrainConfig config;
  config.batch = data.count;  // one batch, all eight images: its loss is theirs in any order
  config.optimizer.kind = OptimizerKind::kSgd;
  config.optimizer.lr = 1e-3f;
  Trainer trainer(*trained, data, config);
  ASSERT_TRUE(trainer.train_batch().ok());
  const std::vector<float>& norms = trainer.grad_norms();
  ASSERT_EQ(norms.size(), 2u) << "the conv kernel and the dense matrix; no biases";

  // The same weights as before that step, measured by central differences.
  Expected<Model> model = Model::build(kSpec, 5);
  ASSERT_TRUE(model.ok());
  Tensor x;
  std::vector<int32_t> labels(size_t(data.count));
  data.slice(0, data.count, x, labels.data());
  auto loss = [&] { return double(model->forward_backward(x, labels.data()).loss); };
  int k = 0;
  for (const ParamRef& p : model->params()) {
    if (!p.decays) continue;
    double sum = 0;
    for (int64_t i = 0; i < p.value->size(); ++i) {
      float& w = p.value->data()[i];
      const float w0 = w;
      const float h = 1e-2f;
      w = w0 + h;
      const double up = loss();
      w = w0 - h;
      const double down = loss();
      w = w0;
      const double g = (up - down) / (2.0 * double(h));
      sum += g * g;
    }
    const double numeric = std::sqrt(sum);
    EXPECT_GT(numeric, 1e-4) << p.name << ": a gradient to measure";
    EXPECT_NEAR(norms[size_t(k)], numeric, 0.02 * numeric) << p.name;
    ++k;
  }
}

TEST(GradNorms, AreEmptyBeforeTheFirstBatchAndFollowEveryBatch) {
  const Dataset data = tiny_set();
  Expected<Model> model = Model::build(kSpec, 5);
  ASSERT_TRUE(model.ok());
  TrainConfig config;
  config.batch = 4;
  config.epochs = 2;
  Trainer trainer(*model, data, config);
  EXPECT_TRUE(trainer.grad_norms().empty());
  ASSERT_TRUE(trainer.train_batch().ok());
  const std::vector<float> first = trainer.grad_norms();
  ASSERT_TRUE(trainer.train_batch().ok());
  ASSERT_EQ(trainer.grad_norms().size(), first.size());
  EXPECT_NE(trainer.grad_norms(), first) << "another batch, other weights: other norms";
  for (float n : trainer.grad_norms()) EXPECT_TRUE(std::isfinite(n) && n > 0);
}

}  // namespace
}  // namespace cnn
