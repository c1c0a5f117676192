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
  Status augment = validate(c.augment);
  if (!augment) return augment;
  return validate(c.schedule);
}

Trainer::Trainer(Model& model, const Dataset& train, const TrainConfig& config)
    : model_(model),
      train_(train),
      config_(config),
      optimizer_(config.optimizer, model.params()),
      batches_(train, config.seed, config.augment),
      watch_(model.classes()) {
  labels_.resize(size_t(config.batch));
  batches_.shuffle();
}

Expected<BatchResult> Trainer::train_batch() {
  if (finished()) return make_error("training already finished all " + std::to_string(config_.epochs) + " epochs");
  if (diverged()) return make_error(divergence_);
  const int n = std::min(config_.batch, train_.count - position_);
  batches_.gather(position_, n, x_, labels_.data());
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
  grad_norms_.clear();
  for (const ParamRef& p : model_.params()) {
    if (!p.decays) continue;
    double sum = 0;
    const float* g = p.grad->data();
    for (int64_t i = 0, size = p.grad->size(); i < size; ++i) sum += double(g[i]) * g[i];
    grad_norms_.push_back(float(std::sqrt(sum)));
  }
  optimizer_.step(current_lr());
  position_ += n;
  if (position_ >= train_.count) {
    ++epoch_;
    position_ = 0;
    if (!finished()) batches_.shuffle();
  }
  return BatchResult{stats.loss, stats.correct, stats.count};
}

void EvalTally::add(const float* logits, const int32_t* labels, int n) {
  LossStats s = f32_softmax_xent__scalar(n, classes_, logits, labels, nullptr, nullptr);
  loss_sum_ += s.loss * n;
  correct_ += s.correct;
  count_ += n;
  for (int i = 0; i < n; ++i) {
    const float* z = logits + size_t(i) * size_t(classes_);
    int best = 0;
    for (int k = 1; k < classes_; ++k)
      if (z[k] > z[best]) best = k;
    ++confusion_[size_t(labels[i]) * size_t(classes_) + size_t(best)];
  }
}

EvalResult EvalTally::result() const {
  EvalResult r;
  r.correct = correct_;
  r.count = count_;
  r.loss = count_ ? loss_sum_ / count_ : 0.0;
  r.accuracy = count_ ? double(correct_) / count_ : 0.0;
  r.confusion = confusion_;
  return r;
}

EvalResult evaluate(Model& model, const Dataset& data, int batch) {
  EvalTally tally(model.classes());
  Tensor x;
  std::vector<int32_t> labels(static_cast<size_t>(batch));
  for (int first = 0; first < data.count; first += batch) {
    const int n = std::min(batch, data.count - first);
    data.slice(first, n, x, labels.data());
    tally.add(model.forward(x, Mode::kInference).data(), labels.data(), n);
  }
  return tally.result();
}

}  // namespace cnn
