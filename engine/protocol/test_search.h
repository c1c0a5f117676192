// The test images of one confusion-matrix cell (FindTestImages): the test set is run through
// the model in slices, so that a search over all 10,000 images (a cell that is empty) never
// holds the engine longer than one tick, and the matches are kept in test-set order.
#pragma once

#include "data/dataset.h"
#include "model/model.h"
#include "protocol/messages.h"

namespace cnn::protocol {

class TestImageSearch {
 public:
  TestImageSearch(const FindTestImages& m, int classes);
  // Looks at the next images for about budget_ms (at least one batch); true when done, with
  // the answer in `found`.
  bool step(Model& model, const Dataset& test, double budget_ms, TestImagesFound& found);
  uint32_t request_id() const { return found_.request_id; }
  using Found = TestImagesFound;

 private:
  int max_, classes_;
  int position_ = 0;
  TestImagesFound found_;
  Tensor x_, probs_;
};

}  // namespace cnn::protocol
