// ZeroPad: [N][C][H][W] -> [N][C][top + H + bottom][left + W + right], the image in the
// middle and zeros around it (Keras' ZeroPadding2D). Backward keeps the middle of dy.
#pragma once

#include "layers/layer.h"

namespace cnn {

class ZeroPad : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
};

}  // namespace cnn
