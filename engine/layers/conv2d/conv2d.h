// Conv2D layer: IC -> OC channels, KHxKW kernel, stride, zero padding, bias.
// Shapes in conv2d_kernels.h. Parameters: weight [OC][IC][KH][KW], bias [OC].
#pragma once

#include "layers/conv2d/conv2d_kernels.h"
#include "layers/layer.h"

namespace cnn {

class Conv2D : public Layer {
 public:
  Conv2D(const LayerSpec& spec, Shape3 in, Shape3 out);

  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  void init(Rng& rng, InitScheme scheme) override;
  std::vector<ParamRef> params() override;

  // The kernel in use; tests switch it to compare variants inside a whole model, and the
  // workspace grows to the new one's need.
  void set_kernel(const Conv2DKernel& kernel);
  // The variant every Conv2D starts with (the last on conv2d_kernels()).
  static const Conv2DKernel& default_kernel();
  Conv2DShape shape_for_batch(int n) const;

  Tensor weight, bias, dweight, dbias;

 private:
  const Conv2DKernel* kernel_;
  AlignedFloats workspace_;
};

}  // namespace cnn
