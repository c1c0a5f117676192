// Dense: gradients, and every kernel variant against the scalar reference.
#include <gtest/gtest.h>

#include "layers/dense/dense.h"
#include "model/model.h"
#include "support/grad_check.h"
#include "support/test_util.h"

namespace cnn {
namespace {

TEST(DenseGradient, MatchesCentralDifferences) {
  for (const char* spec : {"input 1x1x7; dense 5", "input 1x1x1; dense 3", "input 1x1x13; dense 1"}) {
    Expected<Model> model = Model::build(spec, 2);
    ASSERT_TRUE(model.ok()) << model.error();
    Rng rng(4, RngStream::kData);
    Tensor x(3, model->input_shape());
    test::fill_uniform(x, rng);
    test::GradCheckReport r = test::check_layer_gradients(model->layer(0), x, Mode::kTraining, 0.5);  // linear: exact
    EXPECT_LT(r.worst, 1e-3) << spec << ": worst at " << r.where;
  }
}

TEST(DenseKernels, AgreeWithScalarReferenceOnAwkwardShapes) {
  const std::vector<DenseKernel>& kernels = dense_kernels();
  ASSERT_STREQ(kernels[0].name, "f32_dense__scalar");
  Rng rng(9, RngStream::kData);
  for (int n : {1, 2, 5, 9})
    for (int in = 1; in <= 19; in += 3)
      for (int out : {1, 3, 10, 17}) {
        DenseShape s{n, in, out};
        std::vector<float> x(static_cast<size_t>(n * in)), w(static_cast<size_t>(out * in)), b(static_cast<size_t>(out)),
            dy(static_cast<size_t>(n * out));
        for (auto* v : {&x, &w, &b, &dy}) test::fill_uniform(v->data(), int64_t(v->size()), rng);
        std::vector<std::vector<float>> y, dx, dw, db;
        for (const DenseKernel& k : kernels) {
          y.emplace_back(dy.size());
          dx.emplace_back(x.size());
          dw.emplace_back(w.size());
          db.emplace_back(b.size());
          k.forward(s, x.data(), w.data(), b.data(), y.back().data());
          k.backward(s, x.data(), w.data(), dy.data(), dx.back().data(), dw.back().data(), db.back().data());
        }
        for (size_t v = 1; v < kernels.size(); ++v) {
          const std::string what = std::string(kernels[v].name) + " n " + std::to_string(n) + " in " +
                                   std::to_string(in) + " out " + std::to_string(out);
          EXPECT_LT(test::compare(y[0].data(), y[v].data(), int64_t(dy.size())).worst, 1e-5) << what;
          EXPECT_LT(test::compare(dx[0].data(), dx[v].data(), int64_t(x.size())).worst, 1e-5) << what;
          EXPECT_LT(test::compare(dw[0].data(), dw[v].data(), int64_t(w.size())).worst, 1e-5) << what;
          EXPECT_LT(test::compare(db[0].data(), db[v].data(), int64_t(b.size())).worst, 1e-5) << what;
        }
      }
}

// LeNet-5's dense shapes at its training batch and at batch 1.
TEST(DenseKernels, AgreeWithScalarReferenceOnLeNetShapes) {
  const std::vector<DenseKernel>& kernels = dense_kernels();
  Rng rng(10, RngStream::kData);
  for (DenseShape s : {DenseShape{64, 400, 120}, DenseShape{64, 120, 84}, DenseShape{1, 84, 10}, DenseShape{3, 400, 120}}) {
    std::vector<float> x(size_t(s.n * s.in)), w(size_t(s.out * s.in)), b(size_t(s.out)), dy(size_t(s.n * s.out));
    for (auto* v : {&x, &w, &b, &dy}) test::fill_uniform(v->data(), int64_t(v->size()), rng);
    std::vector<std::vector<float>> y, dx, dw, db;
    for (const DenseKernel& k : kernels) {
      y.emplace_back(dy.size());
      dx.emplace_back(x.size());
      dw.emplace_back(w.size());
      db.emplace_back(b.size());
      k.forward(s, x.data(), w.data(), b.data(), y.back().data());
      k.backward(s, x.data(), w.data(), dy.data(), dx.back().data(), dw.back().data(), db.back().data());
    }
    for (size_t v = 1; v < kernels.size(); ++v) {
      const std::string what = std::string(kernels[v].name) + " n " + std::to_string(s.n) + " in " +
                               std::to_string(s.in) + " out " + std::to_string(s.out);
      EXPECT_LT(test::compare(y[0].data(), y[v].data(), int64_t(dy.size())).worst, 1e-5) << what;
      EXPECT_LT(test::compare(dx[0].data(), dx[v].data(), int64_t(x.size())).worst, 1e-5) << what;
      EXPECT_LT(test::compare(dw[0].data(), dw[v].data(), int64_t(w.size())).worst, 1e-5) << what;
      EXPECT_LT(test::compare(db[0].data(), db[v].data(), int64_t(b.size())).worst, 1e-5) << what;
    }
  }
}

}  // namespace
}  // namespace cnn
