#include "layers/dense/dense.h"

#include "model/init.h"

namespace cnn {

const std::vector<DenseKernel>& dense_kernels() {
  static const std::vector<DenseKernel> kernels = {
      {"f32_dense__scalar", f32_dense_fwd__scalar, f32_dense_bwd__scalar},
      {"f32_dense__gemm", f32_dense_fwd__gemm, f32_dense_bwd__gemm},
      {"f32_dense__wasmsimd", f32_dense_fwd__wasmsimd, f32_dense_bwd__wasmsimd},
  };
  return kernels;
}

Dense::Dense(const LayerSpec& spec, Shape3 in, Shape3 out) : Layer(spec, in, out), kernel_(&dense_kernels().back()) {
  weight.resize(out.c, Shape3{in.c, 1, 1});
  dweight.resize(out.c, Shape3{in.c, 1, 1});
  bias.resize(1, Shape3{out.c, 1, 1});
  dbias.resize(1, Shape3{out.c, 1, 1});
}

void Dense::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  kernel_->forward(DenseShape{x.n(), in_.c, out_.c}, x.data(), weight.data(), bias.data(), y.data());
}

void Dense::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (dx) dx->resize(x.n(), in_);
  kernel_->backward(DenseShape{x.n(), in_.c, out_.c}, x.data(), weight.data(), dy.data(), dx ? dx->data() : nullptr,
                    dweight.data(), dbias.data());
}

void Dense::init(Rng& rng, InitScheme scheme) {
  init_uniform(weight, rng, scheme, in_.c, out_.c);
  bias.zero();
}

std::vector<ParamRef> Dense::params() {
  return {{"weight", &weight, &dweight, true}, {"bias", &bias, &dbias, false}};
}

}  // namespace cnn
