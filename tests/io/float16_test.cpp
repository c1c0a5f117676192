// float16 conversion (io/float16.h): known bit patterns, ties to even at normal and subnormal
// scales, the overflow edge (refused, never inf), every finite half back and forth, and
// (natively, where the compiler has _Float16) random floats against the compiler's conversion.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstring>

#include "io/float16.h"
#include "util/rng.h"

namespace cnn {
namespace {

float from_bits(uint32_t bits) {
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}

uint32_t to_bits(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  return bits;
}

// The half f32_to_f16 gives, or 0xFFFFFFFF when it refuses (no half has that value).
uint32_t half_of(float v) {
  std::optional<uint16_t> h = f32_to_f16(v);
  return h ? *h : 0xFFFFFFFFu;
}

TEST(Float16, KnownBitPatterns) {
  EXPECT_EQ(half_of(0.0f), 0x0000u);
  EXPECT_EQ(half_of(-0.0f), 0x8000u);
  EXPECT_EQ(half_of(1.0f), 0x3c00u);
  EXPECT_EQ(half_of(-2.0f), 0xc000u);
  EXPECT_EQ(half_of(0.5f), 0x3800u);
  EXPECT_EQ(half_of(0.1f), 0x2e66u);      // 0.0999755859375
  EXPECT_EQ(half_of(1.0f / 3), 0x3555u);  // 0.333251953125
  EXPECT_EQ(half_of(-0.8423802f), 0xbabdu);
  EXPECT_EQ(half_of(65504.0f), 0x7bffu);  // the largest finite half
  EXPECT_EQ(half_of(0x1p-14f), 0x0400u);  // the smallest normal
  EXPECT_EQ(half_of(0x1p-24f), 0x0001u);  // the smallest subnormal
  EXPECT_EQ(half_of(-0x3ffp-24f), 0x83ffu);  // the largest subnormal

  EXPECT_EQ(f16_to_f32(0x3c00), 1.0f);
  EXPECT_EQ(f16_to_f32(0x2e66), 0.0999755859375f);
  EXPECT_EQ(f16_to_f32(0x7bff), 65504.0f);
  EXPECT_EQ(f16_to_f32(0x0001), 0x1p-24f);
  EXPECT_EQ(f16_to_f32(0x83ff), -0x3ffp-24f);
  EXPECT_EQ(to_bits(f16_to_f32(0x8000)), 0x80000000u);  // -0 keeps its sign
  EXPECT_TRUE(std::isinf(f16_to_f32(0x7c00)));
  EXPECT_TRUE(std::isinf(f16_to_f32(0xfc00)) && f16_to_f32(0xfc00) < 0);
  EXPECT_TRUE(std::isnan(f16_to_f32(0x7e00)));
}

TEST(Float16, TiesGoToEven) {
  // Between 1 (0x3c00) and 1 + 2^-10 (0x3c01) the step is 2^-10.
  EXPECT_EQ(half_of(1.0f + 0x1p-11f), 0x3c00u);      // tie: down to the even 0x3c00
  EXPECT_EQ(half_of(1.0f + 3 * 0x1p-11f), 0x3c02u);  // tie: up to the even 0x3c02
  EXPECT_EQ(half_of(std::nextafter(1.0f + 0x1p-11f, 2.0f)), 0x3c01u);
  EXPECT_EQ(half_of(std::nextafter(1.0f + 0x1p-11f, 0.0f)), 0x3c00u);
  EXPECT_EQ(half_of(-(1.0f + 3 * 0x1p-11f)), 0xbc02u);
  // Round ups that carry into the exponent: below 2 the step is 2^-10, and 0x3fff is odd.
  EXPECT_EQ(half_of(2.0f - 0x1p-11f), 0x4000u);  // tie between 0x3fff and 0x4000: the even 2
  EXPECT_EQ(half_of(2.0f - 0x1p-12f), 0x4000u);
  EXPECT_EQ(half_of(std::nextafter(2.0f - 0x1p-11f, 0.0f)), 0x3fffu);
  EXPECT_EQ(half_of(2.0f - 0x1p-10f), 0x3fffu);  // exactly 0x3fff (1.9990234375)
}

TEST(Float16, SubnormalsRoundToNearestEven) {
  EXPECT_EQ(half_of(0x1p-25f), 0x0000u);  // tie between 0 and 2^-24: the even 0
  EXPECT_EQ(half_of(-0x1p-25f), 0x8000u);
  EXPECT_EQ(half_of(std::nextafter(0x1p-25f, 1.0f)), 0x0001u);
  EXPECT_EQ(half_of(3 * 0x1p-25f), 0x0002u);  // 1.5 units: tie, up to the even 2
  EXPECT_EQ(half_of(5 * 0x1p-25f), 0x0002u);  // 2.5 units: tie, down to the even 2
  EXPECT_EQ(half_of(0x3ffp-24f + 0x1p-25f), 0x0400u);  // 1023.5 units: tie, up into the normals
  EXPECT_EQ(half_of(0x3fep-24f + 0x1p-25f), 0x03feu);  // 1022.5 units: tie, down
  EXPECT_EQ(half_of(1e-40f), 0x0000u);     // a float32 subnormal
  EXPECT_EQ(half_of(FLT_MIN), 0x0000u);
  EXPECT_EQ(half_of(1e-6f), 0x0011u);      // 16.78 units of 2^-24
}

TEST(Float16, OutsideTheRangeIsRefusedNotInfinity) {
  EXPECT_EQ(half_of(std::nextafter(65520.0f, 0.0f)), 0x7bffu);  // still rounds down to 65504
  EXPECT_EQ(half_of(65520.0f), 0xFFFFFFFFu);  // the tie would round to infinity
  EXPECT_EQ(half_of(-65520.0f), 0xFFFFFFFFu);
  EXPECT_EQ(half_of(70000.0f), 0xFFFFFFFFu);
  EXPECT_EQ(half_of(FLT_MAX), 0xFFFFFFFFu);
  EXPECT_EQ(half_of(INFINITY), 0xFFFFFFFFu);
  EXPECT_EQ(half_of(-INFINITY), 0xFFFFFFFFu);
  EXPECT_EQ(half_of(std::nanf("")), 0xFFFFFFFFu);
  EXPECT_EQ(half_of(from_bits(0xffc00001)), 0xFFFFFFFFu);  // a negative NaN
}

TEST(Float16, EveryFiniteHalfGoesThereAndBack) {
  int finite = 0;
  for (uint32_t h = 0; h < 0x10000; ++h) {
    const float v = f16_to_f32(uint16_t(h));
    if (((h >> 10) & 0x1f) == 0x1f) {
      EXPECT_FALSE(std::isfinite(v)) << std::hex << h;
      EXPECT_FALSE(f32_to_f16(v).has_value()) << std::hex << h;
      continue;
    }
    ++finite;
    ASSERT_EQ(half_of(v), h) << std::hex << "half 0x" << h << " -> " << v;
  }
  EXPECT_EQ(finite, 2 * 31 * 1024);
}

// The nearest half by search, for any float the conversion accepts: no half is closer, and a
// tie went to the even mantissa.
TEST(Float16, RandomFloatsRoundToTheNearestHalf) {
  Rng rng(7, RngStream::kData);
  for (int i = 0; i < 200000; ++i) {
    // Exponents from far below the subnormals to past the overflow edge.
    const uint32_t bits = (rng.below(2) << 31) | ((90 + rng.below(60)) << 23) | rng.below(1u << 23);
    const float v = from_bits(bits);
    std::optional<uint16_t> h = f32_to_f16(v);
    if (std::fabs(v) >= 65520.0f) {
      EXPECT_FALSE(h.has_value()) << v;
      continue;
    }
    ASSERT_TRUE(h.has_value()) << v;
    const double got = f16_to_f32(*h);
    const double err = std::fabs(got - double(v));
    // The neighbours on either side (the next half up and down in magnitude).
    const uint16_t magnitude = *h & 0x7fff;
    for (int step : {-1, 1}) {
      if ((magnitude == 0 && step < 0) || (magnitude == 0x7bff && step > 0)) continue;
      const double other = f16_to_f32(uint16_t((*h & 0x8000) | (magnitude + step)));
      const double other_err = std::fabs(other - double(v));
      ASSERT_LE(err, other_err) << std::hexfloat << v << " -> " << got << ", but " << other << " is closer";
      if (err == other_err) {
        ASSERT_EQ(*h & 1, 0) << std::hexfloat << v << ": a tie that went to an odd half";
      }
    }
  }
}

#ifdef __FLT16_MAX__
// Natively (g++ on x86 has _Float16): the same as the compiler's own conversion.
TEST(Float16, AgreesWithTheCompilersFloat16) {
  Rng rng(11, RngStream::kData);
  for (int i = 0; i < 200000; ++i) {
    const uint32_t bits = (rng.below(2) << 31) | ((95 + rng.below(48)) << 23) | rng.below(1u << 23);
    const float v = from_bits(bits);
    if (std::fabs(v) >= 65520.0f) continue;
    const _Float16 reference = static_cast<_Float16>(v);
    uint16_t want;
    std::memcpy(&want, &reference, 2);
    ASSERT_EQ(half_of(v), want) << std::hexfloat << v;
    ASSERT_EQ(f16_to_f32(want), static_cast<float>(reference));
  }
}
#endif

}  // namespace
}  // namespace cnn
