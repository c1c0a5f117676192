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

// Central difference with step h: D(h) = (L(v + h) - L(v - h)) / 2h, error a*h^2 + b*h^4.
static double central_difference(float* value, const std::function<double()>& loss, double h) {
  const float saved = *value;
  const float up = float(double(saved) + h), down = float(double(saved) - h);
  *value = up;
  const double plus = loss();
  *value = down;
  const double minus = loss();
  *value = saved;
  return (plus - minus) / (double(up) - double(down));  // the step actually taken, in float
}

// Richardson extrapolation, (4 D(h/2) - D(h)) / 3, cancels the h^2 term. That lets the step
// stay large, where float rounding in the loss matters least, on curved layers too.
double numerical_derivative(float* value, const std::function<double()>& loss, double eps) {
  const double coarse = central_difference(value, loss, eps);
  const double fine = central_difference(value, loss, eps / 2);
  return (4.0 * fine - coarse) / 3.0;
}

}  // namespace cnn::test
