// Feature visualization (FindTopActivations; note 004 section 8, after Zeiler and Fergus): the
// test images that excite one channel of a statement most, each with the pixel of the channel's
// map where it peaked and that pixel's receptive field (the patch of the digit that did it). The
// test set goes through the model in slices, as TestImageSearch does, so the engine answers
// other commands between them.
#pragma once

#include "data/dataset.h"
#include "model/model.h"
#include "protocol/messages.h"
#include "teach/receptive_field.h"
#include "util/expected.h"

namespace cnn::protocol {

class TopActivationSearch {
 public:
  // Checks the request against the model: a top-level statement (not inside a block) whose
  // output is a feature map, a channel of it, 1..kMaxTopImages images.
  static Expected<TopActivationSearch> start(const FindTopActivations& m, Model& model);

  // Looks at the next images for about budget_ms (at least one batch); true when done, with
  // the answer in `found`.
  bool step(Model& model, const Dataset& test, double budget_ms, TopActivationsFound& found);
  uint32_t request_id() const { return found_.request_id; }
  using Found = TopActivationsFound;

 private:
  struct Hit {
    float value;
    int index, y, x;
  };
  int output_ = 0;             // the model activation holding the statement's output
  Shape3 map_;                 // its shape
  teach::ReceptiveField field_;
  int count_ = 0, position_ = 0;
  std::vector<Hit> best_;      // the strongest so far, strongest first; ties: the earlier image
  TopActivationsFound found_;
  Tensor x_;
};

}  // namespace cnn::protocol
