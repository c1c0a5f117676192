// Races (ui/race.h): the optimizers with their own rates, or one setting over the values a
// user lists, every other setting the Train tab's; a bad list says what is wrong.
#include <gtest/gtest.h>

#include "race.h"

namespace cnn::ui {
namespace {

protocol::TrainSettings base() {
  protocol::TrainSettings s;
  s.epochs = 2;
  s.batch = 64;
  s.lr = 0.02f;
  s.optimizer = protocol::Optimizer::kMomentum;
  s.seed = 9;
  s.weight_decay = 1e-4f;
  return s;
}

TEST(Race, TheOptimizersEachWithItsOwnRate) {
  auto racers = race_settings(base(), RaceKind::kOptimizers, "ignored");
  ASSERT_TRUE(racers.ok()) << racers.error();
  ASSERT_EQ(racers->size(), 3u);
  EXPECT_EQ((*racers)[0].optimizer, protocol::Optimizer::kSgd);
  EXPECT_EQ((*racers)[1].optimizer, protocol::Optimizer::kMomentum);
  EXPECT_EQ((*racers)[2].optimizer, protocol::Optimizer::kAdam);
  EXPECT_EQ((*racers)[0].lr, 0.05f);
  EXPECT_EQ((*racers)[2].lr, 0.001f);
  for (const auto& s : *racers) {
    EXPECT_EQ(s.seed, 9u);
    EXPECT_EQ(s.batch, 64);
    EXPECT_EQ(s.weight_decay, 1e-4f);
  }
}

TEST(Race, ASettingOverTheValuesListed) {
  auto racers = race_settings(base(), RaceKind::kWeightDecay, " 0, 0.0005  0.005 ");
  ASSERT_TRUE(racers.ok()) << racers.error();
  ASSERT_EQ(racers->size(), 3u);
  EXPECT_EQ((*racers)[0].weight_decay, 0.0f);
  EXPECT_EQ((*racers)[1].weight_decay, 0.0005f);
  EXPECT_EQ((*racers)[2].weight_decay, 0.005f);
  for (const auto& s : *racers) {
    EXPECT_EQ(s.optimizer, protocol::Optimizer::kMomentum) << "the rest is the Train tab's";
    EXPECT_EQ(s.lr, 0.02f);
  }
  racers = race_settings(base(), RaceKind::kBatch, "16 256");
  ASSERT_TRUE(racers.ok()) << racers.error();
  EXPECT_EQ((*racers)[1].batch, 256);
  racers = race_settings(base(), RaceKind::kShift, "0 2");
  ASSERT_TRUE(racers.ok()) << racers.error();
  EXPECT_EQ((*racers)[1].augment.shift, 2.0f);
  racers = race_settings(base(), RaceKind::kRotation, "0 15");
  ASSERT_TRUE(racers.ok()) << racers.error();
  EXPECT_EQ((*racers)[1].augment.rotate, 15.0f);
  racers = race_settings(base(), RaceKind::kLearningRate, "1e-3 3e-3");
  ASSERT_TRUE(racers.ok()) << racers.error();
  EXPECT_EQ((*racers)[0].lr, 1e-3f);
  // Each setting's defaults race as they are.
  for (int k = 1; k < kRaceKinds; ++k)
    EXPECT_TRUE(race_settings(base(), RaceKind(k), race_default_values(RaceKind(k))).ok()) << race_kind_key(RaceKind(k));
}

TEST(Race, ABadListSaysWhatIsWrong) {
  auto r = race_settings(base(), RaceKind::kBatch, "16 0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "batch 0 is not a whole number in 1..1024");
  r = race_settings(base(), RaceKind::kBatch, "16 2.5");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "batch 2.5 is not a whole number in 1..1024");
  r = race_settings(base(), RaceKind::kLearningRate, "0.01 fast");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "'fast' is not a number: list the values of learning rate, such as 0.0003 0.001 0.003");
  r = race_settings(base(), RaceKind::kRotation, "0 60");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "augmentation rotation 60 is not in 0..45");
  r = race_settings(base(), RaceKind::kWeightDecay, "0.001");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("two or more values"), std::string::npos) << r.error();
  r = race_settings(base(), RaceKind::kWeightDecay, "0 0 0 0 0 0 0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "at most 6 values: one run each");
  EXPECT_FALSE(race_settings(base(), RaceKind::kLearningRate, "nan 0.1").ok());
}

}  // namespace
}  // namespace cnn::ui
