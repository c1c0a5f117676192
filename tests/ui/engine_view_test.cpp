// The UI's snapshot of the engine (ui/engine_view.h): events folded in as a panel will read
// them, and the words the page mirrors in its live regions. Plain data, no ImGui context.
#include "engine_view.h"

#include <gtest/gtest.h>

#include "widgets/line_plot.h"

namespace cnn::ui {
namespace {

namespace proto = cnn::protocol;

proto::ModelLoaded lenet(const char* name) {
  proto::ModelLoaded m;
  m.name = name;
  m.summary.params = 61706;
  return m;
}

TEST(EngineView, ReadyModelAndPredictionReadAsThePageSaysThem) {
  EngineView v;
  EXPECT_EQ(training_status_text(v), "Loading the engine");
  apply(v, proto::EngineReady{}, 0);
  apply(v, lenet("lenet5-mnist.bin"), 0);
  EXPECT_EQ(training_status_text(v), "Ready: lenet5-mnist.bin, 61706 parameters");
  EXPECT_EQ(v.model_generation, 1);

  proto::Predicted p;
  p.request_id = 7;
  p.probs = {0.01f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.981f, 0.009f, 0.0f};
  apply(v, p, 0);
  EXPECT_EQ(v.top_class, 7);
  EXPECT_EQ(v.prediction_id, 7u);
  EXPECT_EQ(prediction_text(v), "7 (98.1%)");
}

// A digit model shown Fashion-MNIST still answers digits; once a run trains it on the chosen
// dataset its answers are named by that dataset's classes, and its kept run says which it was.
TEST(EngineView, PredictionsAreNamedByTheDatasetTheModelLearned) {
  EngineView v;
  apply(v, proto::EngineReady{}, 0);
  apply(v, lenet("lenet5-mnist.bin"), 0);
  apply(v, proto::DatasetChosen{1, proto::DatasetName::kFashion}, 0);
  EXPECT_EQ(v.dataset, proto::DatasetName::kFashion);
  EXPECT_EQ(v.model_dataset, proto::DatasetName::kMnist);
  proto::Predicted p;
  p.probs = {0.01f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.009f, 0.981f};
  apply(v, p, 0);
  EXPECT_EQ(prediction_text(v), "9 (98.1%)");

  apply(v, proto::TrainingStarted{2, proto::TrainSettings{}, 2000}, 0);
  EXPECT_EQ(v.model_dataset, proto::DatasetName::kFashion);
  apply(v, p, 0);
  EXPECT_EQ(prediction_text(v), "Ankle boot (98.1%)");
  EXPECT_EQ(class_name(proto::DatasetName::kFashion, 0), "T-shirt/top");
  EXPECT_EQ(class_name(proto::DatasetName::kMnist, 3), "3");
  apply(v, proto::TrainingStopped{2, proto::StopReason::kFinished, "", 2000}, 0);
  ASSERT_EQ(v.runs.size(), 1u);
  EXPECT_EQ(v.runs[0].dataset, proto::DatasetName::kFashion);
  EXPECT_NE(v.runs[0].name.find(", Fashion-MNIST"), std::string::npos) << v.runs[0].name;

  // Another model (the shipped one again, a file, a fresh network) learned digits, or nothing.
  apply(v, lenet("lenet5-mnist.bin"), 0);
  EXPECT_EQ(v.model_dataset, proto::DatasetName::kMnist);
  apply(v, proto::DatasetLoaded{3, 60000, 10000, proto::DatasetName::kFashion}, 0);
  EXPECT_EQ(v.dataset, proto::DatasetName::kFashion);
}

TEST(EngineView, ARunFillsTheCurvesAndTheStatusNamesItsResultUntilAnotherModelLoads) {
  EngineView v;
  apply(v, proto::EngineReady{}, 0);
  apply(v, lenet("lenet5-mnist.bin"), 0);
  proto::TrainingStarted s;
  s.settings.epochs = 1;
  s.total_samples = 60000;
  apply(v, s, 0);
  for (int i = 1; i <= 3; ++i) {
    proto::TrainingProgressed p;
    p.epochs = 1;
    p.samples_done = i * 640;
    p.total_samples = 60000;
    p.loss = 1.0 / i;
    p.accuracy = 0.5 + 0.1 * i;
    apply(v, p, 0);
  }
  ASSERT_EQ(v.curve_samples.size(), 3u);
  EXPECT_EQ(v.curve_samples[2], 1920.0f);
  EXPECT_FLOAT_EQ(v.accuracy_curve[2], 0.8f);
  proto::EpochFinished e;
  e.epoch = 1;
  e.test_accuracy = 0.9874;
  apply(v, e, 0);
  apply(v, proto::TrainingStopped{0, proto::StopReason::kFinished, "", 60000}, 0);
  EXPECT_EQ(training_status_text(v), "Training finished after epoch 1: test accuracy 98.74%");

  apply(v, lenet("saved.bin"), 0);  // a model loaded after the run: the status names it
  EXPECT_EQ(training_status_text(v), "Ready: saved.bin, 61706 parameters");
  apply(v, s, 0);  // a new run clears the old one's curves and epochs
  EXPECT_TRUE(v.curve_samples.empty());
  EXPECT_TRUE(v.epochs.empty());
}

TEST(EngineView, TeachingAnswersAreFoundByRequestAndErrorsRememberTheirRequest) {
  EngineView v;
  for (uint32_t id = 1; id <= 10; ++id) {
    proto::ConvolutionTraced t;
    t.request_id = id;
    t.sum = float(id);
    apply(v, t, 0);
  }
  EXPECT_EQ(v.conv_traces.size(), 8u);  // only the last few are kept
  EXPECT_EQ(find_conv_trace(v, 1), nullptr);
  ASSERT_NE(find_conv_trace(v, 9), nullptr);
  EXPECT_EQ(find_conv_trace(v, 9)->sum, 9.0f);

  proto::SpecSummarized alexnet;
  alexnet.name = "alexnet";
  alexnet.summary.params = 58327818;
  apply(v, alexnet, 0);
  alexnet.summary.params = 1;  // asked again: replaced, not added
  apply(v, alexnet, 0);
  EXPECT_EQ(v.spec_summaries.size(), 1u);
  ASSERT_NE(find_spec_summary(v, "alexnet"), nullptr);
  EXPECT_EQ(find_spec_summary(v, "alexnet")->params, 1);
  EXPECT_EQ(find_spec_summary(v, "vgg16"), nullptr);

  apply(v, proto::ErrorRaised{12, "convolution: stride 9 is not in 1..8"}, 3.5);
  EXPECT_EQ(v.last_error_id, 12u);
  EXPECT_EQ(v.last_error_time, 3.5);
  EXPECT_EQ(v.error_count, 1);
}

TEST(EngineView, DownloadingFollowsTheDatasetRequestAndEndsWithTheDataOrAnError) {
  EngineView v;
  apply(v, proto::DatasetRequested{3}, 0);
  EXPECT_EQ(v.training, TrainingState::kDownloading);
  apply(v, proto::DatasetDownloadProgressed{0, 5e6, 11e6}, 0);
  EXPECT_EQ(training_status_text(v), "Downloading MNIST: 5.0 of 11.0 MB");
  apply(v, proto::ErrorRaised{3, "MNIST download failed"}, 0);
  EXPECT_EQ(v.training, TrainingState::kIdle);
}

// Issue 11, item 7: after Stop the page says exactly which weights the model has, and after
// a divergence that the model went back, even though a ModelLoaded (the roll-back) follows.
TEST(EngineView, AStoppedRunNamesTheWeightsTheModelNowHas) {
  EngineView v;
  apply(v, proto::EngineReady{}, 0);
  apply(v, lenet("lenet5-mnist.bin"), 0);
  proto::TrainingStarted s;
  s.request_id = 4;
  s.settings.epochs = 3;
  s.total_samples = 180000;
  apply(v, s, 0);
  apply(v, proto::TrainingStopped{4, proto::StopReason::kStopped, "", 132352}, 0);
  EXPECT_EQ(stopped_weights_text(v), "epoch 2 and 12,352 of 60,000 samples into epoch 3");
  EXPECT_EQ(training_status_text(v),
            "Training stopped: the model has the weights of epoch 2 and 12,352 of 60,000 samples into epoch 3");
  apply(v, s, 0);
  apply(v, proto::TrainingStopped{4, proto::StopReason::kStopped, "", 640}, 0);
  EXPECT_EQ(stopped_weights_text(v), "640 of 60,000 samples into epoch 1");
  apply(v, s, 0);
  apply(v, proto::TrainingStopped{4, proto::StopReason::kStopped, "", 120000}, 0);
  EXPECT_EQ(stopped_weights_text(v), "the end of epoch 2");
}

TEST(EngineView, ADivergedRunStaysTheStatusThroughItsRollBackAndIsThePagesAlert) {
  EngineView v;
  apply(v, proto::EngineReady{}, 0);
  apply(v, lenet("lenet5-mnist.bin"), 0);
  proto::TrainingStarted s;
  s.request_id = 9;
  s.settings.epochs = 1;
  s.total_samples = 2000;
  apply(v, s, 0);
  const std::string why = "Training diverged at epoch 1, sample 640: ... The model is back to the model from before this run.";
  apply(v, proto::TrainingStopped{9, proto::StopReason::kDiverged, why, 0}, 2.0);
  proto::ModelLoaded rollback = lenet("lenet5-mnist.bin");
  rollback.request_id = 9;
  apply(v, rollback, 2.0);
  EXPECT_EQ(training_status_text(v), "Training diverged and was stopped: the model is back to the weights from before the run");
  EXPECT_EQ(v.run_notice, why);
  EXPECT_EQ(v.stop_note, "");
  EXPECT_EQ(v.last_error, why);
  EXPECT_EQ(v.model_generation, 2) << "the roll-back still re-runs predictions";

  apply(v, lenet("other.bin"), 3.0);  // a later load: the status and the alert move on
  EXPECT_EQ(training_status_text(v), "Ready: other.bin, 61706 parameters");
  EXPECT_EQ(v.last_error, "");
  apply(v, s, 4.0);  // a new run clears the notice
  EXPECT_EQ(v.run_notice, "");
}

// Early stopping: the status says the run stopped early and which epoch's weights it kept;
// its note shows under the run but is no alert (a divergence is). A run that ended on its own
// past its best says it kept the best.
TEST(EngineView, EarlyStoppingSaysWhichEpochTheModelKeptAndRaisesNoAlert) {
  EngineView v;
  apply(v, proto::EngineReady{}, 0);
  apply(v, lenet("lenet5-mnist.bin"), 0);
  proto::TrainingStarted s;
  s.request_id = 5;
  s.settings.epochs = 10;
  s.settings.patience = 2;
  s.total_samples = 20000;
  apply(v, s, 0);
  for (int epoch = 1; epoch <= 5; ++epoch) {
    proto::EpochFinished e;
    e.request_id = 5;
    e.epoch = epoch;
    e.best_epoch = std::min(epoch, 3);
    apply(v, e, 0);
  }
  const std::string note = "Stopped early after epoch 5: the test loss has not fallen below epoch 3's 0.0500 for 2 epochs. "
                           "The model has epoch 3's weights.";
  apply(v, proto::TrainingStopped{5, proto::StopReason::kEarlyStopped, note, 6000}, 1.0);
  proto::ModelLoaded restored = lenet("lenet5-mnist.bin");
  restored.request_id = 5;
  apply(v, restored, 1.0);
  EXPECT_EQ(training_status_text(v),
            "Training stopped early after epoch 5: the test loss had stopped falling; the model has the weights of the end of epoch 3");
  EXPECT_EQ(v.stop_note, note);
  EXPECT_EQ(v.run_notice, "") << "not the page's alert";
  EXPECT_EQ(v.last_error, "") << "not an error";
  EXPECT_EQ(v.error_count, 0);
  EXPECT_EQ(kept_best_epoch(v), 3);
  ASSERT_EQ(v.runs.size(), 1u);
  EXPECT_EQ(std::string(stop_reason_text(v.runs[0].reason)), "stopped early");

  s.settings.epochs = 4;
  s.total_samples = 8000;
  apply(v, s, 2.0);
  for (int epoch = 1; epoch <= 4; ++epoch) {
    proto::EpochFinished e;
    e.request_id = 5;
    e.epoch = epoch;
    e.best_epoch = std::min(epoch, 2);
    apply(v, e, 2.0);
  }
  apply(v, proto::TrainingStopped{5, proto::StopReason::kFinished, "The test loss was lowest after epoch 2 (0.0400). ...", 4000}, 2.0);
  apply(v, restored, 2.0);
  EXPECT_EQ(training_status_text(v),
            "Training finished after epoch 4; the model has the weights of the end of epoch 2, where the test loss was lowest");
  EXPECT_EQ(v.error_count, 0);
}

TEST(EngineView, ThePreviewIsKeptWithItsRequest) {
  EngineView v;
  proto::TrainingPreviewed p;
  p.request_id = 12;
  p.lr = {1e-3f, 5e-4f};
  apply(v, p, 0);
  ASSERT_TRUE(v.has_preview);
  EXPECT_EQ(v.preview.request_id, 12u);
  EXPECT_EQ(v.preview.lr, p.lr);
}

// A preset built with BuildModel brings its settings once; a plain load brings none and keeps
// the last ones for the training panel to compare against.
TEST(EngineView, SuggestedSettingsArriveWithTheModelThatBringsThem) {
  EngineView v;
  apply(v, lenet("lenet5-mnist.bin"), 0);
  EXPECT_EQ(v.suggestion_generation, 0);
  proto::ModelLoaded mini = lenet("resnet-mini");
  mini.has_suggested = true;
  mini.suggested.lr = 3e-3f;
  mini.suggested.lr_decay = 0.2f;
  mini.suggestion = "batch norm allows a larger first step";
  apply(v, mini, 0);
  EXPECT_EQ(v.suggestion_generation, 1);
  EXPECT_FLOAT_EQ(v.suggested.lr_decay, 0.2f);
  EXPECT_EQ(v.suggestion, "batch norm allows a larger first step");
  apply(v, lenet("lenet5-mnist.bin"), 0);
  EXPECT_EQ(v.suggestion_generation, 1);
  EXPECT_EQ(v.model_name, "lenet5-mnist.bin");
}

TEST(EngineView, NumbersStayCompactWhateverTheirSize) {
  EXPECT_EQ(compact_value(1237754.5, 4), "1.2e+06");
  EXPECT_EQ(compact_value(1.48e26, 3), "1.5e+26");
  EXPECT_EQ(compact_value(0.0312, 4), "0.0312");
  EXPECT_EQ(compact_value(2.5, 3), "2.500");
  EXPECT_EQ(compact_value(0, 3), "0.000");
  EXPECT_EQ(compact_value(1e-6, 0), "1e-06");
  EXPECT_EQ(grouped(102764544), "102,764,544");
  EXPECT_EQ(grouped(-1000), "-1,000");
  EXPECT_EQ(grouped(999), "999");
}

TEST(EngineView, APredictionSaysWhenItMeansLittle) {
  EngineView v;
  proto::Predicted p;
  p.probs = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.98f, 0.02f, 0.0f};
  p.doubt = "it is very small (a dot?): draw the digit larger, filling most of the pad";
  apply(v, p, 0);
  EXPECT_EQ(prediction_text(v),
            "7 (98.0%), but it may not be a digit: it is very small (a dot?): draw the digit larger, filling most of the pad");
  p.doubt.clear();
  p.probs = {0.0f, 0.0f, 0.0f, 0.0f, 0.45f, 0.0f, 0.0f, 0.0f, 0.0f, 0.38f + 0.17f};
  apply(v, p, 0);
  EXPECT_EQ(prediction_text(v), "9 (55.0%), but the network is unsure: 9 (55%) or 4 (45%)");
  p.probs = {0.0f, 0.99f, 0.01f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
  apply(v, p, 0);
  EXPECT_EQ(prediction_text(v), "1 (99.0%)");
}

TEST(LinePlot, NiceRangesCoverTheDataWithRoundSteps) {
  float lo = 0.913f, hi = 1.0f;
  const float step = nice_range(lo, hi, 5);
  EXPECT_FLOAT_EQ(step, 0.02f);
  EXPECT_FLOAT_EQ(lo, 0.90f);
  EXPECT_FLOAT_EQ(hi, 1.0f);

  lo = 0;
  hi = 60000;
  EXPECT_FLOAT_EQ(nice_range(lo, hi, 4), 20000.0f);
  EXPECT_FLOAT_EQ(hi, 60000.0f);

  lo = hi = 2.0f;  // one value: still a range
  nice_range(lo, hi, 4);
  EXPECT_LT(lo, hi);
}

// Issue 11, item 8: a huge loss (a diverging run) must not widen the axis labels.
TEST(LinePlot, TickLabelsStayShortForHugeValues) {
  char buf[48];
  tick_label(buf, sizeof buf, 1237754.5, 1, "");
  EXPECT_STREQ(buf, "1.24M");
  tick_label(buf, sizeof buf, 1.48e26, 1, "");
  EXPECT_STREQ(buf, "1e+26");
  tick_label(buf, sizeof buf, 52311, 0, "");
  EXPECT_STREQ(buf, "52.3k");
  tick_label(buf, sizeof buf, 98.5, 1, "%");
  EXPECT_STREQ(buf, "98.5%");
  tick_label(buf, sizeof buf, 0.01, 2, "");
  EXPECT_STREQ(buf, "0.01");
}

}  // namespace
}  // namespace cnn::ui
