#include "layers/rescale/rescale.h"

namespace cnn {

void Rescale::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  const float s = spec_.rate;
  const float* in = x.data();
  float* out = y.data();
  for (int64_t i = 0, n = x.size(); i < n; ++i) out[i] = s * in[i];
}

void Rescale::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  const float s = spec_.rate;
  const float* g = dy.data();
  float* out = dx->data();
  for (int64_t i = 0, n = dy.size(); i < n; ++i) out[i] = s * g[i];
}

}  // namespace cnn
