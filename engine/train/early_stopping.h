// EarlyStopping: ends a run once the test loss has not fallen for `patience` epochs, and keeps
// the weights of the epoch where it was lowest, so the model a run leaves is its best one, not
// its last (Keras' EarlyStopping with restore_best_weights, on the test loss).
#pragma once

#include <cstdint>
#include <string>

#include "model/model.h"

namespace cnn {

class EarlyStopping {
 public:
  explicit EarlyStopping(int patience) : patience_(patience) {}  // 1..100

  // After epoch `epoch` (1-based): a lower test loss than any before it keeps this epoch's
  // weights (`samples`: those the model has learned from so far). A NaN or infinite loss is
  // never lower. Returns true when the run should stop now: `patience` epochs since the best.
  bool observe(int epoch, double test_loss, Model& model, int64_t samples);

  int best_epoch() const { return best_epoch_; }  // 0 before the first finite loss
  double best_loss() const { return best_loss_; }
  int64_t best_samples() const { return best_samples_; }
  const Model::Weights& best_weights() const { return best_weights_; }
  // Whether the model holds other weights than the best (an epoch after it has ended).
  bool past_best(int epoch) const { return best_epoch_ > 0 && epoch > best_epoch_; }
  // "Stopped early after epoch 7: the test loss has not fallen below epoch 4's 0.0312 for 3
  // epochs." (`stopped`), or "The test loss was lowest after epoch 4 (0.0312)."; then
  // " The model has epoch 4's weights."
  std::string message(int epoch, bool stopped) const;

 private:
  int patience_;
  int best_epoch_ = 0;
  double best_loss_ = 0;
  int64_t best_samples_ = 0;
  Model::Weights best_weights_;
};

}  // namespace cnn
