#include "support/grad_check.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "support/test_util.h"

namespace cnn::test {
namespace {

// Below this size an absolute error counts: a gradient of 1e-7 that comes out as 2e-7
// is float noise, not a bug.
constexpr double kFloor = 1e-2;

void note(GradCheckReport& report, double analytic, double numeric, const std::string& where) {
  const double scale = std::max({std::fabs(analytic), std::fabs(numeric), kFloor});
  const double err = std::fabs(analytic - numeric) / scale;
  ++report.checked;
  if (!(err <= report.worst)) {
    report.worst = std::isnan(err) ? INFINITY : err;
    report.where = where + " analytic " + std::to_string(analytic) + " numeric " + std::to_string(numeric);
  }
}

}  // namespace

GradCheckReport check_layer_gradients(Layer& layer, Tensor& x, Mode mode, double eps, uint64_t seed) {
  Rng rng(seed, RngStream::kData);
  Tensor y, dy, dx;
  layer.forward(x, y, mode);
  dy.resize(y.n(), y.shape());
  fill_uniform(dy, rng);

  auto loss = [&]() {
    layer.forward(x, y, mode);
    double sum = 0.0;
    for (int64_t i = 0; i < y.size(); ++i) sum += double(y[i]) * double(dy[i]);
    return sum;
  };

  loss();
  layer.backward(x, y, dy, &dx);
  std::vector<ParamRef> params = layer.params();
  std::vector<std::vector<float>> grads;
  for (const ParamRef& p : params) grads.emplace_back(p.grad->data(), p.grad->data() + p.grad->size());

  GradCheckReport report;
  for (int64_t i = 0; i < x.size(); ++i)
    note(report, dx[i], numerical_derivative(&x[i], loss, eps), "dx[" + std::to_string(i) + "]");
  for (size_t p = 0; p < params.size(); ++p)
    for (int64_t i = 0; i < params[p].value->size(); ++i)
      note(report, grads[p][size_t(i)], numerical_derivative(&(*params[p].value)[i], loss, eps),
           std::string("d") + params[p].name + "[" + std::to_string(i) + "]");
  return report;
}

}  // namespace cnn::test
