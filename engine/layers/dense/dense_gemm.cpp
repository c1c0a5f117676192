// Dense through the GEMM routines: y = x * w^T (nt), dw = dy^T * x (tn), dx = dy * w (nn).
#include <cstring>

#include "gemm/gemm.h"
#include "layers/dense/dense_kernels.h"

namespace cnn {

void f32_dense_fwd__gemm(const DenseShape& s, const float* x, const float* w, const float* b, float* y) {
  for (int n = 0; n < s.n; ++n) std::memcpy(y + n * s.out, b, sizeof(float) * s.out);
  f32_gemm_nt__portable(s.n, s.out, s.in, x, s.in, w, s.in, y, s.out, /*accumulate=*/true);
}

void f32_dense_bwd__gemm(const DenseShape& s, const float* x, const float* w, const float* dy, float* dx,
                         float* dw, float* db) {
  std::memset(db, 0, sizeof(float) * s.out);
  for (int n = 0; n < s.n; ++n)
    for (int o = 0; o < s.out; ++o) db[o] += dy[n * s.out + o];
  f32_gemm_tn__portable(s.out, s.in, s.n, dy, s.out, x, s.in, dw, s.in, /*accumulate=*/false);
  if (dx) f32_gemm_nn__portable(s.n, s.in, s.out, dy, s.out, w, s.in, dx, s.in, /*accumulate=*/false);
}

}  // namespace cnn
