// GEMM with four-lane vectors (simd/simd_f32.h): WebAssembly SIMD128 in the shipped build,
// SSE through vector extensions natively.
//
// How it differs from gemm_portable.cpp: instead of one row of C at a time (which reloads and
// stores C for every k), each call keeps a register tile of C for the whole K loop.
//   nn, tn: tile of MR = 4 rows x 8 columns (two f32x4 per row, eight accumulators), built from
//           one broadcast element of A (v128.load32_splat) times two vectors of a row of B per k.
//           nn and tn differ only in where A's element (i, k) lives, so they share the tile
//           with A's row and k strides as arguments. 4x8 needs 8 + 2 + 1 = 11 vector registers;
//           V8 on x86-64 has 15 usable. Measured in Node on conv-like shapes (GFLOP/s, noisy
//           shared machine): 4x8 35-68, 2x16 30-53, 3x8 26-49, 6x8 23-30, 5x8 21-34, 3x12
//           22-31. 6x8 and 3x12 (12 accumulators, 15-16 registers) spill.
//   nt:     C = A * B^T is a grid of dot products along K: tile of 4 rows of A x 2 rows of B,
//           each accumulator a four-lane partial dot product, summed horizontally at the end.
//           Measured in Node (GFLOP/s, conv2's weight gradient / dense forward): 4x2 50 / 54,
//           2x4 46 / 52, 4x3 38 / 39, 3x3 40 / 37, 2x2 35 / 37, 3x4 27 / 26.
// The _gather variants take B's rows from an offset table instead of a stride (an implicit
// im2col, see conv2d_wasmsimd.cpp); the tiles are the same.
// Leftovers: 4-wide tiles for 4..7 remaining columns, scalar loops for the last 1..3 columns,
// smaller MR templates for the last 1..3 rows, and a scalar k tail in nt.
// Sums run in a different order than in the portable kernels (nt: four partial sums), so
// results agree to float rounding, not bit for bit.
#include "gemm/gemm.h"
#include "simd/simd_f32.h"

namespace cnn {
namespace {

// Where row k of B starts: B + k*ldb, or B + b_rows[k] for the gathered variants (an
// implicit im2col: the rows are shifted windows of one padded image).
template <bool kGather>
inline const float* b_row(const float* B, int ldb, const int32_t* b_rows, int k) {
  return kGather ? B + b_rows[k] : B + k * ldb;
}

// C[MR][4*NV] (+)= sum_k A(r, k) * B[k][0..4*NV), where A(r, k) = A[r*a_rs + k*a_ks].
template <int MR, int NV, bool kGather>
inline void tile_ab(int K, const float* A, int a_rs, int a_ks, const float* B, int ldb, const int32_t* b_rows, float* C,
                    int ldc, bool accumulate) {
  f32x4 acc[MR][NV];
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) acc[r][v] = accumulate ? f32x4_load(C + r * ldc + 4 * v) : f32x4_zero();
  for (int k = 0; k < K; ++k) {
    const float* b = b_row<kGather>(B, ldb, b_rows, k);
    const float* a = A + k * a_ks;
    f32x4 bv[NV];
    for (int v = 0; v < NV; ++v) bv[v] = f32x4_load(b + 4 * v);
    for (int r = 0; r < MR; ++r) {
      const f32x4 av = f32x4_load_splat(a + r * a_rs);
      for (int v = 0; v < NV; ++v) acc[r][v] = f32x4_add(acc[r][v], f32x4_mul(av, bv[v]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int v = 0; v < NV; ++v) f32x4_store(C + r * ldc + 4 * v, acc[r][v]);
}

template <int MR, bool kGather>
void rows_ab(int N, int K, const float* A, int a_rs, int a_ks, const float* B, int ldb, const int32_t* b_rows, float* C,
             int ldc, bool accumulate) {
  int j = 0;
  for (; j + 8 <= N; j += 8) tile_ab<MR, 2, kGather>(K, A, a_rs, a_ks, B + j, ldb, b_rows, C + j, ldc, accumulate);
  if (j + 4 <= N) {
    tile_ab<MR, 1, kGather>(K, A, a_rs, a_ks, B + j, ldb, b_rows, C + j, ldc, accumulate);
    j += 4;
  }
  for (; j < N; ++j)  // scalar tail: the last 1..3 columns
    for (int r = 0; r < MR; ++r) {
      float sum = accumulate ? C[r * ldc + j] : 0.0f;
      for (int k = 0; k < K; ++k) sum += A[r * a_rs + k * a_ks] * b_row<kGather>(B, ldb, b_rows, k)[j];
      C[r * ldc + j] = sum;
    }
}

template <bool kGather>
void gemm_ab(int M, int N, int K, const float* A, int a_rs, int a_ks, const float* B, int ldb, const int32_t* b_rows,
             float* C, int ldc, bool accumulate) {
  int i = 0;
  for (; i + 4 <= M; i += 4)
    rows_ab<4, kGather>(N, K, A + i * a_rs, a_rs, a_ks, B, ldb, b_rows, C + i * ldc, ldc, accumulate);
  const float* a = A + i * a_rs;
  float* c = C + i * ldc;
  switch (M - i) {
    case 3: rows_ab<3, kGather>(N, K, a, a_rs, a_ks, B, ldb, b_rows, c, ldc, accumulate); break;
    case 2: rows_ab<2, kGather>(N, K, a, a_rs, a_ks, B, ldb, b_rows, c, ldc, accumulate); break;
    case 1: rows_ab<1, kGather>(N, K, a, a_rs, a_ks, B, ldb, b_rows, c, ldc, accumulate); break;
    default: break;
  }
}

// C[MR][NR] (+)= A[MR][K] . B[NR][K]: MR*NR dot products, four lanes of partial sums each.
// B's rows are j0.. (at B + j*ldb), or at B + b_rows[c] when gathered.
template <int MR, int NR, bool kGather>
inline void tile_nt(int K, const float* A, int lda, const float* B0, int ldb, const int32_t* b_rows, int j0, float* C,
                    int ldc, bool accumulate) {
  const float* brow[NR];
  for (int c = 0; c < NR; ++c) brow[c] = kGather ? B0 + b_rows[c] : B0 + (j0 + c) * ldb;
  f32x4 acc[MR][NR];
  for (int r = 0; r < MR; ++r)
    for (int c = 0; c < NR; ++c) acc[r][c] = f32x4_zero();
  int k = 0;
  for (; k + 4 <= K; k += 4) {
    f32x4 b[NR];
    for (int c = 0; c < NR; ++c) b[c] = f32x4_load(brow[c] + k);
    for (int r = 0; r < MR; ++r) {
      const f32x4 a = f32x4_load(A + r * lda + k);
      for (int c = 0; c < NR; ++c) acc[r][c] = f32x4_add(acc[r][c], f32x4_mul(a, b[c]));
    }
  }
  for (int r = 0; r < MR; ++r)
    for (int c = 0; c < NR; ++c) {
      float sum = f32x4_hsum(acc[r][c]);
      for (int kk = k; kk < K; ++kk) sum += A[r * lda + kk] * brow[c][kk];  // scalar k tail
      C[r * ldc + c] = accumulate ? C[r * ldc + c] + sum : sum;
    }
}

template <int MR, int NR, bool kGather>
void rows_nt(int N, int K, const float* A, int lda, const float* B, int ldb, const int32_t* b_rows, float* C, int ldc,
             bool accumulate) {
  int j = 0;
  for (; j + NR <= N; j += NR)
    tile_nt<MR, NR, kGather>(K, A, lda, B, ldb, kGather ? b_rows + j : nullptr, j, C + j, ldc, accumulate);
  for (; j < N; ++j)
    tile_nt<MR, 1, kGather>(K, A, lda, B, ldb, kGather ? b_rows + j : nullptr, j, C + j, ldc, accumulate);
}

template <bool kGather>
void gemm_nt(int M, int N, int K, const float* A, int lda, const float* B, int ldb, const int32_t* b_rows, float* C,
             int ldc, bool accumulate) {
  int i = 0;
  for (; i + 4 <= M; i += 4)
    rows_nt<4, 2, kGather>(N, K, A + i * lda, lda, B, ldb, b_rows, C + i * ldc, ldc, accumulate);
  const float* a = A + i * lda;
  float* c = C + i * ldc;
  switch (M - i) {
    case 3: rows_nt<3, 2, kGather>(N, K, a, lda, B, ldb, b_rows, c, ldc, accumulate); break;
    case 2: rows_nt<2, 4, kGather>(N, K, a, lda, B, ldb, b_rows, c, ldc, accumulate); break;
    case 1: rows_nt<1, 4, kGather>(N, K, a, lda, B, ldb, b_rows, c, ldc, accumulate); break;
    default: break;
  }
}

}  // namespace

void f32_gemm_nn__wasmsimd_4x8(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                               bool accumulate) {
  gemm_ab<false>(M, N, K, A, /*a_rs=*/lda, /*a_ks=*/1, B, ldb, nullptr, C, ldc, accumulate);
}

void f32_gemm_tn__wasmsimd_4x8(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                               bool accumulate) {
  gemm_ab<false>(M, N, K, A, /*a_rs=*/1, /*a_ks=*/lda, B, ldb, nullptr, C, ldc, accumulate);
}

// Row blocks of 4 with 2 columns per tile (8 accumulators); the last 1..3 rows use wider
// column tiles so a single row (batch-1 inference through a dense layer) still has 4
// independent dot products in flight.
void f32_gemm_nt__wasmsimd_4x2(int M, int N, int K, const float* A, int lda, const float* B, int ldb, float* C, int ldc,
                               bool accumulate) {
  gemm_nt<false>(M, N, K, A, lda, B, ldb, nullptr, C, ldc, accumulate);
}

void f32_gemm_nn_gather__wasmsimd_4x8(int M, int N, int K, const float* A, int lda, const float* B,
                                      const int32_t* b_rows, float* C, int ldc, bool accumulate) {
  gemm_ab<true>(M, N, K, A, /*a_rs=*/lda, /*a_ks=*/1, B, 0, b_rows, C, ldc, accumulate);
}

void f32_gemm_nt_gather__wasmsimd_4x2(int M, int N, int K, const float* A, int lda, const float* B,
                                      const int32_t* b_rows, float* C, int ldc, bool accumulate) {
  gemm_nt<true>(M, N, K, A, lda, B, 0, b_rows, C, ldc, accumulate);
}

}  // namespace cnn
