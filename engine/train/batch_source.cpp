#include "train/batch_source.h"

#include <algorithm>

namespace cnn {

BatchSource::BatchSource(const Dataset& data, int count, uint64_t seed, const AugmentConfig& augment)
    : data_(data),
      augment_(augment),
      shuffle_rng_(seed, RngStream::kShuffle),
      augment_rng_(seed, RngStream::kAugment),
      order_(size_t(count)) {}

void BatchSource::shuffle() {
  const int count = int(order_.size());
  for (int i = 0; i < count; ++i) order_[size_t(i)] = i;
  for (int i = count - 1; i > 0; --i) std::swap(order_[size_t(i)], order_[shuffle_rng_.below(uint32_t(i + 1))]);
}

void BatchSource::gather(int position, int n, Tensor& x, int32_t* labels) {
  data_.gather(order_.data() + position, n, x, labels);
  if (!augment_.active()) return;
  const int64_t size = int64_t(data_.rows) * data_.cols;
  plain_.resize(size_t(size));
  for (int i = 0; i < n; ++i) {
    float* image = x.sample(i);
    std::copy(image, image + size, plain_.begin());
    affine_image(plain_.data(), data_.rows, data_.cols, draw_affine(augment_, augment_rng_), image);
  }
}

}  // namespace cnn
