// Batch normalisation over channels (PyTorch's BatchNorm2d / BatchNorm1d semantics).
//
// For [N][C][H][W] input, statistics are per channel over the M = N*H*W values (for a
// dense layer's [N][C] output, over N).
//   training:  y = gamma * (x - mean_B) / sqrt(var_B + eps) + beta, var_B biased (/M);
//              running_mean += momentum * (mean_B - running_mean),
//              running_var  += momentum * (var_B * M / (M - 1) - running_var)
//   inference: the same with the running statistics.
// eps = 1e-5 and momentum = 0.1 as in PyTorch (Keras writes this momentum as 0.9 and
// uses eps = 1e-3; the parameter count, 4 per channel, is the same).
// Parameters: gamma, beta [C] (trainable; with noscale, as Keras scale=False, beta only and
// gamma stays 1); running_mean, running_var [C] (stored, not trained).
#pragma once

#include "layers/layer.h"

namespace cnn {

constexpr float kBatchNormEps = 1e-5f;
constexpr float kBatchNormMomentum = 0.1f;

class BatchNorm : public Layer {
 public:
  BatchNorm(const LayerSpec& spec, Shape3 in, Shape3 out);
  void forward(const Tensor& x, Tensor& y, Mode mode) override;
  void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) override;
  void init(Rng& rng, InitScheme scheme) override;
  std::vector<ParamRef> params() override;
  std::vector<Tensor*> buffers() override { return {&running_mean, &running_var}; }

  Tensor gamma, beta, dgamma, dbeta, running_mean, running_var;

 private:
  void reset();  // gamma 1, beta 0, running mean 0, running var 1
  // Per channel, from the last forward: the mean and 1/sqrt(var + eps) that were used.
  std::vector<float> mean_, inv_std_;
  bool training_ = false;
};

}  // namespace cnn
