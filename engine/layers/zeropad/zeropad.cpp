#include "layers/zeropad/zeropad.h"

#include <algorithm>
#include <cstring>

namespace cnn {

void ZeroPad::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  y.zero();
  const int top = spec_.zero_pad[0], left = spec_.zero_pad[2];
  for (int p = 0; p < x.n() * in_.c; ++p)
    for (int i = 0; i < in_.h; ++i)
      std::memcpy(y.data() + (int64_t(p) * out_.h + top + i) * out_.w + left, x.data() + (int64_t(p) * in_.h + i) * in_.w,
                  sizeof(float) * size_t(in_.w));
}

void ZeroPad::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  const int top = spec_.zero_pad[0], left = spec_.zero_pad[2];
  for (int p = 0; p < x.n() * in_.c; ++p)
    for (int i = 0; i < in_.h; ++i)
      std::memcpy(dx->data() + (int64_t(p) * in_.h + i) * in_.w, dy.data() + (int64_t(p) * out_.h + top + i) * out_.w + left,
                  sizeof(float) * size_t(in_.w));
}

}  // namespace cnn
