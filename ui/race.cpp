#include "race.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "engine_view.h"
#include "i18n/language.h"
#include "train_ranges.h"

namespace cnn::ui {
namespace {

struct RaceSetting {
  const char* label;     // English, for tr()
  SettingRange range;    // its key and the Train tab's range (train_ranges.h)
  const char* values;    // the field's first text
  bool whole;            // a whole number (batch)
};

// In RaceKind's order.
constexpr RaceSetting kSettings[kRaceKinds] = {
    {N_("the optimizers"), {"optimizers", 0, 0}, "", false},
    {N_("learning rate"), kLrRange, "0.0003 0.001 0.003", false},
    {N_("batch"), kBatchRange, "16 64 256", true},
    {N_("L2 weight decay"), kWeightDecayRange, "0 0.0005 0.005", false},
    {N_("augmentation shift"), kShiftRange, "0 1 2", false},
    {N_("augmentation rotation"), kRotationRange, "0 10 20", false},
};

const RaceSetting& setting_of(RaceKind kind) { return kSettings[int(kind)]; }

void set_value(protocol::TrainSettings& s, RaceKind kind, double v) {
  switch (kind) {
    case RaceKind::kLearningRate: s.lr = float(v); break;
    case RaceKind::kBatch: s.batch = int(v); break;
    case RaceKind::kWeightDecay: s.weight_decay = float(v); break;
    case RaceKind::kShift: s.augment.shift = float(v); break;
    case RaceKind::kRotation: s.augment.rotate = float(v); break;
    case RaceKind::kOptimizers: break;
  }
}

}  // namespace

const char* race_kind_label(RaceKind kind) { return setting_of(kind).label; }
const char* race_kind_key(RaceKind kind) { return setting_of(kind).range.key; }
const char* race_default_values(RaceKind kind) { return setting_of(kind).values; }

Expected<std::vector<protocol::TrainSettings>> race_settings(const protocol::TrainSettings& base, RaceKind kind,
                                                             const std::string& values) {
  std::vector<protocol::TrainSettings> racers;
  if (kind == RaceKind::kOptimizers) {
    for (int o = 0; o < 3; ++o) {
      protocol::TrainSettings s = base;
      s.optimizer = protocol::Optimizer(o);
      s.lr = kDefaultLr[o];
      racers.push_back(s);
    }
    return racers;
  }
  const RaceSetting& r = setting_of(kind);
  const char* p = values.c_str();
  while (*p) {
    while (*p == ' ' || *p == ',' || *p == ';' || *p == '\t') ++p;
    if (!*p) break;
    const char* start = p;
    while (*p && *p != ' ' && *p != ',' && *p != ';' && *p != '\t') ++p;
    const std::string word(start, size_t(p - start));
    char* end = nullptr;
    const double v = std::strtod(word.c_str(), &end);
    if (end != word.c_str() + word.size() || !std::isfinite(v))
      return make_error(trf("'%s' is not a number: list the values of %s, such as %s", word.c_str(), tr(r.label), r.values));
    const double lo = r.range.lo, hi = r.range.hi;
    if (r.whole && (v < lo || v > hi || v != std::floor(v)))
      return make_error(trf("%s %s is not a whole number in %g..%g", tr(r.label), word.c_str(), lo, hi));
    if (v < lo || v > hi) return make_error(trf("%s %s is not in %g..%g", tr(r.label), word.c_str(), lo, hi));
    if (int(racers.size()) == kMaxRacers) return make_error(trf("at most %d values: one run each", kMaxRacers));
    protocol::TrainSettings s = base;
    set_value(s, kind, v);
    racers.push_back(s);
  }
  if (racers.size() < 2) return make_error(trf("list two or more values of %s to race, such as %s", tr(r.label), r.values));
  return racers;
}

}  // namespace cnn::ui
