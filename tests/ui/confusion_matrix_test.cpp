// The words a confusion-matrix cell is described with (ui/widgets/confusion_matrix.h): its
// count and its share of the true class's row.
#include "widgets/confusion_matrix.h"

#include <gtest/gtest.h>

namespace cnn::ui {
namespace {

TEST(ConfusionMatrix, ACellSaysItsCountAndItsShareOfTheRow) {
  std::vector<int32_t> counts(9, 0);  // 3 classes
  counts[1 * 3 + 1] = 45;             // true 1, said 1
  counts[1 * 3 + 2] = 5;              // true 1, said 2
  counts[2 * 3 + 0] = 1;
  char buf[160];
  confusion_cell_text(buf, sizeof buf, counts, 3, MatrixCell{1, 2});
  EXPECT_STREQ(buf, "true 1, predicted 2: 5 test images (10.0% of the 50 1s)");
  confusion_cell_text(buf, sizeof buf, counts, 3, MatrixCell{1, 1});
  EXPECT_STREQ(buf, "true 1, predicted 1: 45 right (90.0% of the 50 1s)");
  confusion_cell_text(buf, sizeof buf, counts, 3, MatrixCell{2, 0});
  EXPECT_STREQ(buf, "true 2, predicted 0: 1 test image (100.0% of the 1 2s)");
  confusion_cell_text(buf, sizeof buf, counts, 3, MatrixCell{0, 1});
  EXPECT_STREQ(buf, "true 0, predicted 1: 0 test images (0.0% of the 0 0s)");
}

}  // namespace
}  // namespace cnn::ui
