#include "layers/globalavgpool/globalavgpool.h"

namespace cnn {

void GlobalAvgPool::forward(const Tensor& x, Tensor& y, Mode /*mode*/) {
  y.resize(x.n(), out_);
  const int plane = in_.h * in_.w;
  const float scale = 1.0f / float(plane);
  for (int p = 0; p < x.n() * in_.c; ++p) {
    const float* src = x.data() + int64_t(p) * plane;
    float sum = 0.0f;
    for (int k = 0; k < plane; ++k) sum += src[k];
    y[p] = sum * scale;
  }
}

void GlobalAvgPool::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  if (!dx) return;
  dx->resize(x.n(), in_);
  const int plane = in_.h * in_.w;
  const float scale = 1.0f / float(plane);
  for (int p = 0; p < x.n() * in_.c; ++p) {
    const float g = dy[p] * scale;
    float* dst = dx->data() + int64_t(p) * plane;
    for (int k = 0; k < plane; ++k) dst[k] = g;
  }
}

}  // namespace cnn
