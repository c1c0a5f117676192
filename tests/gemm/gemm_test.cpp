// GEMM: every variant in gemm_kernels() against the first (the portable reference), for all
// three transpositions, M, N, K from 1 to 17 (every row, column and k tail of a 4x8 tile),
// overwrite and accumulate, and leading dimensions longer than the rows.
#include <gtest/gtest.h>

#include <algorithm>

#include "gemm/gemm.h"
#include "support/test_util.h"

namespace cnn {
namespace {

enum class Op { kNN, kNT, kTN };

void check_all(Op op) {
  const std::vector<GemmKernel>& kernels = gemm_kernels();
  ASSERT_GE(kernels.size(), 2u);
  ASSERT_STREQ(kernels[0].name, "f32_gemm__portable");
  Rng rng(21, RngStream::kData);
  int cases = 0;
  for (int M = 1; M <= 17; ++M)
    for (int N = 1; N <= 17; ++N)
      for (int K = 1; K <= 17; ++K) {
        const bool accumulate = (M + N + K) % 2 == 1;
        const int pad = (M * 7 + N * 3 + K) % 3;  // leading dimensions 0..2 longer than needed
        // A is [M][K] (nn, nt) or [K][M] (tn); B is [K][N] (nn, tn) or [N][K] (nt).
        const int a_rows = op == Op::kTN ? K : M, a_cols = op == Op::kTN ? M : K;
        const int b_rows = op == Op::kNT ? N : K, b_cols = op == Op::kNT ? K : N;
        const int lda = a_cols + pad, ldb = b_cols + pad, ldc = N + pad;
        std::vector<float> A(size_t(a_rows * lda)), B(size_t(b_rows * ldb)), C0(size_t(M * ldc));
        test::fill_uniform(A.data(), int64_t(A.size()), rng);
        test::fill_uniform(B.data(), int64_t(B.size()), rng);
        test::fill_uniform(C0.data(), int64_t(C0.size()), rng);
        std::vector<std::vector<float>> C;
        for (const GemmKernel& k : kernels) {
          C.push_back(C0);
          const GemmFn fn = op == Op::kNN ? k.nn : op == Op::kNT ? k.nt : k.tn;
          fn(M, N, K, A.data(), lda, B.data(), ldb, C.back().data(), ldc, accumulate);
        }
        ++cases;
        for (size_t v = 1; v < kernels.size(); ++v) {
          const test::Mismatch m = test::compare(C[0].data(), C[v].data(), int64_t(C0.size()));
          EXPECT_LT(m.worst, 1e-5) << kernels[v].name << " M " << M << " N " << N << " K " << K << " accumulate "
                                   << accumulate << " at " << m.index;
          // Padding between rows of C is never written.
          for (int i = 0; i < M; ++i)
            for (int j = N; j < ldc; ++j) ASSERT_EQ(C[v][size_t(i * ldc + j)], C0[size_t(i * ldc + j)]);
        }
      }
  EXPECT_EQ(cases, 17 * 17 * 17);
}

TEST(GemmKernels, NNAgreesWithPortableReference) { check_all(Op::kNN); }
TEST(GemmKernels, NTAgreesWithPortableReference) { check_all(Op::kNT); }
TEST(GemmKernels, TNAgreesWithPortableReference) { check_all(Op::kTN); }

// The gathered variants read row r of B at B + b_rows[r], rows overlapping as in an implicit
// im2col; against the portable kernels on the same rows copied out.
TEST(GemmKernels, GatheredRowsAgreeWithCopiedRows) {
  Rng rng(22, RngStream::kData);
  for (int M = 1; M <= 17; M += 2)
    for (int N = 1; N <= 17; ++N)
      for (int K = 1; K <= 17; K += 3) {
        const bool accumulate = (M + N + K) % 2 == 0;
        const int rows = std::max(N, K), len = std::max(N, K);
        std::vector<float> image(size_t(rows * 3 + len + 8));
        test::fill_uniform(image.data(), int64_t(image.size()), rng);
        std::vector<int32_t> off(static_cast<size_t>(rows));
        for (int r = 0; r < rows; ++r) off[size_t(r)] = (r * 7) % (rows * 3 + 1);  // overlapping windows
        std::vector<float> copied(size_t(rows * len));
        for (int r = 0; r < rows; ++r)
          for (int c = 0; c < len; ++c) copied[size_t(r * len + c)] = image[size_t(off[size_t(r)] + c)];
        std::vector<float> A(size_t(M * K)), C0(size_t(M * std::max(N, K)));
        test::fill_uniform(A.data(), int64_t(A.size()), rng);
        test::fill_uniform(C0.data(), int64_t(C0.size()), rng);
        // nn: B is [K][N], row k at off[k].
        std::vector<float> ref = C0, got = C0;
        f32_gemm_nn__portable(M, N, K, A.data(), K, copied.data(), len, ref.data(), N, accumulate);
        f32_gemm_nn_gather__wasmsimd_4x8(M, N, K, A.data(), K, image.data(), off.data(), got.data(), N, accumulate);
        EXPECT_LT(test::compare(ref.data(), got.data(), int64_t(ref.size())).worst, 1e-5)
            << "nn gather M " << M << " N " << N << " K " << K;
        // nt: B is [N][K], row j at off[j].
        ref = C0;
        got = C0;
        f32_gemm_nt__portable(M, N, K, A.data(), K, copied.data(), len, ref.data(), N, accumulate);
        f32_gemm_nt_gather__wasmsimd_4x2(M, N, K, A.data(), K, image.data(), off.data(), got.data(), N, accumulate);
        EXPECT_LT(test::compare(ref.data(), got.data(), int64_t(ref.size())).worst, 1e-5)
            << "nt gather M " << M << " N " << N << " K " << K;
      }
}

}  // namespace
}  // namespace cnn
