#include "io/float16.h"

#include <cstring>

namespace cnn {
namespace {

constexpr uint32_t kF32Inf = 0x7f800000;
constexpr uint32_t kF32Overflow = 0x477ff000;    // 65520: halfway from 65504 to 2^16, rounds up
constexpr uint32_t kF32MinNormalF16 = 0x38800000;  // 2^-14
constexpr uint32_t kF32HalfMinSubnormal = 0x33000000;  // 2^-25: ties to 0 (even), anything above to 2^-24
constexpr uint32_t kRebias = (127 - 15) << 23;

// x >> shift, rounded to nearest, ties to even. 1 <= shift <= 31.
uint32_t shift_round_even(uint32_t x, int shift) {
  const uint32_t kept = x >> shift;
  const uint32_t rest = x & ((1u << shift) - 1);
  const uint32_t half = 1u << (shift - 1);
  return kept + ((rest > half || (rest == half && (kept & 1))) ? 1 : 0);
}

}  // namespace

std::optional<uint16_t> f32_to_f16(float v) {
  uint32_t x;
  std::memcpy(&x, &v, 4);
  const uint16_t sign = uint16_t((x >> 16) & 0x8000);
  const uint32_t abs = x & 0x7fffffff;
  if (abs >= kF32Inf || abs >= kF32Overflow) return std::nullopt;
  if (abs >= kF32MinNormalF16) {
    // Same layout once the exponent is rebiased: drop 13 mantissa bits. A round up that
    // carries out of the mantissa bumps the exponent, which is the right answer.
    return uint16_t(sign | shift_round_even(abs - kRebias, 13));
  }
  if (abs <= kF32HalfMinSubnormal) return sign;  // zero, float32 subnormals included
  // Subnormal result: the value in units of 2^-24 is the 24-bit significand shifted right by
  // 126 - exponent (14..24 here). Rounding up from 0x3ff gives 0x400, the smallest normal.
  const uint32_t exponent = abs >> 23;
  const uint32_t significand = (abs & 0x7fffff) | 0x800000;
  return uint16_t(sign | shift_round_even(significand, int(126 - exponent)));
}

float f16_to_f32(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000) << 16;
  const uint32_t exponent = (h >> 10) & 0x1f;
  const uint32_t mantissa = h & 0x3ff;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | kF32Inf | (mantissa << 13);
  } else if (exponent == 0) {
    const float magnitude = float(mantissa) * 0x1p-24f;  // exact: at most 10 bits
    return sign ? -magnitude : magnitude;
  } else {
    bits = sign | (((exponent << 10 | mantissa) << 13) + kRebias);
  }
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}

}  // namespace cnn
