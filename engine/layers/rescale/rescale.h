// Rescale: y = s x, the same shape (Keras' Rescaling(scale=s)). Note 003 trains its LeNet-5 on
// pixels left at 0..255; the engine's data are 0..1, so "rescale 255" first gives the network
// exactly the note's inputs, and a drawing on the pad reaches it the same way. Backward: s dy.
#pragma once

#include "layers/layer.h"

namespace cnn {

class Rescale : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
};

}  // namespace cnn
