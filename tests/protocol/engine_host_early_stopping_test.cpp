// EngineHost with early stopping (TrainSettings::patience) and PreviewTraining: a run whose
// test loss stops falling ends `patience` epochs after its best and leaves the best epoch's
// weights, bit for bit those of a run that ended there; the preview shows the first batch
// the run will train on and the schedule's rate per epoch.
#include <gtest/gtest.h>

#include <algorithm>

#include "data/dataset.h"
#include "io/file.h"
#include "protocol/engine_host.h"
#include "protocol/protocol_test_util.h"
#include "train/batch_source.h"
#include "train/trainer.h"

namespace cnn::protocol {
namespace {

using test::events_of;
using test::load_shipped;
using test::run;

// The test set's labels moved on by one: the better the network learns the training set, the
// higher its test loss, so the lowest test loss comes early and early stopping must act.
ProvideDataset overfitting_dataset() {
  ProvideDataset d = test::make_dataset_command(640, 200);
  for (size_t i = 8; i < d.test_labels.size(); ++i) d.test_labels[i] = uint8_t((d.test_labels[i] + 1) % 10);
  return d;
}

TrainSettings fresh_settings(int epochs, int patience) {
  TrainSettings s;
  s.start = StartFrom::kFreshInit;
  s.epochs = epochs;
  s.batch = 32;
  s.lr = 3e-3f;
  s.seed = 7;
  s.patience = patience;
  return s;
}

std::vector<Event> train_to_the_end(EngineHost& host, const TrainSettings& s) {
  std::vector<Event> out = run(host, StartTraining{2, s});
  for (int i = 0; i < 20000 && host.busy(); ++i) host.tick(20, out);
  EXPECT_FALSE(host.busy());
  return out;
}

std::vector<uint8_t> saved(EngineHost& host) {
  auto saved = events_of<ModelSaved>(run(host, SaveModel{9}));
  EXPECT_EQ(saved.size(), 1u);
  return saved.empty() ? std::vector<uint8_t>{} : saved[0].bytes;
}

// The model a run of exactly `epochs` epochs leaves, without early stopping.
std::vector<uint8_t> model_after(int epochs) {
  EngineHost host;
  load_shipped(host);
  run(host, overfitting_dataset());
  train_to_the_end(host, fresh_settings(epochs, 0));
  return saved(host);
}

TEST(EngineHostEarlyStopping, StopsPatienceEpochsAfterTheBestAndKeepsItsWeights) {
  EngineHost host;
  load_shipped(host);
  run(host, overfitting_dataset());
  const int patience = 2;
  std::vector<Event> out = train_to_the_end(host, fresh_settings(12, patience));
  const auto epochs = events_of<EpochFinished>(out);
  ASSERT_FALSE(epochs.empty());
  // Each epoch names the lowest test loss so far.
  int best = 0;
  for (size_t i = 0; i < epochs.size(); ++i) {
    if (best == 0 || epochs[i].test_loss < epochs[size_t(best - 1)].test_loss) best = int(i) + 1;
    EXPECT_EQ(epochs[i].best_epoch, best) << "after epoch " << i + 1;
  }
  ASSERT_LT(best, 12 - patience) << "the test loss must stop falling for this test to mean anything";
  EXPECT_EQ(int(epochs.size()), best + patience) << "it stops as soon as patience runs out";
  const auto stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].reason, StopReason::kEarlyStopped);
  EXPECT_EQ(stopped[0].weights_samples, int64_t(best) * 640);
  EXPECT_NE(stopped[0].message.find("Stopped early after epoch " + std::to_string(best + patience)), std::string::npos)
      << stopped[0].message;
  EXPECT_NE(stopped[0].message.find("The model has epoch " + std::to_string(best) + "'s weights."), std::string::npos)
      << stopped[0].message;
  // The restore is announced as a roll-back is, after the stop.
  ASSERT_FALSE(events_of<ModelLoaded>(out).empty());
  EXPECT_TRUE(std::holds_alternative<ModelLoaded>(out.back()));
  EXPECT_EQ(saved(host), model_after(best)) << "the model must be epoch " << best << "'s, bit for bit";
}

TEST(EngineHostEarlyStopping, ARunThatEndsPastItsBestStillKeepsTheBest) {
  EngineHost host;
  load_shipped(host);
  run(host, overfitting_dataset());
  std::vector<Event> out = train_to_the_end(host, fresh_settings(3, 10));
  const auto epochs = events_of<EpochFinished>(out);
  ASSERT_EQ(epochs.size(), 3u);
  const int best = epochs.back().best_epoch;
  ASSERT_LT(best, 3);
  const auto stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].reason, StopReason::kFinished);
  EXPECT_EQ(stopped[0].weights_samples, int64_t(best) * 640);
  EXPECT_NE(stopped[0].message.find("The test loss was lowest after epoch " + std::to_string(best)), std::string::npos)
      << stopped[0].message;
  EXPECT_EQ(saved(host), model_after(best));
}

TEST(EngineHostEarlyStopping, ARunAtItsBestWhenItEndsIsLeftAsItIs) {
  EngineHost host;
  load_shipped(host);
  run(host, test::make_dataset_command(640, 200));  // honest labels: the test loss keeps falling
  std::vector<Event> out = train_to_the_end(host, fresh_settings(2, 1));
  const auto epochs = events_of<EpochFinished>(out);
  ASSERT_EQ(epochs.size(), 2u);
  ASSERT_EQ(epochs.back().best_epoch, 2);
  const auto stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].reason, StopReason::kFinished);
  EXPECT_EQ(stopped[0].weights_samples, 1280);
  EXPECT_TRUE(stopped[0].message.empty()) << stopped[0].message;
  EXPECT_TRUE(events_of<ModelLoaded>(out).size() == 1u) << "only the fresh init's";
}

TEST(EngineHostEarlyStopping, PatienceOutOfRangeIsRefused) {
  EngineHost host;
  load_shipped(host);
  for (int patience : {-1, 101}) {
    auto errors = events_of<ErrorRaised>(run(host, StartTraining{3, fresh_settings(2, patience)}));
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_NE(errors[0].message.find("patience " + std::to_string(patience) + " is not in 0..100"), std::string::npos)
        << errors[0].message;
  }
  EXPECT_FALSE(host.busy());
}

Dataset parsed(const std::vector<uint8_t>& images, const std::vector<uint8_t>& labels) {
  Expected<Dataset> d = make_dataset(images.data(), images.size(), labels.data(), labels.size(), "test");
  EXPECT_TRUE(d.ok()) << d.error();
  return d ? *d : Dataset{};
}

// The preview waits for the dataset like a run, then shows the run's own first batch: the
// limit's samples in the seed's order, augmented by the seed's draws.
TEST(EngineHostPreview, ShowsTheRunsFirstBatchAugmentedAndTheRatePerEpoch) {
  EngineHost host;
  load_shipped(host);
  TrainSettings s = fresh_settings(4, 0);
  s.limit = 300;
  s.batch = 16;
  s.lr_decay = 0.5f;
  s.decay_every = 2;
  s.augment = Augmentation{2, 15, 0.1f};
  std::vector<Event> out = run(host, PreviewTraining{5, s, 8});
  ASSERT_EQ(events_of<DatasetRequested>(out).size(), 1u);
  ASSERT_TRUE(events_of<TrainingPreviewed>(out).empty());
  const ProvideDataset data = test::make_dataset_command(640, 200, 6);
  out = run(host, data);
  ASSERT_EQ(events_of<DatasetLoaded>(out).size(), 1u);
  const auto previews = events_of<TrainingPreviewed>(out);
  ASSERT_EQ(previews.size(), 1u);
  const TrainingPreviewed& p = previews[0];
  EXPECT_EQ(p.request_id, 5u);
  EXPECT_EQ(p.lr, (std::vector<float>{3e-3f, 3e-3f, 1.5e-3f, 1.5e-3f}));
  ASSERT_EQ(p.augmented.channels, 8);
  ASSERT_EQ(p.augmented.height, 28);
  ASSERT_EQ(p.augmented.width, 28);
  ASSERT_EQ(p.originals.channels, 8);
  ASSERT_EQ(p.labels.size(), 8u);

  const Dataset first = first_samples(parsed(data.train_images, data.train_labels), 300);
  TrainConfig config;
  config.augment = AugmentConfig{2, 15, 0.1f};
  BatchSource batches(first, 7, config.augment);
  batches.shuffle();
  Tensor x;
  std::vector<int32_t> labels(8);
  batches.gather(0, 8, x, labels.data());
  EXPECT_EQ(p.augmented.values, std::vector<float>(x.data(), x.data() + x.size()));
  EXPECT_EQ(p.labels, labels);
  for (int32_t i : batches.order()) ASSERT_LT(i, 300) << "the limit's samples only";
  first.gather(batches.order().data(), 8, x, labels.data());
  EXPECT_EQ(p.originals.values, std::vector<float>(x.data(), x.data() + x.size()));
  EXPECT_NE(p.originals.values, p.augmented.values);

  // Now the dataset is there: answered at once. Without augmentation the two are one.
  s.augment = Augmentation{};
  const auto plain = events_of<TrainingPreviewed>(run(host, PreviewTraining{7, s, 3}));
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_EQ(plain[0].augmented.channels, 3);
  EXPECT_EQ(plain[0].originals.values, plain[0].augmented.values);
  EXPECT_EQ(std::vector<float>(p.originals.values.begin(), p.originals.values.begin() + 3 * 784),
            plain[0].originals.values) << "the same seed's order";
  EXPECT_FALSE(host.busy());
}

TEST(EngineHostPreview, BadSettingsAreRefusedAndNoImagesNeedNoData) {
  EngineHost host;
  load_shipped(host);
  TrainSettings s = fresh_settings(3, 0);
  // Only the schedule: answered without the dataset.
  auto previews = events_of<TrainingPreviewed>(run(host, PreviewTraining{1, s, 0}));
  ASSERT_EQ(previews.size(), 1u);
  EXPECT_EQ(previews[0].lr, (std::vector<float>{3e-3f, 3e-3f, 3e-3f}));
  EXPECT_TRUE(previews[0].augmented.values.empty());
  EXPECT_FALSE(host.has_dataset());

  s.augment.rotate = 60;
  auto errors = events_of<ErrorRaised>(run(host, PreviewTraining{2, s, 8}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 2u);
  EXPECT_NE(errors[0].message.find("rotation 60 is not in 0..45 degrees"), std::string::npos) << errors[0].message;
  s.augment.rotate = 0;
  errors = events_of<ErrorRaised>(run(host, PreviewTraining{3, s, 33}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("33 images is not in 0..32"), std::string::npos) << errors[0].message;
  // A bad augmentation also stops a run before it asks for any data.
  s.augment.shift = 9;
  std::vector<Event> out = run(host, StartTraining{4, s});
  ASSERT_EQ(events_of<ErrorRaised>(out).size(), 1u);
  EXPECT_TRUE(events_of<DatasetRequested>(out).empty());
}

TEST(EngineHostPreview, AFailedDownloadAnswersThePreviewWithItsCause) {
  EngineHost host;
  load_shipped(host);
  ASSERT_EQ(events_of<DatasetRequested>(run(host, PreviewTraining{1, fresh_settings(1, 0), 8})).size(), 1u);
  ProvideDataset failed;
  failed.request_id = 2;
  failed.failure = "could not download MNIST: Failed to fetch";
  auto errors = events_of<ErrorRaised>(run(host, failed));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[1].request_id, 1u);
  EXPECT_NE(errors[1].message.find("preview: the dataset did not load (could not download MNIST"), std::string::npos)
      << errors[1].message;
}

}  // namespace
}  // namespace cnn::protocol
