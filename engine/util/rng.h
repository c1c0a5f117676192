// Rng: a small, fast, portable random generator (xoshiro128+ seeded by splitmix64).
//
// Reproducibility: one user seed drives weight init, shuffling and dropout. Each
// consumer gets its own stream, derived from (seed, stream id), so that changing the
// number of dropout draws does not change the shuffle order. Same seed + same build
// => the same weights, bit for bit (no time, no addresses, no threads involved).
#pragma once

#include <cmath>
#include <cstdint>

namespace cnn {

enum class RngStream : uint64_t { kInit = 1, kShuffle = 2, kDropout = 3, kData = 4, kAugment = 5 };

class Rng {
 public:
  explicit Rng(uint64_t seed = 0, RngStream stream = RngStream::kInit) { reseed(seed, stream); }

  void reseed(uint64_t seed, RngStream stream) {
    uint64_t x = seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(stream) * 0xD1B54A32D192ED03ull;
    for (uint32_t& word : s_) word = static_cast<uint32_t>(splitmix64(x) >> 32);
    if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;
  }

  uint32_t next_u32() {
    const uint32_t result = s_[0] + s_[3];
    const uint32_t t = s_[1] << 9;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = (s_[3] << 11) | (s_[3] >> 21);
    return result;
  }

  // Uniform in [0, 1), 24 random bits.
  float uniform() { return (next_u32() >> 8) * (1.0f / 16777216.0f); }
  float uniform(float lo, float hi) { return lo + (hi - lo) * uniform(); }

  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias < 2^-32 * n).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>((uint64_t(next_u32()) * n) >> 32); }

  // Standard normal by Box-Muller (one value per call; the second is dropped for simplicity).
  float normal() {
    float u1 = uniform();
    float u2 = uniform();
    if (u1 < 1e-12f) u1 = 1e-12f;
    return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.28318530718f * u2);
  }

 private:
  static uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint32_t s_[4];
};

}  // namespace cnn
