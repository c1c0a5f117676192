// Activations, flatten, dropout and batch norm: gradients and defining properties.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "layers/activation/activation_kernels.h"
#include "layers/batchnorm/batchnorm.h"
#include "layers/dropout/dropout.h"
#include "model/model.h"
#include "support/grad_check.h"
#include "support/test_util.h"

namespace cnn {
namespace {

// Values at least 0.05 away from ReLU's kink, so a 2e-2 step never crosses it.
void fill_away_from_zero(Tensor& x, uint64_t seed) {
  Rng rng(seed, RngStream::kData);
  for (int64_t i = 0; i < x.size(); ++i) {
    const float magnitude = rng.uniform(0.05f, 2.0f);
    x[i] = rng.uniform() < 0.5f ? -magnitude : magnitude;
  }
}

struct GradCase {
  const char* spec;
  int batch;
  // Step: as large as the function allows, since float rounding in the loss is divided by
  // it. Exact for linear maps at any size; 2e-2 stays off ReLU's kink (inputs are >= 0.05
  // from it); curved functions rely on the Richardson step in numerical_derivative.
  double eps;
};

class ActivationGradient : public ::testing::TestWithParam<GradCase> {};

TEST_P(ActivationGradient, MatchesCentralDifferences) {
  Expected<Model> model = Model::build(GetParam().spec, 1);
  ASSERT_TRUE(model.ok()) << model.error();
  Tensor x(GetParam().batch, model->input_shape());
  fill_away_from_zero(x, 8);
  test::GradCheckReport r = test::check_layer_gradients(model->layer(0), x, Mode::kTraining, GetParam().eps);
  EXPECT_LT(r.worst, 1e-3) << GetParam().spec << ": worst at " << r.where;
}

// Batch norm over a batch of 2 with one value per channel is degenerate (the normalised
// values are always -1 and +1), hence batch 4 for the dense-shaped case.
INSTANTIATE_TEST_SUITE_P(Kinds, ActivationGradient,
                         ::testing::Values(GradCase{"input 3x3x2; relu", 2, 2e-2},
                                           GradCase{"input 3x3x2; leakyrelu 0.1", 2, 2e-2},
                                           GradCase{"input 3x3x2; tanh", 2, 1e-3},
                                           GradCase{"input 3x3x2; sigmoid", 2, 1e-3},
                                           GradCase{"input 3x3x2; flatten", 2, 0.5},
                                           GradCase{"input 3x3x2; batchnorm", 2, 5e-2},
                                           GradCase{"input 1x1x4; batchnorm", 4, 5e-2},
                                           GradCase{"input 3x3x2; dropout 0", 2, 0.5}));

// Every variant in activation_kernels() against the first (the scalar reference), on counts
// 0 to 2*4+1 (every tail length), 17 and long runs, with exact zeros and sixes among the
// inputs (ReLU's and ReLU6's kinks: derivative 0 there).
// Tolerance: the vector kernels do the reference's operations in the same order, without
// FMA (simd/simd_f32.h), so they agree bit for bit; 1e-6 relative (8 float ulps at 1) leaves
// room only for a compiler contracting the reference's multiply-add, while a wrong lane, mask
// or tail is off by the size of the values themselves.
// A function a variant shares with the reference (tanh and sigmoid forward, which have no
// vector version) is compared with itself here: AgreeWithDoublePrecision below is what
// checks those.
TEST(ActivationKernels, AgreeWithScalarReference) {
  const std::vector<ActivationKernel>& kernels = activation_kernels();
  ASSERT_STREQ(kernels[0].name, "f32_activation__scalar");
  ASSERT_GE(kernels.size(), 2u) << "no vector variant on the list: nothing is compared";
  for (size_t v = 1; v < kernels.size(); ++v) {
    const ActivationKernel &r = kernels[0], &k = kernels[v];
    const int own = (k.relu_fwd != r.relu_fwd) + (k.relu_bwd != r.relu_bwd) + (k.relu6_fwd != r.relu6_fwd) +
                    (k.relu6_bwd != r.relu6_bwd) + (k.leakyrelu_fwd != r.leakyrelu_fwd) +
                    (k.leakyrelu_bwd != r.leakyrelu_bwd) + (k.tanh_fwd != r.tanh_fwd) +
                    (k.tanh_bwd != r.tanh_bwd) + (k.sigmoid_fwd != r.sigmoid_fwd) + (k.sigmoid_bwd != r.sigmoid_bwd);
    EXPECT_GT(own, 0) << k.name << " is the reference under another name";
  }
  Rng rng(13, RngStream::kData);
  for (int count : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 1000, 1001}) {
    std::vector<float> x(size_t(count) + 1), y(size_t(count) + 1), dy(size_t(count) + 1);
    test::fill_uniform(x.data(), count, rng, -3.0f, 9.0f);
    for (int i = 0; i < count; i += 5) x[size_t(i)] = 0.0f;
    for (int i = 2; i < count; i += 7) x[size_t(i)] = 6.0f;
    test::fill_uniform(y.data(), count, rng, 0.0f, 1.0f);  // plausible tanh/sigmoid outputs
    test::fill_uniform(dy.data(), count, rng);
    using Out = std::vector<float>;
    auto run = [&](const ActivationKernel& k) {
      std::vector<Out> outs(10, Out(size_t(count) + 1, 7.0f));
      k.relu_fwd(count, x.data(), outs[0].data());
      k.relu_bwd(count, x.data(), dy.data(), outs[1].data());
      k.leakyrelu_fwd(count, 0.1f, x.data(), outs[2].data());
      k.leakyrelu_bwd(count, 0.1f, x.data(), dy.data(), outs[3].data());
      k.tanh_fwd(count, x.data(), outs[4].data());
      k.tanh_bwd(count, y.data(), dy.data(), outs[5].data());
      k.sigmoid_fwd(count, x.data(), outs[6].data());
      k.sigmoid_bwd(count, y.data(), dy.data(), outs[7].data());
      k.relu6_fwd(count, x.data(), outs[8].data());
      k.relu6_bwd(count, x.data(), dy.data(), outs[9].data());
      return outs;
    };
    const std::vector<Out> ref = run(kernels[0]);
    for (size_t v = 1; v < kernels.size(); ++v) {
      const std::vector<Out> got = run(kernels[v]);
      for (size_t f = 0; f < ref.size(); ++f) {
        EXPECT_LT(test::compare(ref[f].data(), got[f].data(), count + 1).worst, 1e-6)
            << kernels[v].name << " function " << f << " count " << count;
        EXPECT_EQ(got[f][size_t(count)], 7.0f) << "wrote past the end";
      }
    }
  }
}

// tanh and sigmoid of every variant against the functions evaluated in double (std::tanh,
// 1 / (1 + e^-x)), forward and backward, on awkward counts (empty, one, around a vector of
// four, a prime, long), with tiny inputs (tanh(x) ~ x: a formula such as 1 - 2 / (e^2x + 1)
// loses every digit there), large ones (saturation, e^-x past float's range) and exact zeros.
// Tolerances, in float epsilons (eps = 2^-23):
//   forward: 4 eps relative, plus FLT_MIN for results in the subnormal range. tanhf and expf
//     are within 2 ulps in glibc and musl (the WASM build's libc); sigmoid's 1 + e and its
//     division add half an ulp each. 4 eps relative is 4 to 8 ulps: a margin, not a
//     licence; a wrong formula misses by 1e-3 or more.
//   backward: 2 eps * |dy|, absolute. dy * (1 - y*y) and dy * y * (1 - y) from the same float
//     y and dy round three times, each by at most eps/2 of a value no larger than |dy|.
TEST(ActivationKernels, AgreeWithDoublePrecision) {
  const double eps = double(std::numeric_limits<float>::epsilon());
  const double tiny = double(std::numeric_limits<float>::min());
  const float specials[] = {0.0f, 1e-6f, -1e-6f, 3e-4f, -2e-3f, 0.5f, -1.0f, 9.0f, -9.0f,
                            20.0f, -20.0f, 88.0f, -88.0f, 90.0f, -90.0f, 200.0f, -200.0f};
  Rng rng(17, RngStream::kData);
  for (const ActivationKernel& k : activation_kernels()) {
    for (int count : {0, 1, 3, 4, 5, 17, 1000}) {
      const size_t n = size_t(count);
      std::vector<float> x(n + 1), y(n + 1, 7.0f), dy(n + 1), dx(n + 1, 7.0f);
      test::fill_uniform(x.data(), count, rng, -12.0f, 12.0f);
      for (size_t i = 0; i < n; i += 3) x[i] = specials[(i / 3) % (sizeof(specials) / sizeof(specials[0]))];
      test::fill_uniform(dy.data(), count, rng);

      k.tanh_fwd(count, x.data(), y.data());
      for (size_t i = 0; i < n; ++i) {
        const double exact = std::tanh(double(x[i]));
        ASSERT_LE(std::fabs(y[i] - exact), 4 * eps * std::fabs(exact) + tiny)
            << k.name << " tanh(" << x[i] << ") = " << y[i] << ", exactly " << exact << " (count " << count << ")";
      }
      k.tanh_bwd(count, y.data(), dy.data(), dx.data());
      for (size_t i = 0; i < n; ++i) {
        const double exact = double(dy[i]) * (1.0 - double(y[i]) * double(y[i]));
        ASSERT_LE(std::fabs(dx[i] - exact), 2 * eps * std::fabs(dy[i]))
            << k.name << " tanh backward at y = " << y[i] << ", dy = " << dy[i] << " (count " << count << ")";
      }
      EXPECT_EQ(y[n], 7.0f) << k.name << " tanh wrote past the end";
      EXPECT_EQ(dx[n], 7.0f) << k.name << " tanh backward wrote past the end";

      k.sigmoid_fwd(count, x.data(), y.data());
      for (size_t i = 0; i < n; ++i) {
        const double exact = 1.0 / (1.0 + std::exp(-double(x[i])));
        ASSERT_LE(std::fabs(y[i] - exact), 4 * eps * exact + tiny)
            << k.name << " sigmoid(" << x[i] << ") = " << y[i] << ", exactly " << exact << " (count " << count << ")";
      }
      k.sigmoid_bwd(count, y.data(), dy.data(), dx.data());
      for (size_t i = 0; i < n; ++i) {
        const double exact = double(dy[i]) * double(y[i]) * (1.0 - double(y[i]));
        ASSERT_LE(std::fabs(dx[i] - exact), 2 * eps * std::fabs(dy[i]))
            << k.name << " sigmoid backward at y = " << y[i] << ", dy = " << dy[i] << " (count " << count << ")";
      }
      EXPECT_EQ(y[n], 7.0f) << k.name << " sigmoid wrote past the end";
      EXPECT_EQ(dx[n], 7.0f) << k.name << " sigmoid backward wrote past the end";
    }
  }
}

TEST(Activation, SigmoidIsStableForLargeInputs) {
  Expected<Model> model = Model::build("input 1x1x4; sigmoid", 1);
  ASSERT_TRUE(model.ok());
  Tensor x(1, Shape3{4, 1, 1});
  x[0] = -200.0f;
  x[1] = 200.0f;
  x[2] = 0.0f;
  x[3] = -90.0f;
  const Tensor& y = model->forward(x, Mode::kInference);
  EXPECT_EQ(y[0], 0.0f);
  EXPECT_EQ(y[1], 1.0f);
  EXPECT_EQ(y[2], 0.5f);
  EXPECT_TRUE(std::isfinite(y[3]));
}

TEST(Dropout, InferenceIsIdentityAndTrainingKeepsTheExpectedFraction) {
  Expected<Model> model = Model::build("input 1x1x4000; dropout 0.3", 5);
  ASSERT_TRUE(model.ok());
  Tensor x(5, Shape3{4000, 1, 1}), y, dy, dx;
  x.fill(1.0f);
  auto& drop = static_cast<Dropout&>(model->layer(0));
  drop.forward(x, y, Mode::kInference);
  for (int64_t i = 0; i < y.size(); ++i) ASSERT_EQ(y[i], 1.0f);

  drop.forward(x, y, Mode::kTraining);
  int kept = 0;
  double sum = 0.0;
  for (int64_t i = 0; i < y.size(); ++i) {
    ASSERT_TRUE(y[i] == 0.0f || std::fabs(y[i] - 1.0f / 0.7f) < 1e-6f) << y[i];
    kept += y[i] != 0.0f;
    sum += y[i];
  }
  EXPECT_NEAR(kept / 20000.0, 0.7, 0.015);
  EXPECT_NEAR(sum / 20000.0, 1.0, 0.03);  // inverted dropout keeps the mean
  // Backward uses the same mask.
  dy.resize(5, Shape3{4000, 1, 1});
  dy.fill(2.0f);
  drop.backward(x, y, dy, &dx);
  for (int64_t i = 0; i < dx.size(); ++i) ASSERT_FLOAT_EQ(dx[i], 2.0f * drop.mask()[i]);
}

// The same seed gives the same mask, and a real one: some units dropped, the rest scaled by
// 1 / (1 - rate) = 2 (a dropout that did nothing would give equal masks too). Another seed
// gives another mask. With 64 units at rate 0.5, all kept or all dropped, or the two seeds'
// masks equal, each has odds of 2^-64: these checks do not fail by chance.
TEST(Dropout, SameSeedSameMasks) {
  Tensor x(1, Shape3{64, 1, 1}), y1, y2, y3;
  x.fill(1.0f);
  Expected<Model> a = Model::build("input 1x1x64; dropout 0.5", 42);
  Expected<Model> b = Model::build("input 1x1x64; dropout 0.5", 42);
  Expected<Model> c = Model::build("input 1x1x64; dropout 0.5", 43);
  ASSERT_TRUE(a.ok()) << a.error();
  ASSERT_TRUE(b.ok()) << b.error();
  ASSERT_TRUE(c.ok()) << c.error();
  a->layer(0).forward(x, y1, Mode::kTraining);
  b->layer(0).forward(x, y2, Mode::kTraining);
  c->layer(0).forward(x, y3, Mode::kTraining);
  ASSERT_EQ(y1.size(), 64);
  ASSERT_EQ(y3.size(), 64);
  for (int i = 0; i < 64; ++i) EXPECT_EQ(y1[i], y2[i]);

  int dropped = 0, kept = 0, differ = 0;
  for (int i = 0; i < 64; ++i) {
    EXPECT_TRUE(y1[i] == 0.0f || y1[i] == 2.0f) << "unit " << i << ": " << y1[i] << ", expected 0 or 1 / (1 - 0.5)";
    dropped += y1[i] == 0.0f;
    kept += y1[i] == 2.0f;
    differ += y1[i] != y3[i];
  }
  EXPECT_GT(dropped, 0) << "rate 0.5 dropped none of 64 units";
  EXPECT_GT(kept, 0) << "rate 0.5 kept none of 64 units";
  EXPECT_GT(differ, 0) << "seeds 42 and 43 gave the same mask";
}

TEST(BatchNorm, TrainingNormalisesAndInferenceUsesRunningStatistics) {
  Expected<Model> model = Model::build("input 2x2x1; batchnorm", 1);
  ASSERT_TRUE(model.ok());
  auto& bn = static_cast<BatchNorm&>(model->layer(0));
  Tensor x(2, Shape3{1, 2, 2}), y;
  const float v[8] = {1, 2, 3, 4, 5, 6, 7, 8};  // mean 4.5, biased var 5.25
  std::copy(v, v + 8, x.data());
  bn.forward(x, y, Mode::kTraining);
  double mean = 0.0, var = 0.0;
  for (int i = 0; i < 8; ++i) mean += y[i] / 8.0;
  for (int i = 0; i < 8; ++i) var += (y[i] - mean) * (y[i] - mean) / 8.0;
  EXPECT_NEAR(mean, 0.0, 1e-6);
  EXPECT_NEAR(var, 5.25 / (5.25 + 1e-5), 1e-5);
  EXPECT_NEAR(bn.running_mean[0], 0.1 * 4.5, 1e-6);
  EXPECT_NEAR(bn.running_var[0], 0.9 + 0.1 * 6.0, 1e-5);  // unbiased var 42/7 = 6
  bn.forward(x, y, Mode::kInference);
  EXPECT_NEAR(y[0], (1.0 - 0.45) / std::sqrt(1.5 + 1e-5), 1e-5);
}

}  // namespace
}  // namespace cnn
