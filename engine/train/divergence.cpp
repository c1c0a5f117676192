#include "train/divergence.h"

#include <cmath>
#include <cstdio>

namespace cnn {

DivergenceWatch::DivergenceWatch(int classes)
    : chance_loss_(std::log(double(classes > 1 ? classes : 2))),
      chance_accuracy_(1.0 / (classes > 1 ? classes : 2)),
      losses_(kWindow, 0.0),
      accuracies_(kWindow, 0.0) {}

std::string compact_number(double v) {
  char buf[32];
  if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "infinity" : "-infinity");
  const double a = std::fabs(v);
  if (a != 0 && (a >= 1e6 || a < 1e-3)) std::snprintf(buf, sizeof buf, "%.2g", v);
  else if (a >= 100) std::snprintf(buf, sizeof buf, "%.0f", v);  // 52311, not 5.23e+04
  else std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string DivergenceWatch::observe(double loss, double accuracy) {
  if (diverged()) return reason_;
  if (!std::isfinite(loss)) {
    reason_ = "the loss became " + compact_number(loss);
    return reason_;
  }
  if (seen_ == 0) first_accuracy_ = accuracy;
  losses_[size_t(seen_ % kWindow)] = loss;
  accuracies_[size_t(seen_ % kWindow)] = accuracy;
  ++seen_;
  const std::string chance = "a network that guesses at random scores " + compact_number(chance_loss_);
  if (loss > kSpikeFactor * chance_loss_) {
    reason_ = "the loss jumped to " + compact_number(loss) + " (" + chance + ")";
    return reason_;
  }
  if (seen_ < kWindow) return "";
  double mean_loss = 0, mean_accuracy = 0;
  for (int i = 0; i < kWindow; ++i) mean_loss += losses_[size_t(i)], mean_accuracy += accuracies_[size_t(i)];
  mean_loss /= kWindow;
  mean_accuracy /= kWindow;
  if (mean_loss > kBlowUpFactor * chance_loss_) {
    reason_ = "the loss rose to " + compact_number(mean_loss) + " over the last " + std::to_string(kWindow) +
              " batches (" + chance + ")";
  } else if (first_accuracy_ > kGoodFactor * chance_accuracy_ && mean_accuracy <= kChanceFactor * chance_accuracy_) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "the accuracy fell from %.0f%% to %.0f%% over the last %d batches, the level of guessing",
                  first_accuracy_ * 100, mean_accuracy * 100, kWindow);
    reason_ = buf;
  }
  return reason_;
}

}  // namespace cnn
