// DepthwiseConv2D layer: C -> C channels, one KHxKW kernel per channel, stride, zero padding,
// bias unless 'nobias'. Shapes in dwconv2d_kernels.h. Parameters: weight [C][1][KH][KW], bias [C].
#pragma once

#include "layers/dwconv2d/dwconv2d_kernels.h"
#include "layers/layer.h"

namespace cnn {

class DepthwiseConv2D : public Layer {
 public:
  DepthwiseConv2D(const LayerSpec& spec, Shape3 in, Shape3 out);

  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  void init(Rng& rng, InitScheme scheme) override;
  std::vector<ParamRef> params() override;

  void set_kernel(const DwConv2DKernel& kernel);
  static const DwConv2DKernel& default_kernel();
  DwConv2DShape shape_for_batch(int n) const;

  Tensor weight, bias, dweight, dbias;

 private:
  const DwConv2DKernel* kernel_;
  AlignedFloats workspace_;
};

}  // namespace cnn
