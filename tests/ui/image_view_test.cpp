// Numbers in the teaching views' cells (ui/widgets/image_view.h): what a student reads in a
// cell must be the value, rounded only as far as the cell forces.
#include "widgets/image_view.h"

#include <gtest/gtest.h>

#include <string>

namespace cnn::ui {
namespace {

std::string shown(float value, int digits) {
  char buf[32];
  short_number(buf, sizeof buf, value, digits);
  return buf;
}

TEST(ShortNumber, WholeNumbersStayWholeAndNegativeZeroIsZero) {
  EXPECT_EQ(shown(30.0f, 2), "30");
  EXPECT_EQ(shown(-100.0f, 2), "-100");
  EXPECT_EQ(shown(-0.0f, 4), "0");
  EXPECT_EQ(shown(250.4f, 2), "250");
}

TEST(ShortNumber, FractionsKeepTheDigitsAskedFor) {
  EXPECT_EQ(shown(3.75f, 4), "3.75");
  EXPECT_EQ(shown(3.75f, 2), "3.8");
  EXPECT_EQ(shown(1.0f / 9.0f, 2), "0.11");
  EXPECT_EQ(shown(-0.03125f, 3), "-0.0312");
}

// Issue 11, item 15: box blur's 1/9 was a blank cell where "0.11" did not fit, and the ReLU
// display coloured -5 black but printed "-5".
TEST(ShortNumber, NarrowCellsDropTheLeadingZeroAndDisplaysPrintWhatTheyColour) {
  char buf[32];
  narrow_number(buf, sizeof buf, 1.0f / 9.0f);
  EXPECT_STREQ(buf, ".11");
  narrow_number(buf, sizeof buf, -0.5f);
  EXPECT_STREQ(buf, "-.5");
  narrow_number(buf, sizeof buf, 3.0f);
  EXPECT_STREQ(buf, "3");
  EXPECT_EQ(shown_value(ColorMap::kPositive, -5.0f), 0.0f);
  EXPECT_EQ(shown_value(ColorMap::kPositive, 2.5f), 2.5f);
  EXPECT_EQ(shown_value(ColorMap::kAbs, -5.0f), 5.0f);
  EXPECT_EQ(shown_value(ColorMap::kSigned, -5.0f), -5.0f);
}

TEST(ColorMap, SignedAbsAndPositiveMapsReadAsTheirNames) {
  const ImU32 black = IM_COL32(0, 0, 0, 255), white = IM_COL32(255, 255, 255, 255);
  EXPECT_EQ(map_color(ColorMap::kGrey, 1.5f, 0, 0), white);   // clamped to 0..1
  EXPECT_EQ(map_color(ColorMap::kGreyAuto, 2.0f, 2.0f, 4.0f), black);
  EXPECT_EQ(map_color(ColorMap::kAbs, -4.0f, 0, 4.0f), white);
  EXPECT_EQ(map_color(ColorMap::kPositive, -4.0f, 0, 4.0f), black);
  EXPECT_EQ(map_color(ColorMap::kSigned, 0.0f, 0, 4.0f), black);
  EXPECT_NE(map_color(ColorMap::kSigned, 4.0f, 0, 4.0f), map_color(ColorMap::kSigned, -4.0f, 0, 4.0f));
}

}  // namespace
}  // namespace cnn::ui
