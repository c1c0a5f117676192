// ui/saved_session.h: what the page saves is the view's, what comes back goes where the panels
// read it, and a lesson link's network wins over the model this browser kept.
#include <gtest/gtest.h>

#include "saved_session.h"

namespace cnn::ui {
namespace {

EngineView trained_view() {
  EngineView v;
  v.loss_curve = {2.3f, 0.4f};
  v.accuracy_curve = {0.1f, 0.9f};
  v.curve_samples = {64, 4000};
  proto::EpochFinished e;
  e.request_id = 12;
  e.epoch = 1;
  e.test_accuracy = 0.95;
  v.epochs = {e};
  v.has_stop = true;
  v.stop.request_id = 12;
  v.stop.reason = proto::StopReason::kFinished;
  v.last_run_finished = true;
  RunRecord r;
  r.number = 1;
  r.name = "Run 1: Adam 0.001, batch 64";
  r.epochs = {e};
  v.runs = {r};
  return v;
}

TEST(SavedSession, ComesBackIntoTheViewWithoutTheOldEnginesRequestIds) {
  const EngineView before = trained_view();
  const proto::SavedSession s = session_of(before, {1, 2, 3}, "mine.bin", "input 28x28x1\n", "?mode=network");
  EXPECT_EQ(s.model_name, "mine.bin");
  EXPECT_EQ(s.link, "?mode=network");
  EngineView after;
  restore_runs(after, s);
  EXPECT_EQ(after.loss_curve, before.loss_curve);
  EXPECT_EQ(after.curve_samples, before.curve_samples);
  ASSERT_EQ(after.epochs.size(), 1u);
  EXPECT_EQ(after.epochs[0].test_accuracy, 0.95);
  EXPECT_EQ(after.epochs[0].request_id, 0u);  // 12 was the last visit's StartTraining
  EXPECT_EQ(after.stop.request_id, 0u);
  EXPECT_TRUE(after.has_stop);
  ASSERT_EQ(after.runs.size(), 1u);
  EXPECT_EQ(after.runs[0].name, before.runs[0].name);
  EXPECT_EQ(after.runs[0].epochs[0].request_id, 0u);
  EXPECT_EQ(training_status_text(after), training_status_text(before));
}

TEST(SavedSession, ALinksOtherNetworkWinsOverTheSavedModel) {
  proto::SavedSession s;
  s.model = {1};
  s.model_spec = "input 28x28x1\nconv 4 3x3\n";
  EXPECT_TRUE(use_saved_model(s, ""));                            // no spec in the link
  EXPECT_TRUE(use_saved_model(s, "input 28x28x1\nconv 4 3x3\n"));  // the saved model is the link's network, trained
  EXPECT_FALSE(use_saved_model(s, "input 28x28x1\nconv 8 3x3\n"));
  s.model.clear();
  EXPECT_FALSE(use_saved_model(s, ""));                           // nothing was saved
}

TEST(SavedSession, TheDigestChangesWithWhatASaveWouldWrite) {
  EngineView v = trained_view();
  const std::string d = session_digest(v, "?mode=network");
  EXPECT_EQ(session_digest(v, "?mode=network"), d);
  EXPECT_NE(session_digest(v, "?mode=pooling"), d);
  v.runs[0].name = "my best run";
  EXPECT_NE(session_digest(v, "?mode=network"), d);
  v = trained_view();
  v.runs[0].shown = false;
  EXPECT_NE(session_digest(v, "?mode=network"), d);
  v = trained_view();
  v.loss_curve.push_back(0.3f);
  EXPECT_NE(session_digest(v, "?mode=network"), d);
}

}  // namespace
}  // namespace cnn::ui
