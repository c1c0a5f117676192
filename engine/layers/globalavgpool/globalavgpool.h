// GlobalAvgPool: [N][C][H][W] -> [N][C][1][1], each channel's mean over its H*W values
// (Keras' GlobalAveragePooling2D; ResNet's and MobileNet's last spatial layer). Backward
// spreads dy / (H*W) over the plane. A sum over a plane per channel: not worth vectors.
#pragma once

#include "layers/layer.h"

namespace cnn {

class GlobalAvgPool : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
};

}  // namespace cnn
