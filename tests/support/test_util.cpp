#include "support/test_util.h"

#include <algorithm>
#include <cmath>

namespace cnn::test {

void fill_uniform(Tensor& t, Rng& rng, float lo, float hi) { fill_uniform(t.data(), t.size(), rng, lo, hi); }

void fill_uniform(float* data, int64_t count, Rng& rng, float lo, float hi) {
  for (int64_t i = 0; i < count; ++i) data[i] = rng.uniform(lo, hi);
}

Mismatch compare(const float* a, const float* b, int64_t count) {
  Mismatch m;
  for (int64_t i = 0; i < count; ++i) {
    const double scale = std::max({1.0, std::fabs(double(a[i])), std::fabs(double(b[i]))});
    const double err = std::fabs(double(a[i]) - double(b[i])) / scale;
    if (!(err <= m.worst)) {  // also catches NaN
      m.worst = std::isnan(err) ? INFINITY : err;
      m.index = i;
    }
  }
  return m;
}

double numerical_derivative(float* value, const std::function<double()>& loss, double eps) {
  const float saved = *value;
  const float up = float(double(saved) + eps), down = float(double(saved) - eps);
  *value = up;
  const double plus = loss();
  *value = down;
  const double minus = loss();
  *value = saved;
  return (plus - minus) / (double(up) - double(down));  // the step actually taken, in float
}

}  // namespace cnn::test
