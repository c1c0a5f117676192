#include "layers/pool2d/pool2d.h"

namespace cnn {

const std::vector<MaxPoolKernel>& maxpool_kernels() {
  static const std::vector<MaxPoolKernel> kernels = {
      {"f32_maxpool__scalar", f32_maxpool_fwd__scalar, f32_maxpool_bwd__scalar},
      {"f32_maxpool__wasmsimd", f32_maxpool_fwd__wasmsimd, f32_maxpool_bwd__wasmsimd}};
  return kernels;
}

const std::vector<AvgPoolKernel>& avgpool_kernels() {
  static const std::vector<AvgPoolKernel> kernels = {
      {"f32_avgpool__scalar", f32_avgpool_fwd__scalar, f32_avgpool_bwd__scalar},
      {"f32_avgpool__wasmsimd", f32_avgpool_fwd__wasmsimd, f32_avgpool_bwd__wasmsimd}};
  return kernels;
}

Pool2DShape MaxPool2D::shape_for_batch(int n) const {
  return Pool2DShape{n, in_.c, in_.h, in_.w, spec_.kh, spec_.kw, spec_.stride, out_.h, out_.w, spec_.pad_h, spec_.pad_w};
}

void MaxPool2D::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  argmax_.resize(size_t(y.size()));
  maxpool_kernels().back().forward(shape_for_batch(x.n()), x.data(), y.data(), argmax_.data());
}

void MaxPool2D::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  maxpool_kernels().back().backward(shape_for_batch(x.n()), argmax_.data(), dy.data(), dx->data());
}

Pool2DShape AvgPool2D::shape_for_batch(int n) const {
  return Pool2DShape{n, in_.c, in_.h, in_.w, spec_.kh, spec_.kw, spec_.stride, out_.h, out_.w, spec_.pad_h, spec_.pad_w};
}

void AvgPool2D::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  avgpool_kernels().back().forward(shape_for_batch(x.n()), x.data(), y.data());
}

void AvgPool2D::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  avgpool_kernels().back().backward(shape_for_batch(x.n()), dy.data(), dx->data());
}

}  // namespace cnn
