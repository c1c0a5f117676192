#include "layers/activation/activation.h"

#include <algorithm>

#include "layers/activation/activation_kernels.h"

namespace cnn {

void Activation::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  const int64_t count = x.size();
  switch (spec_.kind) {
    case LayerKind::kReLU: f32_relu_fwd__scalar(count, x.data(), y.data()); break;
    case LayerKind::kLeakyReLU: f32_leakyrelu_fwd__scalar(count, spec_.rate, x.data(), y.data()); break;
    case LayerKind::kTanh: f32_tanh_fwd__scalar(count, x.data(), y.data()); break;
    case LayerKind::kSigmoid: f32_sigmoid_fwd__scalar(count, x.data(), y.data()); break;
    default: std::copy(x.data(), x.data() + count, y.data()); break;  // softmax: logits pass through
  }
}

void Activation::backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  const int64_t count = x.size();
  switch (spec_.kind) {
    case LayerKind::kReLU: f32_relu_bwd__scalar(count, x.data(), dy.data(), dx->data()); break;
    case LayerKind::kLeakyReLU: f32_leakyrelu_bwd__scalar(count, spec_.rate, x.data(), dy.data(), dx->data()); break;
    case LayerKind::kTanh: f32_tanh_bwd__scalar(count, y.data(), dy.data(), dx->data()); break;
    case LayerKind::kSigmoid: f32_sigmoid_bwd__scalar(count, y.data(), dy.data(), dx->data()); break;
    default: std::copy(dy.data(), dy.data() + count, dx->data()); break;
  }
}

}  // namespace cnn
