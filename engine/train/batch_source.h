// BatchSource: a run's training batches. Each epoch's order is a permutation drawn from the
// seed's shuffle stream; with augmentation on, each image is then moved, turned and resized
// (data/augment.h) by a draw from the seed's augmentation stream. The Trainer takes its
// batches from here, and so does the settings' preview (PreviewTraining), which therefore
// shows the very images the run's first batch will train on.
#pragma once

#include <cstdint>
#include <vector>

#include "data/augment.h"
#include "data/dataset.h"
#include "tensor/tensor.h"
#include "util/rng.h"

namespace cnn {

class BatchSource {
 public:
  // The dataset must outlive the source; the augmentation must be valid.
  BatchSource(const Dataset& data, uint64_t seed, const AugmentConfig& augment)
      : BatchSource(data, data.count, seed, augment) {}
  // Over data's first `count` samples only (1 <= count <= data.count): a run's limit, without
  // copying them out (the order and images are those of a source over first_samples(data, count)).
  BatchSource(const Dataset& data, int count, uint64_t seed, const AugmentConfig& augment);

  // A new epoch's order (Fisher-Yates from the shuffle stream: epoch e's order depends only
  // on the seed and e).
  void shuffle();
  // Samples [position, position + n) of this epoch's order, augmented, and their labels.
  void gather(int position, int n, Tensor& x, int32_t* labels);
  const std::vector<int32_t>& order() const { return order_; }

 private:
  const Dataset& data_;
  AugmentConfig augment_;
  Rng shuffle_rng_, augment_rng_;
  std::vector<int32_t> order_;
  std::vector<float> plain_;  // one image before its augmentation
};

}  // namespace cnn
