// The test set's confusion matrix as a heat map with its counts: a row per true class, a
// column per predicted one. The diagonal (right answers) is green by its share of the row;
// a mistake is red by its count on a square-root scale, so that a handful of confusions
// still shows beside a hundred. Hovering a cell says what it counts.
//
//   const MatrixCell hit = draw_confusion_matrix("##confusion", epoch.confusion, 10, side);
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cnn::ui {

struct MatrixCell {
  int row = -1, col = -1;  // true class, predicted class (-1: none)
};

// `counts`: classes x classes, row-major. Returns the cell clicked this frame, if any.
MatrixCell draw_confusion_matrix(const char* id, const std::vector<int32_t>& counts, int classes, float side);

// "true 4, predicted 9: 23 test images (2.3% of the 982 4s)"; for the diagonal "true 4,
// predicted 4: 950 right (96.7% of the 982 4s)".
void confusion_cell_text(char* buf, size_t size, const std::vector<int32_t>& counts, int classes, MatrixCell cell);

}  // namespace cnn::ui
