// EngineHost (engine/protocol/engine_host.h): commands in, events out, training in slices.
#include "protocol/engine_host.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "io/file.h"
#include "io/model_file.h"
#include "protocol/protocol_test_util.h"

namespace cnn::protocol {
namespace {

using test::events_of;
using test::run;

std::vector<uint8_t> shipped_model() {
  Expected<std::vector<uint8_t>> bytes = read_file(std::string(CNN_ASSETS_DIR) + "/lenet5-mnist.bin");
  EXPECT_TRUE(bytes.ok()) << bytes.error();
  return bytes ? *bytes : std::vector<uint8_t>{};
}

// A 28x28 "1": a vertical bar, as Predict without preprocessing.
Predict vertical_bar(uint32_t id) {
  Predict p;
  p.request_id = id;
  p.width = p.height = 28;
  p.preprocess = false;
  p.pixels.assign(784, 0.0f);
  for (int y = 4; y < 24; ++y)
    for (int x = 13; x < 16; ++x) p.pixels[size_t(y * 28 + x)] = 1.0f;
  return p;
}

class EngineHostTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<Event> out = run(host, LoadModel{1, "lenet5-mnist.bin", shipped_model()});
    auto loaded = events_of<ModelLoaded>(out);
    ASSERT_EQ(loaded.size(), 1u);
    EXPECT_EQ(loaded[0].request_id, 1u);
    EXPECT_EQ(loaded[0].summary.params, 61706);
    EXPECT_EQ(loaded[0].summary.rows.size(), 8u);
  }
  EngineHost host;
};

TEST_F(EngineHostTest, PredictsAOneFromTheShippedWeights) {
  std::vector<Event> out = run(host, vertical_bar(7));
  auto p = events_of<Predicted>(out);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].request_id, 7u);
  ASSERT_EQ(p[0].probs.size(), 10u);
  EXPECT_EQ(std::max_element(p[0].probs.begin(), p[0].probs.end()) - p[0].probs.begin(), 1);
  EXPECT_EQ(p[0].input.size(), 784u);
}

TEST_F(EngineHostTest, PredictPreprocessesALargeRaster) {
  Predict p;
  p.request_id = 3;
  p.width = p.height = 200;
  p.pixels.assign(200 * 200, 0.0f);
  for (int y = 20; y < 180; ++y)
    for (int x = 30; x < 50; ++x) p.pixels[size_t(y * 200 + x)] = 1.0f;
  auto out = events_of<Predicted>(run(host, p));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(std::max_element(out[0].probs.begin(), out[0].probs.end()) - out[0].probs.begin(), 1);
  EXPECT_GT(out[0].input[14 * 28 + 14], 0.5f);  // the bar was moved to the centre
}

TEST_F(EngineHostTest, BadPredictSizeIsAnError) {
  Predict p = vertical_bar(4);
  p.pixels.pop_back();
  auto errors = events_of<ErrorRaised>(run(host, p));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 4u);
}

TEST_F(EngineHostTest, CorruptModelIsAnErrorAndTheOldModelStillPredicts) {
  std::vector<uint8_t> bytes = shipped_model();
  bytes[bytes.size() / 2] ^= 0x40;
  std::vector<Event> out = run(host, LoadModel{2, "broken.bin", bytes});
  auto errors = events_of<ErrorRaised>(out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 2u);
  EXPECT_NE(errors[0].message.find("broken.bin"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("current model is kept"), std::string::npos) << errors[0].message;
  EXPECT_TRUE(events_of<ModelLoaded>(out).empty());

  auto garbage = events_of<ErrorRaised>(run(host, LoadModel{3, "notes.txt", {'h', 'i'}}));
  ASSERT_EQ(garbage.size(), 1u);

  auto p = events_of<Predicted>(run(host, vertical_bar(5)));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(std::max_element(p[0].probs.begin(), p[0].probs.end()) - p[0].probs.begin(), 1);
}

// The shipped file is the int8 form (version 3); the engine's model is float32 and saves
// exactly (version 1): the shipped values, dequantized, which load and save back to the same bytes.
TEST_F(EngineHostTest, SaveThenLoadGivesTheSameModel) {
  const std::vector<uint8_t> shipped = shipped_model();
  Expected<Model> widened = load_model(shipped.data(), shipped.size(), "lenet5-mnist.bin");
  ASSERT_TRUE(widened.ok()) << widened.error();
  auto saved = events_of<ModelSaved>(run(host, SaveModel{9}));
  ASSERT_EQ(saved.size(), 1u);
  EXPECT_EQ(saved[0].bytes, save_model(*widened));
  EXPECT_EQ(saved[0].bytes.at(8), kModelFileVersionF32);
  EXPECT_EQ(events_of<ModelLoaded>(run(host, LoadModel{10, "again.bin", saved[0].bytes})).size(), 1u);
  auto again = events_of<ModelSaved>(run(host, SaveModel{11}));
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].bytes, saved[0].bytes);
}

TEST_F(EngineHostTest, TrainingWaitsForDataThenProgressesPausesStepsAndStops) {
  TrainSettings s;
  s.start = StartFrom::kFreshInit;
  s.epochs = 2;
  s.batch = 32;
  s.lr = 3e-3f;
  std::vector<Event> out = run(host, StartTraining{20, s});
  ASSERT_EQ(events_of<DatasetRequested>(out).size(), 1u);
  EXPECT_FALSE(host.busy());

  out = run(host, test::make_dataset_command(640, 200, 21));
  ASSERT_EQ(events_of<DatasetLoaded>(out).size(), 1u);
  EXPECT_EQ(events_of<DatasetLoaded>(out)[0].train_count, 640);
  ASSERT_EQ(events_of<ModelLoaded>(out).size(), 1u);  // the fresh init
  auto started = events_of<TrainingStarted>(out);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].request_id, 20u);
  EXPECT_EQ(started[0].total_samples, 1280);
  EXPECT_TRUE(host.busy());

  // A short slice: some batches, one progress event.
  out.clear();
  host.tick(1, out);
  auto progress = events_of<TrainingProgressed>(out);
  ASSERT_EQ(progress.size(), 1u);
  EXPECT_GT(progress[0].samples_done, 0);
  EXPECT_GT(progress[0].samples_per_s, 0);
  EXPECT_EQ(progress[0].total_samples, 1280);
  // LeNet-5's five weight tensors (conv1, conv2, three dense), each taught something.
  ASSERT_EQ(progress[0].grad_norms.size(), 5u);
  for (float n : progress[0].grad_norms) EXPECT_TRUE(std::isfinite(n) && n > 0) << n;

  // Pause: no more work until resumed; predict still answers.
  out = run(host, PauseTraining{22});
  ASSERT_EQ(events_of<TrainingPaused>(out).size(), 1u);
  EXPECT_FALSE(host.busy());
  out.clear();
  host.tick(50, out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(events_of<Predicted>(run(host, vertical_bar(23))).size(), 1u);

  // Step: exactly one batch more.
  const int64_t before = progress.back().samples_done;
  auto stepped = events_of<TrainingProgressed>(run(host, StepBatch{24}));
  ASSERT_EQ(stepped.size(), 1u);
  EXPECT_EQ(stepped[0].samples_done, std::min<int64_t>(before + 32, 1280));

  // Resume and run to the end: two epochs, each with a test accuracy, then Stopped(finished).
  ASSERT_EQ(events_of<TrainingResumed>(run(host, ResumeTraining{25})).size(), 1u);
  out.clear();
  for (int i = 0; i < 10000 && host.busy(); ++i) host.tick(20, out);
  auto epochs = events_of<EpochFinished>(out);
  ASSERT_EQ(epochs.size(), 2u);
  EXPECT_EQ(epochs[0].epoch, 1);
  EXPECT_EQ(epochs[1].epoch, 2);
  EXPECT_GT(epochs[1].test_accuracy, 0.5) << "the toy set is easy: training must clearly learn";
  EXPECT_LT(epochs[1].train_loss, 1.5);
  // Each epoch's confusion matrix counts the 200 test images once; its diagonal is the
  // correct answers, so it gives the test accuracy back exactly.
  for (const EpochFinished& e : epochs) {
    ASSERT_EQ(e.confusion.size(), 100u);
    int total = 0, diagonal = 0;
    for (int t = 0; t < 10; ++t)
      for (int p = 0; p < 10; ++p) {
        EXPECT_GE(e.confusion[size_t(t * 10 + p)], 0);
        total += e.confusion[size_t(t * 10 + p)];
        if (t == p) diagonal += e.confusion[size_t(t * 10 + p)];
      }
    EXPECT_EQ(total, 200);
    EXPECT_DOUBLE_EQ(double(diagonal) / 200.0, e.test_accuracy);
  }
  auto stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_TRUE(stopped[0].finished());
  EXPECT_FALSE(host.busy());
}

TEST_F(EngineHostTest, StopEndsTheRunAndCommandsOutOfStateAreErrors) {
  EXPECT_EQ(events_of<ErrorRaised>(run(host, PauseTraining{1})).size(), 1u);
  EXPECT_EQ(events_of<ErrorRaised>(run(host, StepBatch{2})).size(), 1u);
  EXPECT_EQ(events_of<ErrorRaised>(run(host, StopTraining{3})).size(), 1u);

  run(host, test::make_dataset_command(256, 64));
  TrainSettings s;
  s.epochs = 5;
  EXPECT_EQ(events_of<TrainingStarted>(run(host, StartTraining{4, s})).size(), 1u);
  EXPECT_EQ(events_of<ErrorRaised>(run(host, StartTraining{5, s})).size(), 1u);  // already running
  auto stopped = events_of<TrainingStopped>(run(host, StopTraining{6}));
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_FALSE(stopped[0].finished());
  EXPECT_FALSE(host.busy());

  s.batch = 0;
  auto bad = events_of<ErrorRaised>(run(host, StartTraining{7, s}));
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].message.find("batch size 0"), std::string::npos) << bad[0].message;
}

TEST_F(EngineHostTest, CorruptDatasetIsAnErrorAndTheStartIsDropped) {
  TrainSettings s;
  run(host, StartTraining{1, s});
  ProvideDataset d = test::make_dataset_command(100, 10, 2);
  d.train_images.resize(d.train_images.size() - 5);
  auto errors = events_of<ErrorRaised>(run(host, d));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_FALSE(host.busy());
  EXPECT_FALSE(host.has_dataset());
}

TEST_F(EngineHostTest, LimitTrainsOnTheFirstSamplesOnly) {
  run(host, test::make_dataset_command(500, 50));
  TrainSettings s;
  s.limit = 100;
  s.batch = 50;
  auto started = events_of<TrainingStarted>(run(host, StartTraining{1, s}));
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].total_samples, 100);
  std::vector<Event> out;
  for (int i = 0; i < 1000 && host.busy(); ++i) host.tick(20, out);
  EXPECT_EQ(events_of<EpochFinished>(out).size(), 1u);
}

// Issue 11: SGD at learning rate 10 (and with momentum, whose loss reaches 1.5e26 without
// becoming NaN) must stop as diverged, say so with a hint, and give back the model from
// before the run, bit for bit.
class DivergenceTest : public EngineHostTest, public ::testing::WithParamInterface<Optimizer> {};

TEST_P(DivergenceTest, ADivergedRunStopsSaysWhyAndRestoresTheModel) {
  run(host, test::make_dataset_command(2000, 100));
  auto before = events_of<ModelSaved>(run(host, SaveModel{2}));
  ASSERT_EQ(before.size(), 1u);
  TrainSettings s;
  s.optimizer = GetParam();
  s.lr = 10;
  s.epochs = 3;
  ASSERT_EQ(events_of<TrainingStarted>(run(host, StartTraining{3, s})).size(), 1u);
  std::vector<Event> out;
  for (int i = 0; i < 10000 && host.busy(); ++i) host.tick(20, out);
  auto stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].reason, StopReason::kDiverged);
  EXPECT_EQ(stopped[0].request_id, 3u);
  EXPECT_NE(stopped[0].message.find("Training diverged at epoch 1"), std::string::npos) << stopped[0].message;
  EXPECT_NE(stopped[0].message.find("The learning rate (10) is probably too high: try 1."), std::string::npos)
      << stopped[0].message;
  EXPECT_NE(stopped[0].message.find("The model is back to the model from before this run (lenet5-mnist.bin)."),
            std::string::npos) << stopped[0].message;
  EXPECT_EQ(stopped[0].weights_samples, 0);
  EXPECT_TRUE(events_of<EpochFinished>(out).empty()) << "it diverged within the first epoch";
  // The roll-back is announced like a load, under the run's id, after the stop.
  auto loaded = events_of<ModelLoaded>(out);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].request_id, 3u);
  EXPECT_EQ(loaded[0].name, "lenet5-mnist.bin");
  auto after = events_of<ModelSaved>(run(host, SaveModel{4}));
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].bytes, before[0].bytes) << "the weights are not those from before the run";
  auto p = events_of<Predicted>(run(host, vertical_bar(5)));
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(std::max_element(p[0].probs.begin(), p[0].probs.end()) - p[0].probs.begin(), 1) << "a 1 is a 1 again";
}

INSTANTIATE_TEST_SUITE_P(LearningRate10, DivergenceTest, ::testing::Values(Optimizer::kSgd, Optimizer::kMomentum),
                         [](const auto& info) { return std::string(optimizer_name(info.param)); });

TEST_F(EngineHostTest, AFreshInitRunThatDivergesGivesBackTheTrainedModel) {
  run(host, test::make_dataset_command(2000, 100));
  auto before = events_of<ModelSaved>(run(host, SaveModel{2}));
  TrainSettings s;
  s.start = StartFrom::kFreshInit;
  s.optimizer = Optimizer::kSgd;
  s.lr = 10;
  std::vector<Event> out = run(host, StartTraining{3, s});
  for (int i = 0; i < 10000 && host.busy(); ++i) host.tick(20, out);
  auto stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].reason, StopReason::kDiverged);
  auto loaded = events_of<ModelLoaded>(out);
  ASSERT_EQ(loaded.size(), 2u);  // the fresh init, then the roll-back
  EXPECT_EQ(loaded[0].name, "fresh lenet5-mnist.bin");
  EXPECT_EQ(loaded[1].name, "lenet5-mnist.bin");
  EXPECT_EQ(events_of<ModelSaved>(run(host, SaveModel{4}))[0].bytes, before[0].bytes);
}

TEST_F(EngineHostTest, StoppedAndFinishedRunsSayWhichWeightsTheModelHas) {
  run(host, test::make_dataset_command(256, 64));
  TrainSettings s;
  s.epochs = 2;
  s.batch = 32;
  s.lr = 1e-4f;
  run(host, StartTraining{1, s});
  std::vector<Event> out;
  host.tick(1, out);  // at least one batch
  auto stopped = events_of<TrainingStopped>(run(host, StopTraining{2}));
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].reason, StopReason::kStopped);
  EXPECT_GT(stopped[0].weights_samples, 0);
  EXPECT_EQ(stopped[0].weights_samples % 32, 0) << "whole batches";
  EXPECT_TRUE(stopped[0].message.empty());

  out = run(host, StartTraining{3, s});
  for (int i = 0; i < 10000 && host.busy(); ++i) host.tick(20, out);
  stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_EQ(stopped[0].reason, StopReason::kFinished);
  EXPECT_EQ(stopped[0].weights_samples, 512);
}

// Offline after the page loaded: the worker's download fails, and the user must read why,
// once, not a parse error of the empty files that followed it (issue 11, item 4).
TEST_F(EngineHostTest, AFailedDownloadAnswersEverythingThatWaitedWithItsCause) {
  TrainSettings s;
  auto requested = events_of<DatasetRequested>(run(host, StartTraining{1, s}));
  ASSERT_EQ(requested.size(), 1u);
  run(host, GetTestImage{2, 5});
  ProvideDataset failed;
  failed.request_id = 1;
  failed.failure = "could not download MNIST: Failed to fetch";
  auto errors = events_of<ErrorRaised>(run(host, failed));
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].request_id, 1u);
  EXPECT_EQ(errors[0].message, "could not download MNIST: Failed to fetch");
  EXPECT_EQ(errors[1].request_id, 2u);
  EXPECT_NE(errors[1].message.find("could not download MNIST: Failed to fetch"), std::string::npos) << errors[1].message;
  EXPECT_FALSE(host.busy());
  EXPECT_FALSE(host.has_dataset());
  // Online again: Start asks for the data again.
  EXPECT_EQ(events_of<DatasetRequested>(run(host, StartTraining{3, s})).size(), 1u);
}

// Issue 14: a network from spec text or a preset replaces the model; a preset with its own
// training settings says so, and a spec the playground cannot train leaves the model as it was.
TEST(EngineHost, BuildModelMakesAFreshNetworkAndSuggestsThePresetsSettings) {
  EngineHost host;
  auto built = events_of<ModelLoaded>(run(host, BuildModel{1, " resnet-mini ", 3}));
  ASSERT_EQ(built.size(), 1u);
  EXPECT_EQ(built[0].name, "resnet-mini");
  EXPECT_EQ(built[0].summary.params, 11282);
  EXPECT_TRUE(built[0].summary.rows[4].depth == 1) << "the first residual block's rows";
  ASSERT_TRUE(built[0].has_suggested);
  EXPECT_EQ(built[0].suggested.optimizer, Optimizer::kAdam);
  EXPECT_FLOAT_EQ(built[0].suggested.lr, 3e-3f);
  EXPECT_FLOAT_EQ(built[0].suggested.lr_decay, 0.2f);
  EXPECT_EQ(built[0].suggested.batch, 32);
  EXPECT_FALSE(built[0].suggestion.empty());
  // The same seed gives the same weights: the saved files agree byte for byte.
  const auto first = events_of<ModelSaved>(run(host, SaveModel{2}));
  run(host, BuildModel{3, "resnet-mini", 3});
  EXPECT_EQ(events_of<ModelSaved>(run(host, SaveModel{4}))[0].bytes, first[0].bytes);

  // Note 003's LeNet-5 comes with the note's own settings: SGD 0.01, batch 128, constant.
  auto note = events_of<ModelLoaded>(run(host, BuildModel{7, "lenet5-tanh", 1}));
  ASSERT_EQ(note.size(), 1u);
  EXPECT_EQ(note[0].summary.params, 61706);
  ASSERT_TRUE(note[0].has_suggested);
  EXPECT_EQ(note[0].suggested.optimizer, Optimizer::kSgd);
  EXPECT_FLOAT_EQ(note[0].suggested.lr, 0.01f);
  EXPECT_EQ(note[0].suggested.batch, 128);
  EXPECT_FLOAT_EQ(note[0].suggested.lr_decay, 1.0f);

  auto own = events_of<ModelLoaded>(run(host, BuildModel{5, "conv 4 3x3 same relu; maxpool 2; flatten; dense 10", 1}));
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0].name, "your network");
  EXPECT_FALSE(own[0].has_suggested);
  const auto kept = events_of<ModelSaved>(run(host, SaveModel{6}));

  const struct {
    const char* spec;
    const char* says;
  } refused[] = {
      {"conv 4 3y3", "spec column 8 ('3y3'): expected a kernel size"},
      {"vgg16", "takes 224x224x3 inputs and gives 1000; the playground trains on 28x28x1 digits with 10 classes"},
      {"conv 4 3x3 same; flatten; dense 7", "gives 7;"},
      {"input 28x28x1; residual(conv 4 3x3 same); flatten; dense 10", "the main path gives 28x28x4"},
  };
  for (const auto& r : refused) {
    auto e = events_of<ErrorRaised>(run(host, BuildModel{7, r.spec, 1}));
    ASSERT_EQ(e.size(), 1u) << r.spec;
    EXPECT_NE(e[0].message.find(r.says), std::string::npos) << e[0].message;
    EXPECT_NE(e[0].message.find("(the current model is kept)"), std::string::npos) << e[0].message;
  }
  EXPECT_EQ(events_of<ModelSaved>(run(host, SaveModel{8}))[0].bytes, kept[0].bytes);
}

// lr_decay is a step schedule: the rate the progress reports is lr in epoch 1, lr * decay in 2.
TEST_F(EngineHostTest, LearningRateDecaysAfterEachEpoch) {
  TrainSettings s;
  s.epochs = 2;
  s.batch = 32;
  s.lr = 2e-3f;
  s.lr_decay = 0.25f;
  run(host, StartTraining{1, s});
  run(host, test::make_dataset_command(320, 100, 2));
  std::vector<float> rates;
  for (int i = 0; i < 400 && host.busy(); ++i) {
    std::vector<Event> out;
    host.tick(1, out);
    for (const TrainingProgressed& p : events_of<TrainingProgressed>(out)) rates.push_back(p.lr);
  }
  ASSERT_FALSE(host.busy());
  ASSERT_GE(rates.size(), 2u);
  EXPECT_FLOAT_EQ(rates.front(), 2e-3f);
  // Epoch 2 trains at lr * decay (the progress after the last batch already names the rate
  // an epoch 3 would have: 1.25e-4).
  EXPECT_NE(std::find(rates.begin(), rates.end(), 5e-4f), rates.end());
  for (float r : rates) EXPECT_TRUE(r == 2e-3f || r == 5e-4f || r == 1.25e-4f) << r;
  s.lr_decay = 1.5f;
  auto bad = events_of<ErrorRaised>(run(host, StartTraining{3, s}));
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].message.find("gamma 1.5 is not in (0, 1]"), std::string::npos) << bad[0].message;
}

// A decay every second epoch: epochs 1 and 2 at lr, epoch 3 at lr * decay.
TEST_F(EngineHostTest, LearningRateDecaysInStepsOfSeveralEpochs) {
  TrainSettings s;
  s.epochs = 3;
  s.batch = 32;
  s.lr = 2e-3f;
  s.lr_decay = 0.5f;
  s.decay_every = 2;
  run(host, StartTraining{1, s});
  run(host, test::make_dataset_command(160, 50, 2));
  std::vector<std::pair<int, float>> rates;  // (epoch, rate)
  for (int i = 0; i < 400 && host.busy(); ++i) {
    std::vector<Event> out;
    host.tick(1, out);
    for (const TrainingProgressed& p : events_of<TrainingProgressed>(out)) rates.emplace_back(p.epoch, p.lr);
  }
  ASSERT_FALSE(host.busy());
  ASSERT_FALSE(rates.empty());
  bool saw_third = false;
  for (const auto& [epoch, rate] : rates) {
    EXPECT_FLOAT_EQ(rate, epoch < 2 ? 2e-3f : 1e-3f) << "epoch " << epoch + 1;
    saw_third = saw_third || epoch == 2;
  }
  EXPECT_TRUE(saw_third);
  s.decay_every = 0;
  auto bad = events_of<ErrorRaised>(run(host, StartTraining{3, s}));
  ASSERT_EQ(bad.size(), 1u);
  EXPECT_NE(bad[0].message.find("schedule step 0 is not >= 1 epoch"), std::string::npos) << bad[0].message;
}

// The optimizers' own parameters and L2 reach the trainer: the same run with weight decay
// ends with other weights, and values out of range are refused with the engine's words.
TEST_F(EngineHostTest, MomentumBetasAndWeightDecayReachTheOptimizer) {
  auto train = [&](TrainSettings s) {
    EngineHost h;
    run(h, LoadModel{1, "lenet5-mnist.bin", shipped_model()});
    run(h, StartTraining{2, s});
    run(h, test::make_dataset_command(96, 20, 3));
    std::vector<Event> out;
    for (int i = 0; i < 400 && h.busy(); ++i) h.tick(5, out);
    EXPECT_EQ(events_of<TrainingStopped>(out).size(), 1u);
    return events_of<ModelSaved>(run(h, SaveModel{4}))[0].bytes;
  };
  TrainSettings plain;
  plain.batch = 32;
  plain.optimizer = Optimizer::kSgd;
  plain.lr = 0.05f;
  TrainSettings l2 = plain;
  l2.weight_decay = 0.1f;
  EXPECT_EQ(train(plain), train(plain)) << "the same settings give the same weights";
  EXPECT_NE(train(plain), train(l2)) << "weight decay changed nothing";
  TrainSettings momentum = plain;
  momentum.optimizer = Optimizer::kMomentum;
  TrainSettings less = momentum;
  less.momentum = 0.5f;
  EXPECT_NE(train(momentum), train(less)) << "the momentum changed nothing";
  TrainSettings adam = plain;
  adam.optimizer = Optimizer::kAdam;
  adam.lr = 1e-3f;
  TrainSettings beta = adam;
  beta.beta1 = 0.5f;
  EXPECT_NE(train(adam), train(beta)) << "beta1 changed nothing";

  const struct {
    void (*set)(TrainSettings&);
    const char* says;
  } refused[] = {
      {[](TrainSettings& s) { s.momentum = 1.0f; }, "momentum 1 is not in [0, 1)"},
      {[](TrainSettings& s) { s.beta2 = -0.1f; }, "Adam beta2 -0.1 is not in [0, 1)"},
      {[](TrainSettings& s) { s.weight_decay = 2.0f; }, "weight decay 2 is not in [0, 1)"},
  };
  for (const auto& r : refused) {
    TrainSettings s = plain;
    r.set(s);
    auto bad = events_of<ErrorRaised>(run(host, StartTraining{9, s}));
    ASSERT_EQ(bad.size(), 1u) << r.says;
    EXPECT_NE(bad[0].message.find(r.says), std::string::npos) << bad[0].message;
  }
}

TEST(EngineHost, RestoreShippedModelBringsBackTheModelMarkedShipped) {
  EngineHost host;
  auto none = events_of<ErrorRaised>(run(host, RestoreShippedModel{1}));
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].message, "no shipped model to restore");
  ASSERT_EQ(events_of<ModelLoaded>(run(host, LoadModel{2, "lenet5-mnist.bin", shipped_model(), true})).size(), 1u);
  auto shipped = events_of<ModelSaved>(run(host, SaveModel{3}));
  Expected<Model> other = Model::build("lenet5", 7);
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(events_of<ModelLoaded>(run(host, LoadModel{4, "other.bin", save_model(*other)})).size(), 1u);
  EXPECT_NE(events_of<ModelSaved>(run(host, SaveModel{5}))[0].bytes, shipped[0].bytes);
  auto back = events_of<ModelLoaded>(run(host, RestoreShippedModel{6}));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].request_id, 6u);
  EXPECT_EQ(back[0].name, "lenet5-mnist.bin");
  EXPECT_EQ(events_of<ModelSaved>(run(host, SaveModel{7}))[0].bytes, shipped[0].bytes);
}

}  // namespace
}  // namespace cnn::protocol
