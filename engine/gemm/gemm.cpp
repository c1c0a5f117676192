#include "gemm/gemm.h"

namespace cnn {

const std::vector<GemmKernel>& gemm_kernels() {
  static const std::vector<GemmKernel> kernels = {
      {"f32_gemm__portable", f32_gemm_nn__portable, f32_gemm_nt__portable, f32_gemm_tn__portable},
      {"f32_gemm__wasmsimd", f32_gemm_nn__wasmsimd_4x8, f32_gemm_nt__wasmsimd_4x2, f32_gemm_tn__wasmsimd_4x8},
  };
  return kernels;
}

}  // namespace cnn
