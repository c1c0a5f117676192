// IEEE 754 binary16 ("half", float16) <-> float32, in plain integer code: the compact form of
// shipped model files (io/model_file.h, format version 2).
//
// binary16: 1 sign bit, 5 exponent bits (bias 15), 10 mantissa bits. Largest finite value
// 65504, smallest normal 2^-14, smallest subnormal 2^-24; 11 significant bits (a relative
// step of 2^-11 ~ 4.9e-4).
#pragma once

#include <cstdint>
#include <optional>

namespace cnn {

// Rounds to the nearest binary16, ties to even; values below 2^-14 become subnormals (or
// zero, keeping the sign). Returns nothing for NaN, infinity, and any |v| >= 65520 (the
// values that would round to infinity): a caller must refuse them, never store an inf.
std::optional<uint16_t> f32_to_f16(float v);

// Exact: every binary16 is a float32. Infinity and NaN bit patterns map to their float32
// twins (a loader checks std::isfinite on the result).
float f16_to_f32(uint16_t h);

}  // namespace cnn
