// Single-precision matrix products, row-major, for the im2col convolution and dense layers.
//
//   f32_gemm_nn: C[M][N] (+)= A[M][K]   * B[K][N]
//   f32_gemm_nt: C[M][N] (+)= A[M][K]   * B[N][K]^T
//   f32_gemm_tn: C[M][N] (+)= A[K][M]^T * B[K][N]
//
// `accumulate` false overwrites C, true adds to it. Leading dimensions are the row
// lengths as stored (lda >= K for nn/nt, >= M for tn, ...).
#pragma once

namespace cnn {

// Portable C++: loop orders chosen so the innermost loop runs along contiguous rows of B
// and C, which compilers vectorize; nt keeps several independent sums for the same reason.
void f32_gemm_nn__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate);
void f32_gemm_nt__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate);
void f32_gemm_tn__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate);

}  // namespace cnn
