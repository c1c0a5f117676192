// Dense with four-lane vectors: the same three products as dense_gemm.cpp, through the
// register-blocked f32_gemm_*__wasmsimd (see gemm_wasmsimd.cpp), plus vector bias copies and
// a vector column sum for db.
//   forward:  y[N][OUT]  = x[N][IN] * w[OUT][IN]^T + b     (nt: dot products along IN)
//   backward: dw[OUT][IN] = dy[N][OUT]^T * x[N][IN]         (tn)
//             dx[N][IN]   = dy[N][OUT] * w[OUT][IN]         (nn)
//             db[OUT]     = sum over n of dy[n][OUT]        (row adds, vectors along OUT)
#include <cstring>

#include "gemm/gemm.h"
#include "layers/dense/dense_kernels.h"
#include "simd/simd_f32.h"

namespace cnn {

void f32_dense_fwd__wasmsimd(const DenseShape& s, const float* x, const float* w, const float* b, float* y) {
  for (int n = 0; n < s.n; ++n) std::memcpy(y + n * s.out, b, sizeof(float) * s.out);
  f32_gemm_nt__wasmsimd_4x2(s.n, s.out, s.in, x, s.in, w, s.in, y, s.out, /*accumulate=*/true);
}

void f32_dense_bwd__wasmsimd(const DenseShape& s, const float* x, const float* w, const float* dy, float* dx,
                             float* dw, float* db) {
  std::memset(db, 0, sizeof(float) * s.out);
  for (int n = 0; n < s.n; ++n) {
    const float* row = dy + n * s.out;
    int o = 0;
    for (; o + 4 <= s.out; o += 4) f32x4_store(db + o, f32x4_add(f32x4_load(db + o), f32x4_load(row + o)));
    for (; o < s.out; ++o) db[o] += row[o];
  }
  f32_gemm_tn__wasmsimd_4x8(s.out, s.in, s.n, dy, s.out, x, s.in, dw, s.in, /*accumulate=*/false);
  if (dx) f32_gemm_nn__wasmsimd_4x8(s.n, s.in, s.out, dy, s.out, w, s.in, dx, s.in, /*accumulate=*/false);
}

}  // namespace cnn
