// Choosing the dataset (ChooseDataset, protocol 9): MNIST until Fashion-MNIST is chosen; every
// request for images names the chosen one; a change drops the other one's images, re-asks for
// what waited, drops files of the old one that arrive late, and is refused during a run.
#include <gtest/gtest.h>

#include "protocol/engine_host.h"
#include "protocol/protocol_test_util.h"

namespace cnn::protocol {
namespace {

using test::events_of;
using test::load_shipped;
using test::run;

ProvideDataset files_of(DatasetName dataset, uint32_t request_id, int test_count = 20) {
  ProvideDataset d = test::make_dataset_command(100, test_count, request_id);
  d.dataset = dataset;
  return d;
}

TEST(EngineHostDataset, MnistUntilAnotherIsChosenAndEveryRequestNamesTheChosenOne) {
  EngineHost host;
  EXPECT_EQ(host.dataset(), DatasetName::kMnist);
  auto asked = events_of<DatasetRequested>(run(host, GetTestImage{1, 0}));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].dataset, DatasetName::kMnist);

  EngineHost other;
  auto chosen = events_of<DatasetChosen>(run(other, ChooseDataset{2, DatasetName::kFashion}));
  ASSERT_EQ(chosen.size(), 1u);
  EXPECT_EQ(chosen[0].request_id, 2u);
  EXPECT_EQ(chosen[0].dataset, DatasetName::kFashion);
  asked = events_of<DatasetRequested>(run(other, GetTestImage{3, 4}));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].request_id, 3u);
  EXPECT_EQ(asked[0].dataset, DatasetName::kFashion);
  std::vector<Event> out = run(other, files_of(DatasetName::kFashion, 3));
  auto loaded = events_of<DatasetLoaded>(out);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].dataset, DatasetName::kFashion);
  ASSERT_EQ(events_of<TestImageProvided>(out).size(), 1u);
  EXPECT_EQ(events_of<TestImageProvided>(out)[0].index, 4);
}

TEST(EngineHostDataset, AChangeDropsTheLoadedImagesAndTheSameChoiceKeepsThem) {
  EngineHost host;
  run(host, GetTestImage{1, 0});
  run(host, files_of(DatasetName::kMnist, 1, 30));
  ASSERT_TRUE(host.has_dataset());

  std::vector<Event> out = run(host, ChooseDataset{2, DatasetName::kMnist});
  EXPECT_EQ(events_of<DatasetChosen>(out).size(), 1u);
  EXPECT_TRUE(events_of<DatasetRequested>(out).empty());
  EXPECT_TRUE(host.has_dataset()) << "choosing the loaded dataset again keeps its images";

  out = run(host, ChooseDataset{3, DatasetName::kFashion});
  EXPECT_TRUE(events_of<DatasetRequested>(out).empty()) << "nothing waits, so nothing is asked for yet";
  EXPECT_FALSE(host.has_dataset());
  auto asked = events_of<DatasetRequested>(run(host, GetTestImage{4, 25}));
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].dataset, DatasetName::kFashion);
  // The new test set has 20 images: image 25 of the old one's 30 is no more.
  out = run(host, files_of(DatasetName::kFashion, 4, 20));
  auto errors = events_of<ErrorRaised>(out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "test image 25 does not exist: the test set has 20 images (0..19)");
}

// The worker may be downloading the old dataset when the choice changes: what waited is asked
// for again, under its own id, and the old files are dropped when they come.
TEST(EngineHostDataset, WhatWaitedIsAskedForAgainAndLateFilesOfTheOldOneAreDropped) {
  EngineHost host;
  load_shipped(host);
  TrainSettings s;
  s.batch = 50;
  s.limit = 100;
  ASSERT_EQ(events_of<DatasetRequested>(run(host, StartTraining{5, s})).size(), 1u);
  std::vector<Event> out = run(host, ChooseDataset{6, DatasetName::kFashion});
  auto asked = events_of<DatasetRequested>(out);
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_EQ(asked[0].request_id, 5u) << "the run's request, for the new dataset";
  EXPECT_EQ(asked[0].dataset, DatasetName::kFashion);
  ASSERT_EQ(events_of<DatasetChosen>(out).size(), 1u);

  out = run(host, files_of(DatasetName::kMnist, 5));
  EXPECT_TRUE(out.empty()) << "MNIST's files, asked for before the change, are dropped";
  EXPECT_FALSE(host.has_dataset());
  EXPECT_FALSE(host.busy());

  out = run(host, files_of(DatasetName::kFashion, 5));
  auto loaded = events_of<DatasetLoaded>(out);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].dataset, DatasetName::kFashion);
  ASSERT_EQ(events_of<TrainingStarted>(out).size(), 1u);
  EXPECT_EQ(events_of<TrainingStarted>(out)[0].request_id, 5u);
  EXPECT_TRUE(host.busy());
}

TEST(EngineHostDataset, RefusedDuringARunWhichGoesOnWithItsDataset) {
  EngineHost host;
  load_shipped(host);
  TrainSettings s;
  s.batch = 50;
  run(host, StartTraining{1, s});
  run(host, files_of(DatasetName::kMnist, 1));
  ASSERT_TRUE(host.busy());
  std::vector<Event> out = run(host, ChooseDataset{2, DatasetName::kFashion});
  auto errors = events_of<ErrorRaised>(out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 2u);
  EXPECT_EQ(errors[0].message, "the dataset cannot change during training: stop the run first");
  EXPECT_TRUE(events_of<DatasetChosen>(out).empty());
  EXPECT_EQ(host.dataset(), DatasetName::kMnist);
  EXPECT_TRUE(host.has_dataset());
  EXPECT_TRUE(host.busy());

  run(host, PauseTraining{3});
  EXPECT_EQ(events_of<ErrorRaised>(run(host, ChooseDataset{4, DatasetName::kFashion})).size(), 1u) << "paused is a run too";
  run(host, StopTraining{5});
  EXPECT_EQ(events_of<DatasetChosen>(run(host, ChooseDataset{6, DatasetName::kFashion})).size(), 1u);
}

// A search of the test set reads the images being dropped: it ends, and says why.
TEST(EngineHostDataset, ASearchOfTheOldTestSetIsStopped) {
  EngineHost host;
  load_shipped(host);
  run(host, GetTestImage{1, 0});
  run(host, files_of(DatasetName::kMnist, 1, 600));
  ASSERT_TRUE(events_of<ErrorRaised>(run(host, FindTestImages{2, 3, 3, 12})).empty());
  ASSERT_TRUE(host.busy());
  auto errors = events_of<ErrorRaised>(run(host, ChooseDataset{3, DatasetName::kFashion}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 2u);
  EXPECT_EQ(errors[0].message, "the dataset changed: the search of the test images was stopped");
  EXPECT_FALSE(host.busy());
}

}  // namespace
}  // namespace cnn::protocol
