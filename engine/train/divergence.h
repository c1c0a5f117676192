// DivergenceWatch: tells a run that has blown up from one that is merely learning slowly.
//
// A run has diverged when any of these holds (checked after every batch, before its update):
//   1. the batch loss, or any gradient, is NaN or infinite;
//   2. the mean loss of the last kWindow batches is above kBlowUpFactor x ln(classes), or one
//      batch's loss is above kSpikeFactor x ln(classes). A network that guesses uniformly scores
//      ln(classes) (2.30 for 10 classes); losses many times that mean confident wrong answers,
//      which gradient descent reaches only by overshooting (SGD at learning rate 10 on LeNet-5:
//      1.2 million; with momentum 1.5e26, still finite, so rule 1 alone never fires);
//   3. the run started from a model that was clearly better than chance (its first batch,
//      scored before any update, above kGoodFactor / classes) and the last kWindow batches
//      are back at chance (mean accuracy at most kChanceFactor / classes): the weights
//      collapsed (dead ReLUs, a constant answer) although the loss may stay finite and small.
// A slow run from a fresh initialisation (accuracy at chance from the start) is not divergence.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cnn {

class DivergenceWatch {
 public:
  static constexpr int kWindow = 20;
  static constexpr double kBlowUpFactor = 3.0;
  static constexpr double kSpikeFactor = 100.0;
  static constexpr double kGoodFactor = 3.0;
  static constexpr double kChanceFactor = 1.5;

  explicit DivergenceWatch(int classes);

  // One batch: its mean loss and accuracy (correct / count). Returns "" while healthy, else
  // what went wrong in plain words ("the loss rose to 1.2e+06 ...") and stays tripped.
  std::string observe(double loss, double accuracy);
  bool diverged() const { return !reason_.empty(); }
  const std::string& reason() const { return reason_; }

 private:
  double chance_loss_;     // ln(classes)
  double chance_accuracy_; // 1 / classes
  double first_accuracy_ = -1;  // the first batch's, before any update
  std::vector<double> losses_, accuracies_;  // the last kWindow batches (a ring)
  int64_t seen_ = 0;
  std::string reason_;
};

// "1.5e+26" for huge or tiny values, "52311" or "2.31" otherwise: numbers that never break a
// message.
std::string compact_number(double value);

}  // namespace cnn
