// The training settings a preset is shipped with: what it reaches its stated accuracy with
// (README, "Modern networks, small"). The CLI and the page start from these when a preset
// is trained and the user has not chosen otherwise; other specs start from the global
// defaults (Adam, lr 0.001, constant, batch 32).
#pragma once

#include <string_view>

#include "optim/optimizer.h"

namespace cnn {

struct PresetSettings {
  OptimizerKind optimizer = OptimizerKind::kAdam;
  float lr = 1e-3f;
  LrSchedule schedule;
  int batch = 32;
  const char* why;  // one line for the user: why these and not the defaults
};

// nullptr when `spec` (spaces around it ignored) is not a preset with settings of its own.
const PresetSettings* preset_settings(std::string_view spec);

}  // namespace cnn
