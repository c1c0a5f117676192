#include "layers/dropout/dropout.h"

#include <algorithm>
#include <cassert>

namespace cnn {

void Dropout::forward(const Tensor& x, Tensor& y, Mode mode) {
  y.resize(x.n(), out_);
  training_ = mode == Mode::kTraining && spec_.rate > 0.0f;
  if (!training_) {
    std::copy(x.data(), x.data() + x.size(), y.data());
    return;
  }
  assert(rng_ && "Model::build gives every dropout layer the dropout stream");
  mask_.resize(x.n(), out_);
  const float keep_scale = 1.0f / (1.0f - spec_.rate);
  for (int64_t i = 0; i < x.size(); ++i) {
    mask_[i] = rng_->uniform() >= spec_.rate ? keep_scale : 0.0f;
    y[i] = x[i] * mask_[i];
  }
}

void Dropout::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  if (!training_) {
    std::copy(dy.data(), dy.data() + dy.size(), dx->data());
    return;
  }
  for (int64_t i = 0; i < dy.size(); ++i) (*dx)[i] = dy[i] * mask_[i];
}

}  // namespace cnn
