#include "train/trainer.h"

#include <cmath>
#include <cstdio>

namespace cnn {
namespace {
bool all_finite(const Tensor& t) {
  float sum = 0.0f;  // one NaN or infinity anywhere makes the sum non-finite (or NaN)
  for (int64_t i = 0; i < t.size(); ++i) sum += t[i] * 0.0f;
  return sum == 0.0f;
}
}  // namespace

Status validate(const TrainConfig& c, int dataset_count) {
  if (c.epochs < 1 || c.epochs > 1000) return make_error("epochs " + std::to_string(c.epochs) + " is not in 1..1000");
  if (c.batch < 1 || c.batch > dataset_count)
    return make_error("batch size " + std::to_string(c.batch) + " is not in 1.." + std::to_string(dataset_count));
  Status opt = validate(c.optimizer);
  if (!opt) return opt;
  return validate(c.schedule);
}

Trainer::Trainer(Model& model, const Dataset& train, const TrainConfig& config)
    : model_(model),
      train_(train),
      config_(config),
      optimizer_(config.optimizer, model.params()),
      shuffle_rng_(config.seed, RngStream::kShuffle),
      watch_(model.classes()) {
  order_.resize(size_t(train.count));
  labels_.resize(size_t(config.batch));
  start_epoch();
}

// Fisher-Yates over the identity, from the shuffle stream: epoch e's order depends only
// on the seed and e.
void Trainer::start_epoch() {
  for (int i = 0; i < train_.count; ++i) order_[size_t(i)] = i;
  for (int i = train_.count - 1; i > 0; --i) std::swap(order_[size_t(i)], order_[shuffle_rng_.below(uint32_t(i + 1))]);
  position_ = 0;
}

Expected<BatchResult> Trainer::train_batch() {
  if (finished()) return make_error("training already finished all " + std::to_string(config_.epochs) + " epochs");
  if (diverged()) return make_error(divergence_);
  const int n = std::min(config_.batch, train_.count - position_);
  train_.gather(order_.data() + position_, n, x_, labels_.data());
  LossStats stats = model_.forward_backward(x_, labels_.data());
  std::string why = watch_.observe(stats.loss, n ? double(stats.correct) / n : 0.0);
  for (const ParamRef& p : model_.params()) {
    if (!why.empty()) break;
    if (!all_finite(*p.grad)) why = std::string("a gradient of a layer's ") + p.name + " became NaN or infinite";
  }
  if (!why.empty()) {
    // The update is skipped: the weights stay as they were before this batch.
    char where[96];
    std::snprintf(where, sizeof where, " at epoch %d, sample %d", epoch_ + 1, position_);
    const float lr = current_lr();
    divergence_ = "Training diverged" + std::string(where) + ": " + why +
                  ". The learning rate (" + compact_number(lr) + ") is probably too high: try " +
                  compact_number(lr / 10) + ".";
    return make_error(divergence_);
  }
  optimizer_.step(current_lr());
  position_ += n;
  if (position_ >= train_.count) {
    ++epoch_;
    if (!finished()) start_epoch();
  }
  return BatchResult{stats.loss, stats.correct, stats.count};
}

EvalResult evaluate(Model& model, const Dataset& data, int batch) {
  EvalResult r;
  const int classes = model.classes();
  r.confusion.assign(size_t(classes * classes), 0);
  Tensor x;
  std::vector<int32_t> labels(static_cast<size_t>(batch));
  double loss_sum = 0.0;
  for (int first = 0; first < data.count; first += batch) {
    const int n = std::min(batch, data.count - first);
    data.slice(first, n, x, labels.data());
    const Tensor& logits = model.forward(x, Mode::kInference);
    LossStats s = f32_softmax_xent__scalar(n, classes, logits.data(), labels.data(), nullptr, nullptr);
    loss_sum += s.loss * n;
    r.correct += s.correct;
    for (int i = 0; i < n; ++i) {
      const float* z = logits.data() + i * classes;
      int best = 0;
      for (int k = 1; k < classes; ++k)
        if (z[k] > z[best]) best = k;
      ++r.confusion[size_t(labels[size_t(i)] * classes + best)];
    }
  }
  r.count = data.count;
  r.loss = data.count ? loss_sum / data.count : 0.0;
  r.accuracy = data.count ? double(r.correct) / data.count : 0.0;
  return r;
}

}  // namespace cnn
