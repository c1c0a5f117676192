// Symmetric int8 quantization, one scale per channel: the compact form of a shipped model's
// weights (io/model_file.h, format version 3).
//
// A channel is a run of consecutive float32 values (a conv filter [IC][KH][KW], a dense
// unit's row [IN]); its scale is max|w| / 127 and each value is stored as q = w / scale,
// rounded half away from zero, q in [-127, 127] (-128 is never written, so the range is
// symmetric and -q is always representable). A value comes back as q * scale, at most
// scale / 2 from what was stored. A channel of zeros has scale 0 and every q 0.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace cnn {

constexpr int kInt8Max = 127;

// The caller checks the values are finite: a NaN or infinity has no scale. Near float32's
// largest values, 127 * (max / 127) can round up past it; the scale is then stepped down until
// every q * scale is finite (the largest q still clamps to 127). A channel whose largest
// value is below 127 times the smallest subnormal gets scale 0 and comes back as zeros.
inline float int8_scale(const float* w, int64_t n) {
  float largest = 0.0f;
  for (int64_t i = 0; i < n; ++i) largest = std::max(largest, std::fabs(w[i]));
  float scale = largest / float(kInt8Max);
  while (std::isinf(scale * float(kInt8Max))) scale = std::nextafter(scale, 0.0f);
  return scale;
}

inline int8_t int8_quantize(float w, float scale) {
  if (scale == 0.0f) return 0;
  const float q = std::round(w / scale);  // |w| <= 127 * scale, give or take a rounding step
  return int8_t(std::min(float(kInt8Max), std::max(-float(kInt8Max), q)));
}

inline float int8_dequantize(int8_t q, float scale) { return float(q) * scale; }

}  // namespace cnn
