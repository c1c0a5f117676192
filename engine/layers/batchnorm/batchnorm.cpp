#include "layers/batchnorm/batchnorm.h"

#include <cmath>

namespace cnn {

BatchNorm::BatchNorm(const LayerSpec& spec, Shape3 in, Shape3 out) : Layer(spec, in, out) {
  for (Tensor* t : {&gamma, &beta, &dgamma, &dbeta, &running_mean, &running_var}) t->resize(1, Shape3{in.c, 1, 1});
  mean_.resize(size_t(in.c));
  inv_std_.resize(size_t(in.c));
  reset();
}

void BatchNorm::init(Rng& /*rng*/, InitScheme /*scheme*/) { reset(); }

void BatchNorm::reset() {
  gamma.fill(1.0f);
  beta.zero();
  running_mean.zero();
  running_var.fill(1.0f);
}

// 'noscale' (Keras scale=False): gamma stays 1 and is not a parameter, only beta trains.
std::vector<ParamRef> BatchNorm::params() {
  if (!spec_.scale) return {{"beta", &beta, &dbeta, false}};
  return {{"gamma", &gamma, &dgamma, false}, {"beta", &beta, &dbeta, false}};
}

void BatchNorm::forward(const Tensor& x, Tensor& y, Mode mode) {
  y.resize(x.n(), out_);
  training_ = mode == Mode::kTraining;
  const int C = in_.c, plane = in_.h * in_.w, N = x.n();
  const int64_t M = int64_t(N) * plane;
  for (int c = 0; c < C; ++c) {
    if (training_) {
      double sum = 0.0, sq = 0.0;  // double: M can be large and values similar
      for (int n = 0; n < N; ++n) {
        const float* p = x.data() + (int64_t(n) * C + c) * plane;
        for (int k = 0; k < plane; ++k) sum += p[k];
      }
      const double mean = sum / double(M);
      for (int n = 0; n < N; ++n) {
        const float* p = x.data() + (int64_t(n) * C + c) * plane;
        for (int k = 0; k < plane; ++k) sq += (p[k] - mean) * (p[k] - mean);
      }
      const double var = sq / double(M);
      mean_[c] = float(mean);
      inv_std_[c] = float(1.0 / std::sqrt(var + kBatchNormEps));
      const double unbiased = M > 1 ? var * double(M) / double(M - 1) : var;
      running_mean[c] += kBatchNormMomentum * (float(mean) - running_mean[c]);
      running_var[c] += kBatchNormMomentum * (float(unbiased) - running_var[c]);
    } else {
      mean_[c] = running_mean[c];
      inv_std_[c] = 1.0f / std::sqrt(running_var[c] + kBatchNormEps);
    }
    // (x - mean) first: folding the mean into one shift (x * scale + shift) cancels two
    // large terms and loses the low bits that gradients of nearby inputs depend on.
    const float mean = mean_[c], inv_std = inv_std_[c], g = gamma[c], b = beta[c];
    for (int n = 0; n < N; ++n) {
      const int64_t base = (int64_t(n) * C + c) * plane;
      for (int k = 0; k < plane; ++k) y[base + k] = (x[base + k] - mean) * inv_std * g + b;
    }
  }
}

// Training mode: dx = gamma * inv_std / M * (M * dy - sum(dy) - xhat * sum(dy * xhat)).
// After an inference forward the statistics are constants and dx = dy * gamma * inv_std.
void BatchNorm::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  const int C = in_.c, plane = in_.h * in_.w, N = x.n();
  const float M = float(int64_t(N) * plane);
  if (dx) dx->resize(N, in_);
  for (int c = 0; c < C; ++c) {
    double sum_dy = 0.0, sum_dy_xhat = 0.0;
    for (int n = 0; n < N; ++n) {
      const int64_t base = (int64_t(n) * C + c) * plane;
      for (int k = 0; k < plane; ++k) {
        const float xhat = (x[base + k] - mean_[c]) * inv_std_[c];
        sum_dy += dy[base + k];
        sum_dy_xhat += dy[base + k] * xhat;
      }
    }
    dbeta[c] = float(sum_dy);
    dgamma[c] = float(sum_dy_xhat);
    if (!dx) continue;
    const float g = gamma[c] * inv_std_[c];
    for (int n = 0; n < N; ++n) {
      const int64_t base = (int64_t(n) * C + c) * plane;
      for (int k = 0; k < plane; ++k) {
        if (!training_) {
          (*dx)[base + k] = dy[base + k] * g;
          continue;
        }
        const float xhat = (x[base + k] - mean_[c]) * inv_std_[c];
        (*dx)[base + k] = g / M * (M * dy[base + k] - float(sum_dy) - xhat * float(sum_dy_xhat));
      }
    }
  }
}

}  // namespace cnn
