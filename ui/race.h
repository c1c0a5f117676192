// A race: the current network trained several times from the same weights and seed, one run
// after another, each with one thing changed, and the runs overlaid in the Runs tab. Either
// the three optimizers (each with its own learning rate), or one setting over values the user
// lists ("0.001 0.01 0.1"), every other setting as the Train tab has it.
#pragma once

#include <string>
#include <vector>

#include "protocol/messages.h"
#include "util/expected.h"

namespace cnn::ui {

enum class RaceKind { kOptimizers, kLearningRate, kBatch, kWeightDecay, kShift, kRotation };
constexpr int kRaceKinds = 6;
// The choice's name (English, for tr()) and its link key.
const char* race_kind_label(RaceKind kind);
const char* race_kind_key(RaceKind kind);
// The values a setting race starts with: "0.001 0.003 0.01" for the learning rate.
const char* race_default_values(RaceKind kind);

constexpr int kMaxRacers = 6;

// The racers' settings, in order: base with the optimizer (and its rate) or the setting
// changed. Values are separated by spaces or commas, 2 to kMaxRacers of them, each in the
// setting's range; otherwise an error in words ("batch 0 is not in 1..1024").
cnn::Expected<std::vector<protocol::TrainSettings>> race_settings(const protocol::TrainSettings& base, RaceKind kind,
                                                                  const std::string& values);

}  // namespace cnn::ui
