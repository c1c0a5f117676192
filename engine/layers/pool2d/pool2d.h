// MaxPool2D and AvgPool2D layers (stride defaults to the window; padded windows count only
// their cells inside the image, see pool2d_kernels.h).
#pragma once

#include "layers/layer.h"
#include "layers/pool2d/pool2d_kernels.h"

namespace cnn {

class MaxPool2D : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  Pool2DShape shape_for_batch(int n) const;
  // Flat index (within its input plane) of each output's maximum, from the last forward.
  const std::vector<int32_t>& argmax() const { return argmax_; }

 private:
  std::vector<int32_t> argmax_;
};

class AvgPool2D : public Layer {
 public:
  using Layer::Layer;
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  Pool2DShape shape_for_batch(int n) const;
};

}  // namespace cnn
