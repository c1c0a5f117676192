#include "model/model.h"

#include <algorithm>
#include <cassert>

#include "layers/activation/activation.h"
#include "layers/batchnorm/batchnorm.h"
#include "layers/conv2d/conv2d.h"
#include "layers/dense/dense.h"
#include "layers/dropout/dropout.h"
#include "layers/flatten/flatten.h"
#include "layers/pool2d/pool2d.h"
#include "model/memory.h"

namespace cnn {
namespace {

std::unique_ptr<Layer> make_layer(const LayerSpec& spec, Shape3 in, Shape3 out) {
  switch (spec.kind) {
    case LayerKind::kConv2D: return std::make_unique<Conv2D>(spec, in, out);
    case LayerKind::kMaxPool2D: return std::make_unique<MaxPool2D>(spec, in, out);
    case LayerKind::kAvgPool2D: return std::make_unique<AvgPool2D>(spec, in, out);
    case LayerKind::kDense: return std::make_unique<Dense>(spec, in, out);
    case LayerKind::kFlatten: return std::make_unique<Flatten>(spec, in, out);
    case LayerKind::kDropout: return std::make_unique<Dropout>(spec, in, out);
    case LayerKind::kBatchNorm: return std::make_unique<BatchNorm>(spec, in, out);
    default: return std::make_unique<Activation>(spec, in, out);
  }
}

// kAuto: He for a layer followed by a ReLU-like activation (possibly after batch norm),
// Glorot otherwise (tanh, sigmoid, the final logits).
InitScheme resolve_init(const ModelSpec& spec, size_t i, InitScheme requested) {
  if (requested != InitScheme::kAuto) return requested;
  for (size_t j = i + 1; j < spec.layers.size(); ++j) {
    LayerKind k = spec.layers[j].kind;
    if (k == LayerKind::kBatchNorm) continue;
    return (k == LayerKind::kReLU || k == LayerKind::kLeakyReLU) ? InitScheme::kHe : InitScheme::kGlorot;
  }
  return InitScheme::kGlorot;
}

// Weight memory above this is refused at build time: summaries of VGG-16 are fine, a
// 500 MB allocation in a browser tab is not.
constexpr int64_t kMaxBuildParams = 64 * 1000 * 1000;

// The layers summarize() counts but this engine cannot run yet.
Status check_buildable(const std::vector<LayerSpec>& layers) {
  for (const LayerSpec& l : layers) {
    const bool padded_pool = (l.kind == LayerKind::kMaxPool2D || l.kind == LayerKind::kAvgPool2D) && (l.pad_h || l.pad_w);
    const bool new_kind = l.kind == LayerKind::kDepthwiseConv2D || l.kind == LayerKind::kGlobalAvgPool ||
                          l.kind == LayerKind::kZeroPad || l.kind == LayerKind::kReLU6 || is_block(l.kind) ||
                          (l.kind == LayerKind::kBatchNorm && !l.scale);
    if (padded_pool || new_kind)
      return make_error("'" + layer_text(l) + "' can be summarized but not yet trained by this engine");
  }
  return ok_status();
}

}  // namespace

Expected<Model> Model::build(std::string_view spec_text, uint64_t seed, InitScheme init) {
  Expected<ModelSpec> spec = parse_spec(spec_text);
  if (!spec) return make_error(spec.error());
  return build(*spec, seed, init);
}

Expected<Model> Model::build(const ModelSpec& spec, uint64_t seed, InitScheme init) {
  Expected<Summary> summary = summarize(spec);
  if (!summary) return make_error(summary.error());
  Status buildable = check_buildable(spec.layers);
  if (!buildable) return make_error(buildable.error());
  if (summary->params > kMaxBuildParams)
    return make_error("model has " + std::to_string(summary->params) + " parameters; this engine trains up to " +
                      std::to_string(kMaxBuildParams) + " (summaries of larger networks still work)");
  // Before any allocation: what one sample needs (model/memory.h). Training checks its batch.
  Status fits = check_memory(spec, MemoryUse{}, "the model");
  if (!fits) return make_error(fits.error());
  Model model;
  model.spec_ = spec;
  model.dropout_rng_ = std::make_unique<Rng>(seed, RngStream::kDropout);
  Shape3 shape = spec.input;
  for (const LayerSpec& l : spec.layers) {
    Shape3 out = *layer_output_shape(l, shape);
    model.layers_.push_back(make_layer(l, shape, out));
    model.layers_.back()->set_dropout_rng(model.dropout_rng_.get());
    shape = out;
  }
  model.acts_.resize(model.layers_.size() + 1);
  model.dacts_.resize(model.layers_.size() + 1);
  model.init(seed, init);
  return model;
}

void Model::init(uint64_t seed, InitScheme init) {
  Rng rng(seed, RngStream::kInit);
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->init(rng, resolve_init(spec_, i, init));
  dropout_rng_->reseed(seed, RngStream::kDropout);
}

const Tensor& Model::forward(const Tensor& x, Mode mode) {
  acts_[0].resize(x.n(), x.shape());
  std::copy(x.data(), x.data() + x.size(), acts_[0].data());
  for (size_t i = 0; i < layers_.size(); ++i) layers_[i]->forward(acts_[i], acts_[i + 1], mode);
  return acts_.back();
}

LossStats Model::forward_backward(const Tensor& x, const int32_t* labels) {
  const Tensor& logits = forward(x, Mode::kTraining);
  Tensor& dlogits = dacts_.back();
  dlogits.resize(logits.n(), logits.shape());
  LossStats stats = f32_softmax_xent__scalar(logits.n(), classes(), logits.data(), labels, nullptr, dlogits.data());
  for (size_t i = layers_.size(); i-- > 0;) {
    Tensor* dx = i > 0 ? &dacts_[i] : nullptr;  // nobody needs the input's gradient
    layers_[i]->backward(acts_[i], acts_[i + 1], dacts_[i + 1], dx);
  }
  return stats;
}

void Model::predict(const Tensor& x, Tensor& probs) {
  const Tensor& logits = forward(x, Mode::kInference);
  probs.resize(logits.n(), logits.shape());
  f32_softmax__scalar(logits.n(), classes(), logits.data(), probs.data());
}

std::vector<ParamRef> Model::params() {
  std::vector<ParamRef> all;
  for (auto& l : layers_)
    for (const ParamRef& p : l->params()) all.push_back(p);
  return all;
}

std::vector<Tensor*> Model::buffers() {
  std::vector<Tensor*> all;
  for (auto& l : layers_)
    for (Tensor* t : l->buffers()) all.push_back(t);
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
