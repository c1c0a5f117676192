// Helpers shared by the teaching traces' tests (tests/teach/).
#pragma once

#include <cstdint>

#include "support/test_util.h"
#include "teach/planes.h"

namespace cnn::test {

// `shape` filled with uniform values in [-1, 1) from `seed`.
inline teach::Planes random_planes(Shape3 shape, uint64_t seed) {
  teach::Planes p = teach::zero_planes(shape);
  Rng rng(seed, RngStream::kData);
  fill_uniform(p.values.data(), int64_t(p.values.size()), rng);
  return p;
}

}  // namespace cnn::test
