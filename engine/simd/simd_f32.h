// simd_f32.h: four-lane float vectors for the `__wasmsimd` kernels, as plain inline functions.
//
// One vocabulary, two back ends, so the same kernel source is what ships and what is tested
// natively:
//   - WebAssembly (`__wasm_simd128__`, i.e. built with -msimd128): <wasm_simd128.h>. This is
//     the only file in the project that includes it.
//   - Native: GCC/Clang vector extensions (`float __attribute__((vector_size(16)))`), which
//     the compiler lowers to SSE on x86-64 (NEON on ARM) without any intrinsics header.
// 128 bits and no FMA on purpose: WebAssembly SIMD128 has neither wider vectors nor fused
// multiply-add, and native builds are the comparison, not the product.
//
// Usage notes:
//   - load/store take any float address; *_aligned variants need 16-byte alignment.
//   - Comparisons return lane masks (all ones or all zeros) typed as f32x4; use them with
//     f32x4_select or f32x4_and only.
//   - f32x4_max/min are WebAssembly's pseudo-max/min (b > a ? b : a): wasm's f32x4.max has
//     NaN and -0 rules that cost several x86 instructions, the pseudo forms are one maxps.
//     f32x4_max_zero(x) is x > 0 ? x : 0 (NaN gives 0, as the scalar ReLU).
#pragma once

#include <cstdint>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE__)
#include <xmmintrin.h>  // sqrt only; everything else is the vector extension
#endif

namespace cnn {

#if defined(__wasm_simd128__)

using f32x4 = v128_t;
using i32x4 = v128_t;

inline f32x4 f32x4_load(const float* p) { return wasm_v128_load(p); }
inline f32x4 f32x4_load_aligned(const float* p) { return *reinterpret_cast<const v128_t*>(p); }
inline void f32x4_store(float* p, f32x4 v) { wasm_v128_store(p, v); }
inline void f32x4_store_aligned(float* p, f32x4 v) { *reinterpret_cast<v128_t*>(p) = v; }
inline f32x4 f32x4_zero() { return wasm_f32x4_const(0.0f, 0.0f, 0.0f, 0.0f); }
inline f32x4 f32x4_splat(float a) { return wasm_f32x4_splat(a); }
// One v128.load32_splat instead of a scalar load plus a shuffle.
inline f32x4 f32x4_load_splat(const float* p) { return wasm_v128_load32_splat(p); }
inline f32x4 f32x4_add(f32x4 a, f32x4 b) { return wasm_f32x4_add(a, b); }
inline f32x4 f32x4_sub(f32x4 a, f32x4 b) { return wasm_f32x4_sub(a, b); }
inline f32x4 f32x4_mul(f32x4 a, f32x4 b) { return wasm_f32x4_mul(a, b); }
inline f32x4 f32x4_div(f32x4 a, f32x4 b) { return wasm_f32x4_div(a, b); }
inline f32x4 f32x4_sqrt(f32x4 a) { return wasm_f32x4_sqrt(a); }
// Pseudo-max/min: b > a ? b : a and b < a ? b : a, lane by lane (a when either is NaN).
inline f32x4 f32x4_max(f32x4 a, f32x4 b) { return wasm_f32x4_pmax(a, b); }
inline f32x4 f32x4_min(f32x4 a, f32x4 b) { return wasm_f32x4_pmin(a, b); }
inline f32x4 f32x4_max_zero(f32x4 a) { return wasm_f32x4_pmax(wasm_f32x4_const(0.0f, 0.0f, 0.0f, 0.0f), a); }
// Masks: lanes all ones where the comparison holds.
inline f32x4 f32x4_gt(f32x4 a, f32x4 b) { return wasm_f32x4_gt(a, b); }
inline f32x4 f32x4_select(f32x4 mask, f32x4 if_true, f32x4 if_false) {
  return wasm_v128_bitselect(if_true, if_false, mask);
}
inline f32x4 f32x4_and(f32x4 mask, f32x4 a) { return wasm_v128_and(mask, a); }
// Lanes 0, 2 of a then of b, and lanes 1, 3: splits interleaved pairs (stride-2 pooling).
inline f32x4 f32x4_even(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 0, 2, 4, 6); }
inline f32x4 f32x4_odd(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 1, 3, 5, 7); }
// The inverse: interleave lanes of a and b (a0 b0 a1 b1 | a2 b2 a3 b3).
inline f32x4 f32x4_zip_lo(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 0, 4, 1, 5); }
inline f32x4 f32x4_zip_hi(f32x4 a, f32x4 b) { return wasm_i32x4_shuffle(a, b, 2, 6, 3, 7); }
inline float f32x4_hsum(f32x4 v) {
  const f32x4 pairs = wasm_f32x4_add(v, wasm_i32x4_shuffle(v, v, 2, 3, 0, 1));
  return wasm_f32x4_extract_lane(wasm_f32x4_add(pairs, wasm_i32x4_shuffle(pairs, pairs, 1, 0, 3, 2)), 0);
}

// Integer lanes (max-pooling's argmax indices).
inline i32x4 i32x4_splat(int32_t a) { return wasm_i32x4_splat(a); }
inline i32x4 i32x4_make(int32_t a, int32_t b, int32_t c, int32_t d) { return wasm_i32x4_make(a, b, c, d); }
inline i32x4 i32x4_add(i32x4 a, i32x4 b) { return wasm_i32x4_add(a, b); }
inline i32x4 i32x4_select(f32x4 mask, i32x4 if_true, i32x4 if_false) {
  return wasm_v128_bitselect(if_true, if_false, mask);
}
inline f32x4 i32x4_eq(i32x4 a, i32x4 b) { return wasm_i32x4_eq(a, b); }
inline i32x4 i32x4_load(const int32_t* p) { return wasm_v128_load(p); }
inline void i32x4_store(int32_t* p, i32x4 v) { wasm_v128_store(p, v); }

#else  // GCC / Clang vector extensions

typedef float f32x4 __attribute__((vector_size(16), aligned(16)));
typedef int32_t i32x4 __attribute__((vector_size(16), aligned(16)));
// Unaligned views for loads and stores at any float address.
typedef float f32x4_u __attribute__((vector_size(16), aligned(4), may_alias));
typedef int32_t i32x4_u __attribute__((vector_size(16), aligned(4), may_alias));

inline f32x4 f32x4_load(const float* p) { return *reinterpret_cast<const f32x4_u*>(p); }
inline f32x4 f32x4_load_aligned(const float* p) { return *reinterpret_cast<const f32x4*>(p); }
inline void f32x4_store(float* p, f32x4 v) { *reinterpret_cast<f32x4_u*>(p) = v; }
inline void f32x4_store_aligned(float* p, f32x4 v) { *reinterpret_cast<f32x4*>(p) = v; }
inline f32x4 f32x4_zero() { return f32x4{0.0f, 0.0f, 0.0f, 0.0f}; }
inline f32x4 f32x4_splat(float a) { return f32x4{a, a, a, a}; }
inline f32x4 f32x4_load_splat(const float* p) { return f32x4_splat(*p); }
inline f32x4 f32x4_add(f32x4 a, f32x4 b) { return a + b; }
inline f32x4 f32x4_sub(f32x4 a, f32x4 b) { return a - b; }
inline f32x4 f32x4_mul(f32x4 a, f32x4 b) { return a * b; }
inline f32x4 f32x4_div(f32x4 a, f32x4 b) { return a / b; }
inline f32x4 f32x4_sqrt(f32x4 a) {
#if defined(__SSE__)
  return f32x4(_mm_sqrt_ps(__m128(a)));
#else
  return f32x4{__builtin_sqrtf(a[0]), __builtin_sqrtf(a[1]), __builtin_sqrtf(a[2]), __builtin_sqrtf(a[3])};
#endif
}
inline f32x4 f32x4_max(f32x4 a, f32x4 b) { return a < b ? b : a; }
inline f32x4 f32x4_min(f32x4 a, f32x4 b) { return b < a ? b : a; }
inline f32x4 f32x4_max_zero(f32x4 a) {
  const f32x4 zero = f32x4_zero();
  return zero < a ? a : zero;
}
inline f32x4 f32x4_gt(f32x4 a, f32x4 b) { return f32x4(a > b); }
inline f32x4 f32x4_select(f32x4 mask, f32x4 if_true, f32x4 if_false) {
  const i32x4 m = i32x4(mask);
  return f32x4((i32x4(if_true) & m) | (i32x4(if_false) & ~m));
}
inline f32x4 f32x4_and(f32x4 mask, f32x4 a) { return f32x4(i32x4(mask) & i32x4(a)); }
#if defined(__clang__)
inline f32x4 f32x4_even(f32x4 a, f32x4 b) { return __builtin_shufflevector(a, b, 0, 2, 4, 6); }
inline f32x4 f32x4_odd(f32x4 a, f32x4 b) { return __builtin_shufflevector(a, b, 1, 3, 5, 7); }
inline f32x4 f32x4_zip_lo(f32x4 a, f32x4 b) { return __builtin_shufflevector(a, b, 0, 4, 1, 5); }
inline f32x4 f32x4_zip_hi(f32x4 a, f32x4 b) { return __builtin_shufflevector(a, b, 2, 6, 3, 7); }
inline float f32x4_hsum(f32x4 v) {
  const f32x4 pairs = v + __builtin_shufflevector(v, v, 2, 3, 0, 1);
  return (pairs + __builtin_shufflevector(pairs, pairs, 1, 0, 3, 2))[0];
}
#else
inline f32x4 f32x4_even(f32x4 a, f32x4 b) { return __builtin_shuffle(a, b, i32x4{0, 2, 4, 6}); }
inline f32x4 f32x4_odd(f32x4 a, f32x4 b) { return __builtin_shuffle(a, b, i32x4{1, 3, 5, 7}); }
inline f32x4 f32x4_zip_lo(f32x4 a, f32x4 b) { return __builtin_shuffle(a, b, i32x4{0, 4, 1, 5}); }
inline f32x4 f32x4_zip_hi(f32x4 a, f32x4 b) { return __builtin_shuffle(a, b, i32x4{2, 6, 3, 7}); }
inline float f32x4_hsum(f32x4 v) {
  const f32x4 pairs = v + __builtin_shuffle(v, i32x4{2, 3, 0, 1});
  return (pairs + __builtin_shuffle(pairs, i32x4{1, 0, 3, 2}))[0];
}
#endif

inline i32x4 i32x4_splat(int32_t a) { return i32x4{a, a, a, a}; }
inline i32x4 i32x4_make(int32_t a, int32_t b, int32_t c, int32_t d) { return i32x4{a, b, c, d}; }
inline i32x4 i32x4_add(i32x4 a, i32x4 b) { return a + b; }
inline i32x4 i32x4_select(f32x4 mask, i32x4 if_true, i32x4 if_false) {
  const i32x4 m = i32x4(mask);
  return (if_true & m) | (if_false & ~m);
}
inline f32x4 i32x4_eq(i32x4 a, i32x4 b) { return f32x4(a == b); }
inline i32x4 i32x4_load(const int32_t* p) { return *reinterpret_cast<const i32x4_u*>(p); }
inline void i32x4_store(int32_t* p, i32x4 v) { *reinterpret_cast<i32x4_u*>(p) = v; }

#endif

}  // namespace cnn
