// Dropout, seen (regularization): one training step's mask on a layer's feature maps. The
// engine's own Dropout layer (layers/dropout/dropout.h: inverted, each value kept with
// probability 1 - rate and scaled by 1 / (1 - rate)) runs in training mode on the maps, with
// the dropout stream of `seed` (util/rng.h), as a model built with that seed draws it.
//
//   maps 6 x 28 x 28 (LeNet-5's conv1 of a digit), rate 0.5, seed 1
//     -> mask (1 kept, 0 dropped), output = maps x mask x 2, kept of 4,704
#pragma once

#include <cstdint>

#include "teach/planes.h"
#include "util/expected.h"

namespace cnn::teach {

constexpr int kDropoutMaxChannels = 64, kDropoutMaxSide = 64;
constexpr float kDropoutMaxRate = 0.95f;

struct DropoutTrace {
  Planes output;  // the layer's output: kept values x 1 / (1 - rate), dropped ones 0
  Planes mask;    // 1 where the value was kept, 0 where it was dropped
  int64_t kept = 0, total = 0;
};

// `maps`: 1..64 channels, sides 1..64; rate in [0, 0.95].
Expected<DropoutTrace> trace_dropout(const Planes& maps, float rate, uint64_t seed);

}  // namespace cnn::teach
