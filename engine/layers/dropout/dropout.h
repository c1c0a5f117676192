// Dropout (inverted): in training each value is kept with probability 1 - rate and
// scaled by 1 / (1 - rate), so inference is the identity and needs no rescaling.
// The mask comes from the model's dropout stream: same seed, same masks.
#pragma once

#include "layers/layer.h"

namespace cnn {

class Dropout : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  void set_dropout_rng(Rng* rng) override { rng_ = rng; }
  const Tensor& mask() const { return mask_; }  // 0 or 1 / (1 - rate), from the last training forward

 private:
  Rng* rng_ = nullptr;
  Tensor mask_;
  bool training_ = false;
};

}  // namespace cnn
