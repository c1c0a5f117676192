// The saved session (protocol/saved_session.h): what the page keeps in the browser survives
// encode -> decode exactly, and bytes that are not a session of this version (another
// version's, truncated, flipped) are refused with a reason, never a crash.
#include <gtest/gtest.h>

#include <random>

#include "io/file.h"
#include "protocol/saved_session.h"

namespace cnn::protocol {
namespace {

SavedSession sample_session() {
  SavedSession s;
  s.model_name = "lenet5-mnist.bin";
  s.model_spec = "input 28x28x1\nconv 6 5x5 same relu\n";
  s.model = {'C', 'N', 'N', 'P', 'L', 'A', 'Y', 0, 1, 2, 3};
  s.link = "?mode=pooling&pool.f=3";
  s.run_settings.epochs = 2;
  s.run_settings.optimizer = Optimizer::kMomentum;
  s.run_settings.lr = 0.01f;
  s.run_settings.seed = 7;
  s.has_progress = true;
  s.progress.epoch = 1;
  s.progress.samples_done = 4000;
  s.progress.loss = 0.25f;
  s.loss_curve = {2.3f, 0.5f, 0.25f};
  s.accuracy_curve = {0.1f, 0.8f, 0.93f};
  s.curve_samples = {64, 2000, 4000};
  EpochFinished e;
  e.epoch = 1;
  e.test_accuracy = 0.9312;
  e.confusion.assign(100, 3);
  s.epochs = {e};
  s.last_run_finished = true;
  s.has_stop = true;
  s.stop.reason = StopReason::kFinished;
  s.stop.weights_samples = 4000;
  RunRecord r;
  r.number = 2;
  r.name = "Run 2: Momentum 0.01, batch 64";
  r.model_name = s.model_name;
  r.params = 61706;
  r.settings = s.run_settings;
  r.samples_done = 4000;
  r.samples_per_s = 1234.5;
  r.loss_curve = s.loss_curve;
  r.epochs = s.epochs;
  r.model_bytes = {9, 8, 7};
  r.shown = false;
  s.runs = {r, RunRecord{}};
  return s;
}

TEST(SavedSession, RoundTripsExactly) {
  const SavedSession s = sample_session();
  const std::vector<uint8_t> bytes = encode(s);
  Expected<SavedSession> back = decode_saved_session(bytes.data(), bytes.size());
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->model_name, s.model_name);
  EXPECT_EQ(back->model_spec, s.model_spec);
  EXPECT_EQ(back->model, s.model);
  EXPECT_EQ(back->link, s.link);
  EXPECT_EQ(back->run_settings.optimizer, Optimizer::kMomentum);
  EXPECT_EQ(back->run_settings.seed, 7u);
  EXPECT_EQ(back->progress.samples_done, 4000);
  EXPECT_EQ(back->accuracy_curve, s.accuracy_curve);
  EXPECT_EQ(back->curve_samples, s.curve_samples);
  ASSERT_EQ(back->epochs.size(), 1u);
  EXPECT_EQ(back->epochs[0].test_accuracy, 0.9312);
  EXPECT_EQ(back->epochs[0].confusion, s.epochs[0].confusion);
  EXPECT_TRUE(back->has_stop);
  EXPECT_EQ(back->stop.weights_samples, 4000);
  ASSERT_EQ(back->runs.size(), 2u);
  EXPECT_EQ(back->runs[0].name, s.runs[0].name);
  EXPECT_EQ(back->runs[0].samples_per_s, 1234.5);
  EXPECT_EQ(back->runs[0].model_bytes, s.runs[0].model_bytes);
  EXPECT_FALSE(back->runs[0].shown);
  EXPECT_TRUE(back->runs[1].shown);
  EXPECT_EQ(encode(*back), bytes);
}

// A visitor's session from before augmentation and early stopping (version 5) still opens:
// tests/fixtures/session_v5.bin is sample_session() as the page of b2b716e wrote it. The new
// settings are off and no epoch was anyone's best; saved again, it is today's version.
TEST(SavedSession, AnOlderVersionIsReadWithTheFieldsItHad) {
  Expected<std::vector<uint8_t>> old = read_file(std::string(CNN_FIXTURE_DIR) + "/session_v5.bin");
  ASSERT_TRUE(old.ok()) << old.error();
  ASSERT_EQ((*old)[8], 5);
  Expected<SavedSession> back = decode_saved_session(old->data(), old->size());
  ASSERT_TRUE(back.ok()) << back.error();
  const SavedSession s = sample_session();
  EXPECT_EQ(back->model, s.model);
  EXPECT_EQ(back->link, s.link);
  EXPECT_EQ(back->run_settings.seed, 7u);
  EXPECT_EQ(back->run_settings.patience, 0);
  EXPECT_EQ(back->run_settings.augment.shift, 0.0f);
  ASSERT_EQ(back->epochs.size(), 1u);
  EXPECT_EQ(back->epochs[0].confusion, s.epochs[0].confusion);
  EXPECT_EQ(back->epochs[0].best_epoch, 0);
  ASSERT_EQ(back->runs.size(), 2u);
  EXPECT_EQ(back->runs[0].name, s.runs[0].name);
  EXPECT_EQ(back->runs[0].model_bytes, s.runs[0].model_bytes);
  EXPECT_EQ(encode(*back), encode(s)) << "read as it was, written as today's";
}

// A session from before Fashion-MNIST (version 8, tests/fixtures/session_v8.bin: sample_session()
// as the page of 752d1ca wrote it): its runs were on MNIST, the only dataset there was.
TEST(SavedSession, ASessionFromBeforeFashionMnistHasItsRunsOnMnist) {
  Expected<std::vector<uint8_t>> old = read_file(std::string(CNN_FIXTURE_DIR) + "/session_v8.bin");
  ASSERT_TRUE(old.ok()) << old.error();
  ASSERT_EQ((*old)[8], 8);
  Expected<SavedSession> back = decode_saved_session(old->data(), old->size());
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->runs.size(), 2u);
  EXPECT_EQ(back->runs[0].dataset, DatasetName::kMnist);
  EXPECT_EQ(back->runs[0].settings.seed, 7u);
  EXPECT_FALSE(back->runs[0].shown);
  EXPECT_EQ(encode(*back), encode(sample_session())) << "read as it was, written as today's";

  SavedSession fashion = sample_session();
  fashion.runs[1].dataset = DatasetName::kFashion;
  const std::vector<uint8_t> bytes = encode(fashion);
  Expected<SavedSession> again = decode_saved_session(bytes.data(), bytes.size());
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->runs[0].dataset, DatasetName::kMnist);
  EXPECT_EQ(again->runs[1].dataset, DatasetName::kFashion);
}

TEST(SavedSession, AnotherVersionOrNoMarkIsRefusedWithAReason) {
  std::vector<uint8_t> bytes = encode(sample_session());
  for (uint8_t version : {uint8_t(kSessionVersion + 1), uint8_t(kOldestSessionVersion - 1)}) {
    bytes[8] = version;
    Expected<SavedSession> other = decode_saved_session(bytes.data(), bytes.size());
    ASSERT_FALSE(other.ok());
    EXPECT_NE(other.error().find("another version of the page"), std::string::npos) << other.error();
  }
  const std::vector<uint8_t> junk = {'n', 'o', 't', ' ', 'a', ' ', 's', 'e', 's', 's', 'i', 'o', 'n'};
  Expected<SavedSession> none = decode_saved_session(junk.data(), junk.size());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().find("not a saved session"), std::string::npos) << none.error();
  EXPECT_FALSE(decode_saved_session(nullptr, 0).ok());
  bytes = encode(sample_session());
  bytes.push_back(0);
  Expected<SavedSession> trailing = decode_saved_session(bytes.data(), bytes.size());
  ASSERT_FALSE(trailing.ok());
  EXPECT_NE(trailing.error().find("unexpected bytes at the end"), std::string::npos) << trailing.error();
}

TEST(SavedSession, EveryTruncationIsAnError) {
  const std::vector<uint8_t> bytes = encode(sample_session());
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(decode_saved_session(bytes.data(), n).ok()) << "truncated to " << n << " of " << bytes.size();
}

TEST(SavedSession, BitFlipsNeverCrashAndWhatDecodesIsCanonical) {
  const std::vector<uint8_t> bytes = encode(sample_session());
  std::mt19937 rng(5);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> flipped = bytes;
    flipped[rng() % flipped.size()] ^= uint8_t(1u << (rng() % 8));
    if (Expected<SavedSession> s = decode_saved_session(flipped.data(), flipped.size())) {
      EXPECT_EQ(encode(*s), flipped);
    }
  }
}

}  // namespace
}  // namespace cnn::protocol
