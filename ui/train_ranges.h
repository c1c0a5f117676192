// The range of each training setting, and its key in a lesson link (?lr=0.01): the Train tab's
// fields keep their values in it, a link's values are read within it, and a race's values must
// lie in it, so the three never disagree. The engine checks the same settings itself
// (validate() in train/trainer.h); these ranges lie within what it takes.
#pragma once

namespace cnn::ui {

struct SettingRange {
  const char* key;
  double lo, hi;
};

inline constexpr SettingRange kEpochsRange{"epochs", 1, 100};
inline constexpr SettingRange kBatchRange{"batch", 1, 1024};
inline constexpr SettingRange kLrRange{"lr", 1e-6, 10};
inline constexpr SettingRange kLrDecayRange{"decay", 0.01, 1};
inline constexpr SettingRange kDecayEveryRange{"decay_every", 1, 100};
inline constexpr SettingRange kSeedRange{"seed", 0, 1 << 30};
inline constexpr SettingRange kMomentumRange{"momentum", 0, 0.99};
inline constexpr SettingRange kBeta1Range{"beta1", 0, 0.999};
inline constexpr SettingRange kBeta2Range{"beta2", 0, 0.9999};
inline constexpr SettingRange kWeightDecayRange{"l2", 0, 0.5};
inline constexpr SettingRange kShiftRange{"aug_shift", 0, 8};
inline constexpr SettingRange kRotationRange{"aug_rot", 0, 45};
inline constexpr SettingRange kScaleRange{"aug_scale", 0, 0.5};
inline constexpr SettingRange kPatienceRange{"patience", 0, 100};

}  // namespace cnn::ui
