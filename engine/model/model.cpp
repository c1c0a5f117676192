#include "model/model.h"

#include <algorithm>
#include <cassert>

#include "model/memory.h"

namespace cnn {

Expected<Model> Model::build(std::string_view spec_text, uint64_t seed, InitScheme init) {
  Expected<ModelSpec> spec = parse_spec(spec_text);
  if (!spec) return make_error(spec.error());
  return build(*spec, seed, init);
}

Status Model::check_buildable(const ModelSpec& spec, const Summary& summary) {
  if (summary.params > kMaxBuildParams)
    return make_error("model has " + with_commas(summary.params) + " parameters; this engine trains up to " +
                      with_commas(kMaxBuildParams) + " (summaries of larger networks still work)");
  // What one sample needs (model/memory.h). Training checks its batch.
  return check_memory(spec, MemoryUse{}, "the model");
}

Expected<Model> Model::build(const ModelSpec& spec, uint64_t seed, InitScheme init) {
  Expected<Summary> summary = summarize(spec);
  if (!summary) return make_error(summary.error());
  Status buildable = check_buildable(spec, *summary);
  if (!buildable) return make_error(buildable.error());
  Model model;
  model.spec_ = spec;
  model.dropout_rng_ = std::make_unique<Rng>(seed, RngStream::kDropout);
  model.layers_ = LayerSequence(spec.layers, spec.input);
  model.layers_.set_dropout_rng(model.dropout_rng_.get());
  model.init(seed, init);
  return model;
}

void Model::init(uint64_t seed, InitScheme init) {
  Rng rng(seed, RngStream::kInit);
  layers_.init(rng, init, InitScheme::kGlorot);  // the last layer gives logits: Glorot
  dropout_rng_->reseed(seed, RngStream::kDropout);
}

const Tensor& Model::forward(const Tensor& x, Mode mode) {
  input_.resize(x.n(), x.shape());
  std::copy(x.data(), x.data() + x.size(), input_.data());
  return layers_.forward(input_, mode);
}

LossStats Model::forward_backward(const Tensor& x, const int32_t* labels, Tensor* dx) {
  const Tensor& logits = forward(x, Mode::kTraining);
  dlogits_.resize(logits.n(), logits.shape());
  LossStats stats = f32_softmax_xent__scalar(logits.n(), classes(), logits.data(), labels, nullptr, dlogits_.data());
  layers_.backward(input_, dlogits_, dx);
  return stats;
}

void Model::predict(const Tensor& x, Tensor& probs) {
  const Tensor& logits = forward(x, Mode::kInference);
  probs.resize(logits.n(), logits.shape());
  f32_softmax__scalar(logits.n(), classes(), logits.data(), probs.data());
}

std::vector<ParamRef> Model::params() {
  std::vector<ParamRef> all;
  layers_.params(&all);
  return all;
}

std::vector<Tensor*> Model::buffers() {
  std::vector<Tensor*> all;
  layers_.buffers(&all);
  return all;
}

Model::Weights Model::copy_weights() {
  Weights out;
  auto keep = [&out](const Tensor& t) { out.emplace_back(t.data(), t.data() + t.size()); };
  for (const ParamRef& p : params()) keep(*p.value);
  for (Tensor* t : buffers()) keep(*t);
  return out;
}

void Model::restore_weights(const Weights& weights) {
  size_t i = 0;
  auto put = [&](Tensor& t) {
    assert(i < weights.size() && int64_t(weights[i].size()) == t.size());
    std::copy(weights[i].begin(), weights[i].end(), t.data());
    ++i;
  };
  for (const ParamRef& p : params()) put(*p.value);
  for (Tensor* t : buffers()) put(*t);
  assert(i == weights.size());
}

int64_t Model::param_count() {
  int64_t n = 0;
  for (const ParamRef& p : params()) n += p.value->size();
  for (Tensor* t : buffers()) n += t->size();
  return n;
}

}  // namespace cnn
