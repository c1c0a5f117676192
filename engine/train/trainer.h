// Trainer: mini-batch training of a Model on a Dataset, one batch at a time.
//
// Stepping per batch (rather than per epoch) is what lets the UI pause, resume and step a
// single batch, and show progress between batches. The batches come from a BatchSource
// (the epoch's order and the augmentation drawn from the seed), so a run is reproducible
// bit for bit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/augment.h"
#include "data/dataset.h"
#include "model/model.h"
#include "optim/optimizer.h"
#include "train/batch_source.h"
#include "train/divergence.h"
#include "util/expected.h"
#include "util/rng.h"

namespace cnn {

struct TrainConfig {
  int epochs = 1;
  int batch = 32;
  OptimizerConfig optimizer;  // Adam, lr 1e-3
  LrSchedule schedule;        // constant
  uint64_t seed = 1;
  AugmentConfig augment;      // none
};

// "batch size 0 is not in 1..60000"; checked before any training starts.
Status validate(const TrainConfig& config, int dataset_count);

struct BatchResult {
  double loss = 0.0;
  int correct = 0, count = 0;
};

class Trainer {
 public:
  // The model and dataset must outlive the trainer. The config must be valid.
  Trainer(Model& model, const Dataset& train, const TrainConfig& config);

  // Trains on the next batch. A diverged run (train/divergence.h: a non-finite loss or
  // gradient, a loss far above chance, a collapse to chance accuracy) is an error, the
  // weights are left as they were before the batch (the update is skipped) and every later
  // call repeats the error; the message says what happened and which learning rate to try.
  Expected<BatchResult> train_batch();
  bool diverged() const { return !divergence_.empty(); }
  // The L2 norm of each weight tensor's loss gradient in the last batch (Model::params() order,
  // the weights only: kernels and dense matrices, no biases or batch-norm parameters), before
  // the optimizer's step and its weight decay: how much each layer is being taught (a plain
  // deep stack's first layers get next to nothing; a residual one's do not).
  const std::vector<float>& grad_norms() const { return grad_norms_; }

  bool finished() const { return epoch_ >= config_.epochs; }
  int epoch() const { return epoch_; }                   // 0-based, the epoch in progress
  int position() const { return position_; }             // samples done in this epoch
  int batches_per_epoch() const { return (train_.count + config_.batch - 1) / config_.batch; }
  float current_lr() const { return config_.schedule.lr_at(config_.optimizer.lr, epoch_); }
  const TrainConfig& config() const { return config_; }

 private:
  Model& model_;
  const Dataset& train_;
  TrainConfig config_;
  Optimizer optimizer_;
  BatchSource batches_;
  std::vector<int32_t> labels_;
  Tensor x_;
  int epoch_ = 0, position_ = 0;
  DivergenceWatch watch_;
  std::string divergence_;
  std::vector<float> grad_norms_;
};

struct EvalResult {
  double loss = 0.0;
  double accuracy = 0.0;
  int correct = 0, count = 0;
  std::vector<int> confusion;  // [true][predicted], classes x classes
};

// An evaluation added up batch by batch (evaluate() below; the engine host slices it over
// ticks): the mean loss, the correct answers and the confusion matrix, the predicted class
// being the largest logit (ties: the lowest class, as the loss's count of correct answers).
class EvalTally {
 public:
  explicit EvalTally(int classes) : classes_(classes), confusion_(size_t(classes) * size_t(classes), 0) {}
  void add(const float* logits, const int32_t* labels, int n);  // n x classes logits
  EvalResult result() const;

 private:
  int classes_;
  double loss_sum_ = 0.0;
  int correct_ = 0, count_ = 0;
  std::vector<int> confusion_;
};

// Inference-mode pass over the whole dataset in batches.
EvalResult evaluate(Model& model, const Dataset& data, int batch = 500);

}  // namespace cnn
