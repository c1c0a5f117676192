#include "layers/conv2d/conv2d.h"

#include <cassert>

#include "model/init.h"

namespace cnn {

const std::vector<Conv2DKernel>& conv2d_kernels() {
  static const std::vector<Conv2DKernel> kernels = {
      {"f32_conv2d__scalar", f32_conv2d_fwd__scalar, f32_conv2d_bwd__scalar, f32_conv2d_workspace__scalar},
      {"f32_conv2d__im2col", f32_conv2d_fwd__im2col, f32_conv2d_bwd__im2col, f32_conv2d_workspace__im2col},
      {"f32_conv2d__wasmsimd_im2col", f32_conv2d_fwd__wasmsimd_im2col, f32_conv2d_bwd__wasmsimd_im2col,
       f32_conv2d_workspace__wasmsimd_im2col},
      {"f32_conv2d__wasmsimd", f32_conv2d_fwd__wasmsimd, f32_conv2d_bwd__wasmsimd, f32_conv2d_workspace__wasmsimd},
  };
  return kernels;
}

Conv2D::Conv2D(const LayerSpec& spec, Shape3 in, Shape3 out)
    : Layer(spec, in, out), kernel_(&default_kernel()) {
  weight.resize(spec.units, Shape3{in.c, spec.kh, spec.kw});
  dweight.resize(spec.units, Shape3{in.c, spec.kh, spec.kw});
  bias.resize(1, Shape3{spec.units, 1, 1});
  dbias.resize(1, Shape3{spec.units, 1, 1});
  // The workspace is per sample, so it does not grow with the batch; it is sized for the
  // kernel in use (model/memory.h counted it before the build), not the largest of all.
  set_kernel(*kernel_);
}

void Conv2D::set_kernel(const Conv2DKernel& kernel) {
  kernel_ = &kernel;
  const Count need = kernel.workspace_floats(shape_for_batch(1));
  assert(!need.overflowed());
  if (size_t(need.value()) > workspace_.size()) workspace_.resize(size_t(need.value()));
}

const Conv2DKernel& Conv2D::default_kernel() { return conv2d_kernels().back(); }

Conv2DShape Conv2D::shape_for_batch(int n) const {
  return Conv2DShape{n, in_.c, in_.h, in_.w, out_.c, spec_.kh, spec_.kw, spec_.stride, spec_.pad_h, spec_.pad_w, out_.h, out_.w};
}

void Conv2D::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  assert(x.shape() == in_);
  y.resize(x.n(), out_);
  kernel_->forward(shape_for_batch(x.n()), x.data(), weight.data(), bias.data(), y.data(), workspace_.data());
}

void Conv2D::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (dx) dx->resize(x.n(), in_);
  kernel_->backward(shape_for_batch(x.n()), x.data(), weight.data(), dy.data(), dx ? dx->data() : nullptr,
                    dweight.data(), dbias.data(), workspace_.data());
}

void Conv2D::init(Rng& rng, InitScheme scheme) {
  const int fan_in = in_.c * spec_.kh * spec_.kw;
  const int fan_out = spec_.units * spec_.kh * spec_.kw;
  init_uniform(weight, rng, scheme, fan_in, fan_out);
  bias.zero();
}

// Without a bias ('nobias') the kernels still add the zero bias and write its unused
// gradient; the parameter is simply not offered to the optimizer or the model file.
std::vector<ParamRef> Conv2D::params() {
  if (!spec_.bias) return {{"weight", &weight, &dweight, true}};
  return {{"weight", &weight, &dweight, true}, {"bias", &bias, &dbias, false}};
}

}  // namespace cnn
