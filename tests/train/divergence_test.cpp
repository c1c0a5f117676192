// The divergence rule (engine/train/divergence.h), case by case, with the numbers of the runs
// that motivated it (SGD at learning rate 10: losses of 1.2 million, and 1.5e26 with momentum).
#include "train/divergence.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace cnn {
namespace {

TEST(DivergenceWatch, AHealthyRunNeverTrips) {
  DivergenceWatch w(10);
  for (int i = 0; i < 2000; ++i) {
    const double loss = 2.4 * std::exp(-i / 300.0) + 0.05 + (i % 7 == 0 ? 1.0 : 0.0);  // spikes included
    ASSERT_EQ(w.observe(loss, 0.1 + 0.85 * (1 - std::exp(-i / 200.0))), "") << "batch " << i;
  }
  EXPECT_FALSE(w.diverged());
}

TEST(DivergenceWatch, ASlowRunFromAFreshInitIsNotDivergence) {
  DivergenceWatch w(10);  // accuracy at chance from the start, loss at ln(10): learning slowly
  for (int i = 0; i < 500; ++i) ASSERT_EQ(w.observe(2.3026, 0.1), "");
}

TEST(DivergenceWatch, NonFiniteLossTripsAtOnce) {
  DivergenceWatch w(10);
  EXPECT_EQ(w.observe(2.0, 0.3), "");
  EXPECT_EQ(w.observe(std::numeric_limits<double>::quiet_NaN(), 0.1), "the loss became NaN");
  EXPECT_TRUE(w.diverged());
  EXPECT_EQ(w.observe(0.1, 1.0), "the loss became NaN") << "stays tripped";
}

TEST(DivergenceWatch, AHugeFiniteLossTripsAtOnceAndNamesItCompactly) {
  DivergenceWatch w(10);
  const std::string why = w.observe(1.48e26, 0.1);
  EXPECT_EQ(why, "the loss jumped to 1.5e+26 (a network that guesses at random scores 2.3)");
}

TEST(DivergenceWatch, ALossAboveThreeTimesChanceOverAWindowTrips) {
  DivergenceWatch w(10);  // 3 x ln(10) = 6.91
  for (int i = 0; i < DivergenceWatch::kWindow - 1; ++i) ASSERT_EQ(w.observe(8.0, 0.1), "") << "window not full";
  EXPECT_EQ(w.observe(8.0, 0.1),
            "the loss rose to 8 over the last 20 batches (a network that guesses at random scores 2.3)");
  DivergenceWatch below(10);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(below.observe(6.5, 0.1), "");
}

TEST(DivergenceWatch, AGoodModelCollapsingToChanceTrips) {
  DivergenceWatch w(10);
  EXPECT_EQ(w.observe(0.05, 0.98), "");  // the first batch: the weights before any update
  std::string why;
  for (int i = 0; i < DivergenceWatch::kWindow && why.empty(); ++i) why = w.observe(2.302, 0.11);
  EXPECT_EQ(why, "the accuracy fell from 98% to 11% over the last 20 batches, the level of guessing");
}

TEST(CompactNumber, HugeAndTinyValuesStayShort) {
  EXPECT_EQ(compact_number(1237754.5), "1.2e+06");
  EXPECT_EQ(compact_number(10), "10");
  EXPECT_EQ(compact_number(52311.4), "52311");
  EXPECT_EQ(compact_number(0.001f), "0.001");
  EXPECT_EQ(compact_number(1e-6), "1e-06");
  EXPECT_EQ(compact_number(2.302585), "2.3");
  EXPECT_EQ(compact_number(std::numeric_limits<double>::infinity()), "infinity");
}

}  // namespace
}  // namespace cnn
