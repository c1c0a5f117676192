#include "layers/activation/activation.h"

#include <algorithm>

#include "layers/activation/activation_kernels.h"

namespace cnn {

const std::vector<ActivationKernel>& activation_kernels() {
  static const std::vector<ActivationKernel> kernels = {
      {"f32_activation__scalar", f32_relu_fwd__scalar, f32_relu_bwd__scalar, f32_relu6_fwd__scalar,
       f32_relu6_bwd__scalar, f32_leakyrelu_fwd__scalar,
       f32_leakyrelu_bwd__scalar, f32_tanh_fwd__scalar, f32_tanh_bwd__scalar, f32_sigmoid_fwd__scalar,
       f32_sigmoid_bwd__scalar},
      {"f32_activation__wasmsimd", f32_relu_fwd__wasmsimd, f32_relu_bwd__wasmsimd, f32_relu6_fwd__wasmsimd,
       f32_relu6_bwd__wasmsimd, f32_leakyrelu_fwd__wasmsimd,
       f32_leakyrelu_bwd__wasmsimd, f32_tanh_fwd__scalar, f32_tanh_bwd__wasmsimd, f32_sigmoid_fwd__scalar,
       f32_sigmoid_bwd__wasmsimd},
  };
  return kernels;
}

void Activation::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  const int64_t count = x.size();
  const ActivationKernel& k = activation_kernels().back();
  switch (spec_.kind) {
    case LayerKind::kReLU: k.relu_fwd(count, x.data(), y.data()); break;
    case LayerKind::kReLU6: k.relu6_fwd(count, x.data(), y.data()); break;
    case LayerKind::kLeakyReLU: k.leakyrelu_fwd(count, spec_.rate, x.data(), y.data()); break;
    case LayerKind::kTanh: k.tanh_fwd(count, x.data(), y.data()); break;
    case LayerKind::kSigmoid: k.sigmoid_fwd(count, x.data(), y.data()); break;
    default: std::copy(x.data(), x.data() + count, y.data()); break;  // softmax: logits pass through
  }
}

void Activation::backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  const int64_t count = x.size();
  const ActivationKernel& k = activation_kernels().back();
  switch (spec_.kind) {
    case LayerKind::kReLU: k.relu_bwd(count, x.data(), dy.data(), dx->data()); break;
    case LayerKind::kReLU6: k.relu6_bwd(count, x.data(), dy.data(), dx->data()); break;
    case LayerKind::kLeakyReLU: k.leakyrelu_bwd(count, spec_.rate, x.data(), dy.data(), dx->data()); break;
    case LayerKind::kTanh: k.tanh_bwd(count, y.data(), dy.data(), dx->data()); break;
    case LayerKind::kSigmoid: k.sigmoid_bwd(count, y.data(), dy.data(), dx->data()); break;
    default: std::copy(dy.data(), dy.data() + count, dx->data()); break;
  }
}

}  // namespace cnn
