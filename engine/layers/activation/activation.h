// Activation layers: ReLU, LeakyReLU, Tanh, Sigmoid, and Softmax.
//
// Softmax passes its input through unchanged: the model always ends in logits, and the
// softmax is applied where it is numerically safe, fused into the cross-entropy loss
// (training) or in Model::predict (inference). Writing `softmax` in a spec documents the
// classifier's output, as Keras' `activation='softmax'` does.
#pragma once

#include "layers/layer.h"

namespace cnn {

class Activation : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
};

}  // namespace cnn
