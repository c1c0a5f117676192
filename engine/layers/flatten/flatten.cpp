#include "layers/flatten/flatten.h"

#include <algorithm>

namespace cnn {

void Flatten::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  std::copy(x.data(), x.data() + x.size(), y.data());
}

void Flatten::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  std::copy(dy.data(), dy.data() + dy.size(), dx->data());
}

}  // namespace cnn
