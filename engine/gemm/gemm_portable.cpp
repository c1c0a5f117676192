// Portable GEMM. Plain loops in cache- and vector-friendly order; no intrinsics.
#include "gemm/gemm.h"

#include <cstring>

namespace cnn {

void f32_gemm_nn__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate) {
  for (int i = 0; i < M; ++i) {
    float* __restrict c = C + i * ldc;
    if (!accumulate) std::memset(c, 0, sizeof(float) * N);
    const float* a = A + i * lda;
    for (int k = 0; k < K; ++k) {
      const float aik = a[k];
      const float* __restrict b = B + k * ldb;
      for (int j = 0; j < N; ++j) c[j] += aik * b[j];
    }
  }
}

// Dot products of rows of A with rows of B. Eight partial sums let the compiler use
// vector registers without reassociating a single sum (which it may not do on its own).
static inline float dot(const float* __restrict a, const float* __restrict b, int K) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  int k = 0;
  for (; k + 8 <= K; k += 8)
    for (int l = 0; l < 8; ++l) acc[l] += a[k + l] * b[k + l];
  float sum = ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
  for (; k < K; ++k) sum += a[k] * b[k];
  return sum;
}

void f32_gemm_nt__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate) {
  for (int i = 0; i < M; ++i) {
    const float* a = A + i * lda;
    float* c = C + i * ldc;
    for (int j = 0; j < N; ++j) {
      float v = dot(a, B + j * ldb, K);
      c[j] = accumulate ? c[j] + v : v;
    }
  }
}

void f32_gemm_tn__portable(int M, int N, int K, const float* A, int lda, const float* B, int ldb,
                           float* C, int ldc, bool accumulate) {
  if (!accumulate)
    for (int i = 0; i < M; ++i) std::memset(C + i * ldc, 0, sizeof(float) * N);
  for (int k = 0; k < K; ++k) {
    const float* a = A + k * lda;
    const float* __restrict b = B + k * ldb;
    for (int i = 0; i < M; ++i) {
      const float aki = a[i];
      float* __restrict c = C + i * ldc;
      for (int j = 0; j < N; ++j) c[j] += aki * b[j];
    }
  }
}

}  // namespace cnn
