// Dense layer: [N][IN] -> [N][OUT]. Parameters: weight [OUT][IN], bias [OUT].
// Its input must be flat (C = IN, H = W = 1); the spec checks that at build time.
#pragma once

#include "layers/dense/dense_kernels.h"
#include "layers/layer.h"

namespace cnn {

class Dense : public Layer {
 public:
  Dense(const LayerSpec& spec, Shape3 in, Shape3 out);
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  void init(Rng& rng, InitScheme scheme) override;
  std::vector<ParamRef> params() override;
  void set_kernel(const DenseKernel& kernel) { kernel_ = &kernel; }

  Tensor weight, bias, dweight, dbias;

 private:
  const DenseKernel* kernel_;
};

}  // namespace cnn
