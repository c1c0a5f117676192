// Training: it learns, it is reproducible bit for bit, bad settings and divergence are
// clear errors, and the shipped model reaches its advertised accuracy.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "data/dataset.h"
#include "io/file.h"
#include "io/model_file.h"
#include "train/trainer.h"

namespace cnn {
namespace {

// MNIST is loaded once for the whole binary: it is 55 MB and the WASM build reads it via Node.
const Dataset& mnist(const std::string& split) {
  static Dataset train, test;
  Dataset& d = split == "train" ? train : test;
  if (d.count == 0) {
    Expected<Dataset> loaded = load_mnist(CNN_MNIST_DIR, split);
    if (!loaded) {
      ADD_FAILURE() << loaded.error();
      return d;
    }
    d = std::move(*loaded);
  }
  return d;
}

// The evaluation's tally over batches: each answer in its [true][predicted] cell, the
// largest logit the answer and a tie the lowest class (as the loss counts correct answers),
// and the loss the mean cross-entropy.
TEST(EvalTally, CountsEachAnswerInItsCellAcrossBatches) {
  EvalTally tally(3);
  const float first[] = {2, 1, 0,   // label 0: right
                         0, 5, 1};  // label 2: said 1
  const int32_t first_labels[] = {0, 2};
  tally.add(first, first_labels, 2);
  const float second[] = {1, 1, 0};  // label 1: a tie between 0 and 1 is 0
  const int32_t second_labels[] = {1};
  tally.add(second, second_labels, 1);
  const EvalResult r = tally.result();
  EXPECT_EQ(r.count, 3);
  EXPECT_EQ(r.correct, 1);
  EXPECT_DOUBLE_EQ(r.accuracy, 1.0 / 3.0);
  EXPECT_EQ(r.confusion, (std::vector<int>{1, 0, 0,   //
                                            1, 0, 0,   //
                                            0, 1, 0}));
  auto xent = [](double a, double b, double c, int label) {
    const double z[] = {a, b, c};
    return std::log(std::exp(a) + std::exp(b) + std::exp(c)) - z[label];
  };
  const double loss = (xent(2, 1, 0, 0) + xent(0, 5, 1, 2) + xent(1, 1, 0, 1)) / 3;
  EXPECT_NEAR(r.loss, loss, 1e-6);
}

TEST(Training, SmokeRunOnFourThousandImagesClearlyLearns) {
  ASSERT_EQ(mnist("train").count, 60000);
  ASSERT_EQ(mnist("t10k").count, 10000);
  Dataset train = first_samples(mnist("train"), 4000);
  Dataset test = first_samples(mnist("t10k"), 1000);
  Expected<Model> model = Model::build("lenet5", 1);
  ASSERT_TRUE(model.ok());
  EvalResult before = evaluate(*model, test);
  TrainConfig config;  // defaults: Adam, lr 1e-3, batch 32
  Trainer trainer(*model, train, config);
  double first_loss = 0.0, last_loss = 0.0;
  int batches = 0;
  while (!trainer.finished()) {
    Expected<BatchResult> r = trainer.train_batch();
    ASSERT_TRUE(r.ok()) << r.error();
    if (batches++ == 0) first_loss = r->loss;
    last_loss = r->loss;
  }
  EXPECT_EQ(batches, 125);  // 4000 / 32
  EvalResult after = evaluate(*model, test);
  std::printf("smoke: first batch loss %.3f, last %.3f; test accuracy %.1f%% -> %.1f%%\n", first_loss, last_loss,
              100 * before.accuracy, 100 * after.accuracy);
  EXPECT_GT(first_loss, 1.5);  // untrained: no better than a guess (ln 10 = 2.3 for uniform)
  EXPECT_LT(last_loss, 0.8);
  EXPECT_LT(after.loss, 0.25 * before.loss);
  EXPECT_LT(before.accuracy, 0.25);
  EXPECT_GT(after.accuracy, 0.80);
}

TEST(Training, SameSeedGivesTheSameWeightsBitForBit) {
  Dataset train = first_samples(mnist("train"), 640);
  auto run = [&](uint64_t seed) {
    Expected<Model> model = Model::build("input 28x28x1; conv 4 5x5 same relu; maxpool 2; flatten; dropout 0.3; dense 10",
                                         seed);
    TrainConfig config;
    config.seed = seed;
    config.batch = 64;
    Trainer trainer(*model, train, config);
    while (!trainer.finished()) EXPECT_TRUE(trainer.train_batch().ok());
    std::vector<float> weights;
    for (const ParamRef& p : model->params()) weights.insert(weights.end(), p.value->data(), p.value->data() + p.value->size());
    return weights;
  };
  std::vector<float> a = run(7), b = run(7), c = run(8);
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * 4), 0);
  EXPECT_NE(std::memcmp(a.data(), c.data(), a.size() * 4), 0);
}

TEST(Training, NonsenseSettingsAreRefusedWithAReason) {
  struct Case {
    void (*edit)(TrainConfig&);
    const char* words;
  } cases[] = {
      {[](TrainConfig& c) { c.batch = 0; }, "batch size 0 is not in 1..60000"},
      {[](TrainConfig& c) { c.epochs = 0; }, "epochs 0"},
      {[](TrainConfig& c) { c.optimizer.lr = -0.1f; }, "learning rate -0.1 is not in (0, 10]"},
      {[](TrainConfig& c) { c.optimizer.lr = NAN; }, "learning rate nan"},
      {[](TrainConfig& c) { c.optimizer.momentum = 1.0f; }, "momentum 1 is not in [0, 1)"},
      {[](TrainConfig& c) { c.optimizer.beta2 = 1.5f; }, "beta2"},
      {[](TrainConfig& c) { c.optimizer.weight_decay = -1.0f; }, "weight decay"},
      {[](TrainConfig& c) { c.schedule.gamma = 0.0f; }, "schedule gamma 0"},
  };
  for (const Case& c : cases) {
    TrainConfig config;
    c.edit(config);
    Status s = validate(config, 60000);
    ASSERT_FALSE(s.ok()) << c.words;
    EXPECT_NE(s.error().find(c.words), std::string::npos) << s.error();
  }
  EXPECT_TRUE(validate(TrainConfig{}, 60000).ok());
}

TEST(Training, DivergenceIsAnErrorAndTheWeightsSurvive) {
  Dataset train = first_samples(mnist("train"), 2000);
  // Without activations or normalisation, a step of 10 multiplies the weights' error at
  // every layer: the logits overflow within a few batches. (A ReLU network tends to die,
  // all units off, rather than overflow.)
  Expected<Model> model = Model::build("flatten; dense 100; dense 100; dense 10", 1);
  TrainConfig config;
  config.optimizer.kind = OptimizerKind::kSgd;
  config.optimizer.lr = 10.0f;
  Trainer trainer(*model, train, config);
  std::string error;
  for (int i = 0; i < 60 && error.empty(); ++i) {
    Expected<BatchResult> r = trainer.train_batch();
    if (!r) error = r.error();
  }
  ASSERT_FALSE(error.empty()) << "lr 10 did not diverge";
  EXPECT_NE(error.find("Training diverged at epoch 1"), std::string::npos) << error;
  EXPECT_NE(error.find("The learning rate (10) is probably too high: try 1."), std::string::npos) << error;
  for (const ParamRef& p : model->params())
    for (int64_t i = 0; i < p.value->size(); ++i) ASSERT_TRUE(std::isfinite((*p.value)[i])) << p.name;
}

TEST(Training, LearningRateSchedules) {
  LrSchedule step{LrSchedule::Kind::kStep, 2, 0.5f};
  EXPECT_FLOAT_EQ(step.lr_at(0.1f, 0), 0.1f);
  EXPECT_FLOAT_EQ(step.lr_at(0.1f, 1), 0.1f);
  EXPECT_FLOAT_EQ(step.lr_at(0.1f, 2), 0.05f);
  EXPECT_FLOAT_EQ(step.lr_at(0.1f, 5), 0.025f);
  LrSchedule exp{LrSchedule::Kind::kExponential, 1, 0.9f};
  EXPECT_FLOAT_EQ(exp.lr_at(1.0f, 3), 0.729f);
}

// What the page downloads: the int8 form (issue 17: weights int8 per output channel, the rest
// float32), so the accuracy is that of the quantized weights.
TEST(ShippedModel, ReachesAtLeast99PercentOnTheTestSet) {
  Expected<std::vector<uint8_t>> bytes = read_file(std::string(CNN_ASSETS_DIR) + "/lenet5-mnist.bin");
  ASSERT_TRUE(bytes.ok()) << bytes.error();
  ASSERT_GE(bytes->size(), 12u);
  EXPECT_EQ((*bytes)[8], kModelFileVersionInt8) << "the shipped model is not the int8 form (cnnplay convert --format int8)";
  Expected<Model> model = load_model(bytes->data(), bytes->size(), "lenet5-mnist.bin");
  ASSERT_TRUE(model.ok()) << model.error();
  EXPECT_EQ(model->spec_text(), to_text(*parse_spec("lenet5")));
  EvalResult r = evaluate(*model, mnist("t10k"));
  std::printf("assets/lenet5-mnist.bin: test accuracy %.2f%%\n", 100 * r.accuracy);
  EXPECT_GE(r.accuracy, 0.99);
}

}  // namespace
}  // namespace cnn
