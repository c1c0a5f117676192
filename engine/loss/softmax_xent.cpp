#include "loss/softmax_xent.h"

#include <cmath>

namespace cnn {

LossStats f32_softmax_xent__scalar(int n, int classes, const float* logits, const int32_t* labels, float* probs,
                                   float* dlogits) {
  LossStats stats;
  stats.count = n;
  double total = 0.0;
  for (int i = 0; i < n; ++i) {
    const float* z = logits + i * classes;
    int best = 0;
    for (int k = 1; k < classes; ++k)
      if (z[k] > z[best]) best = k;
    const float m = z[best];
    double sum = 0.0;
    for (int k = 0; k < classes; ++k) sum += std::exp(double(z[k] - m));
    const double log_sum = std::log(sum);
    total += log_sum - double(z[labels[i]] - m);
    if (best == labels[i]) ++stats.correct;
    for (int k = 0; k < classes; ++k) {
      const float p = float(std::exp(double(z[k] - m) - log_sum));
      if (probs) probs[i * classes + k] = p;
      if (dlogits) dlogits[i * classes + k] = (p - (k == labels[i] ? 1.0f : 0.0f)) / float(n);
    }
  }
  stats.loss = n > 0 ? total / n : 0.0;
  return stats;
}

void f32_softmax__scalar(int n, int classes, const float* logits, float* probs) {
  for (int i = 0; i < n; ++i) {
    const float* z = logits + i * classes;
    float m = z[0];
    for (int k = 1; k < classes; ++k) m = z[k] > m ? z[k] : m;
    double sum = 0.0;
    for (int k = 0; k < classes; ++k) sum += std::exp(double(z[k] - m));
    for (int k = 0; k < classes; ++k) probs[i * classes + k] = float(std::exp(double(z[k] - m)) / sum);
  }
}

}  // namespace cnn
