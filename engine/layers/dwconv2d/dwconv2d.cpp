#include "layers/dwconv2d/dwconv2d.h"

#include <cassert>

#include "model/init.h"

namespace cnn {

const std::vector<DwConv2DKernel>& dwconv2d_kernels() {
  static const std::vector<DwConv2DKernel> kernels = {
      {"f32_dwconv2d__scalar", f32_dwconv2d_fwd__scalar, f32_dwconv2d_bwd__scalar, f32_dwconv2d_workspace__scalar},
      {"f32_dwconv2d__wasmsimd", f32_dwconv2d_fwd__wasmsimd, f32_dwconv2d_bwd__wasmsimd,
       f32_dwconv2d_workspace__wasmsimd},
  };
  return kernels;
}

DepthwiseConv2D::DepthwiseConv2D(const LayerSpec& spec, Shape3 in, Shape3 out)
    : Layer(spec, in, out), kernel_(&default_kernel()) {
  weight.resize(in.c, Shape3{1, spec.kh, spec.kw});
  dweight.resize(in.c, Shape3{1, spec.kh, spec.kw});
  bias.resize(1, Shape3{in.c, 1, 1});
  dbias.resize(1, Shape3{in.c, 1, 1});
  set_kernel(*kernel_);
}

void DepthwiseConv2D::set_kernel(const DwConv2DKernel& kernel) {
  kernel_ = &kernel;
  const Count need = kernel.workspace_floats(shape_for_batch(1));
  assert(!need.overflowed());
  if (size_t(need.value()) > workspace_.size()) workspace_.resize(size_t(need.value()));
}

const DwConv2DKernel& DepthwiseConv2D::default_kernel() { return dwconv2d_kernels().back(); }

DwConv2DShape DepthwiseConv2D::shape_for_batch(int n) const {
  return DwConv2DShape{n, in_.c, in_.h, in_.w, spec_.kh, spec_.kw, spec_.stride, spec_.pad_h, spec_.pad_w, out_.h, out_.w};
}

void DepthwiseConv2D::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  assert(x.shape() == in_);
  y.resize(x.n(), out_);
  kernel_->forward(shape_for_batch(x.n()), x.data(), weight.data(), bias.data(), y.data(), workspace_.data());
}

void DepthwiseConv2D::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (dx) dx->resize(x.n(), in_);
  kernel_->backward(shape_for_batch(x.n()), x.data(), weight.data(), dy.data(), dx ? dx->data() : nullptr,
                    dweight.data(), dbias.data(), workspace_.data());
}

// Each output sees KH*KW inputs of one channel: that is the fan-in (and the fan-out).
void DepthwiseConv2D::init(Rng& rng, InitScheme scheme) {
  const int fan = spec_.kh * spec_.kw;
  init_uniform(weight, rng, scheme, fan, fan);
  bias.zero();
}

std::vector<ParamRef> DepthwiseConv2D::params() {
  if (!spec_.bias) return {{"weight", &weight, &dweight, true}};
  return {{"weight", &weight, &dweight, true}, {"bias", &bias, &dbias, false}};
}

}  // namespace cnn
