// Optimizer update kernels: every variant in optimizer_kernels() against the first (the
// scalar reference), over counts 0 to 2*4+1 and a long run, with and without weight decay,
// for several steps so that the momentum and Adam buffers carry state.
#include <gtest/gtest.h>

#include <cmath>

#include "optim/optimizer.h"
#include "support/test_util.h"

namespace cnn {
namespace {

TEST(OptimizerKernels, AgreeWithScalarReference) {
  const std::vector<OptimizerKernel>& kernels = optimizer_kernels();
  ASSERT_STREQ(kernels[0].name, "f32_optimizer__scalar");
  Rng rng(14, RngStream::kData);
  for (int count : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1003})
    for (float wd : {0.0f, 5e-4f}) {
      std::vector<float> w0(size_t(count) + 1), g(size_t(count) + 1);
      test::fill_uniform(w0.data(), int64_t(w0.size()), rng);
      test::fill_uniform(g.data(), int64_t(g.size()), rng);
      using Vec = std::vector<float>;
      // For each kernel: weights after sgd, momentum, adam (3 steps each), plus the buffers.
      std::vector<std::vector<Vec>> results;
      for (const OptimizerKernel& k : kernels) {
        Vec ws = w0, wm = w0, wa = w0, vel(w0.size(), 0.0f), m(w0.size(), 0.0f), v(w0.size(), 0.0f);
        for (int t = 1; t <= 3; ++t) {
          k.sgd(count, 0.05f, wd, ws.data(), g.data());
          k.momentum(count, 0.01f, 0.9f, wd, wm.data(), g.data(), vel.data());
          k.adam(count, 1e-3f, 0.9f, 0.999f, 1e-8f, wd, 1.0f - std::pow(0.9f, float(t)),
                 1.0f - std::pow(0.999f, float(t)), wa.data(), g.data(), m.data(), v.data());
        }
        results.push_back({ws, wm, vel, wa, m, v});
      }
      for (size_t k = 1; k < kernels.size(); ++k)
        for (size_t r = 0; r < results[0].size(); ++r) {
          EXPECT_LT(test::compare(results[0][r].data(), results[k][r].data(), count + 1).worst, 1e-6)
              << kernels[k].name << " result " << r << " count " << count << " decay " << wd;
          EXPECT_EQ(results[k][r][size_t(count)], results[0][r][size_t(count)]) << "wrote past the end";
        }
    }
}

}  // namespace
}  // namespace cnn
