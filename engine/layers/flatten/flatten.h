// Flatten: [N][C][H][W] -> [N][C*H*W][1][1]. In NCHW the bytes do not move (Keras
// flattens HWC order, so weights trained there need a permutation to load here).
#pragma once

#include "layers/layer.h"

namespace cnn {

class Flatten : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
};

}  // namespace cnn
