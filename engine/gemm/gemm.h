// Single-precision matrix products, row-major, for the im2col convolution and dense layers.
//
//   f32_gemm_nn: C[M][N] (+)= A[M][K]   * B[K][N]
//   f32_gemm_nt: C[M][N] (+)= A[M][K]   * B[N][K]^T
//   f32_gemm_tn: C[M][N] (+)= A[K][M]^T * B[K][N]
//
// `accumulate` false overwrites C, true adds to it. Leading dimensions are the row
// lengths as stored (lda >= K for nn/nt, >= M for tn, ...).
#pragma once

#include <cstdint>
#include <vector>

namespace cnn {

using GemmFn = void (*)(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                        bool accumulate);

// Portable C++: loop orders chosen so the innermost loop runs along contiguous rows of B
// and C, which compilers vectorize; nt keeps several independent sums for the same reason.
void f32_gemm_nn__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate);
void f32_gemm_nt__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate);
void f32_gemm_tn__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate);

// WebAssembly SIMD (or native vector extensions, simd/simd_f32.h), register-blocked; see
// gemm_wasmsimd.cpp for the tile shapes. Same results up to float reassociation.
void f32_gemm_nn__wasmsimd_4x8(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
                               int ldc, bool accumulate);
void f32_gemm_nt__wasmsimd_4x2(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
                               int ldc, bool accumulate);
void f32_gemm_tn__wasmsimd_4x8(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C,
                               int ldc, bool accumulate);
// Gathered B (an implicit im2col for stride-1 convolutions): row k of B starts at
// B + b_rows[k] (nn: K rows; nt: N rows) instead of B + k*ldb. Rows may overlap.
void f32_gemm_nn_gather__wasmsimd_4x8(int M, int N, int K, const float* A, int lda, const float* B,
                                      const int32_t* b_rows, float* C, int ldc, bool accumulate);
void f32_gemm_nt_gather__wasmsimd_4x2(int M, int N, int K, const float* A, int lda, const float* B,
                                      const int32_t* b_rows, float* C, int ldc, bool accumulate);

struct GemmKernel {
  const char* name;
  GemmFn nn, nt, tn;
};

// All variants, the portable reference first; the layers' fast kernels call the last.
const std::vector<GemmKernel>& gemm_kernels();

}  // namespace cnn
