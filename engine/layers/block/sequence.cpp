#include "layers/block/sequence.h"

#include <algorithm>

#include "layers/block/block.h"
#include "layers/make_layer.h"

namespace cnn {
namespace {

bool relu_like(LayerKind k) { return k == LayerKind::kReLU || k == LayerKind::kLeakyReLU || k == LayerKind::kReLU6; }

InitScheme resolve_init(const std::vector<LayerSpec>& specs, size_t i, InitScheme requested, InitScheme at_end) {
  if (requested != InitScheme::kAuto) return requested;
  for (size_t j = i + 1; j < specs.size(); ++j) {
    const LayerKind k = specs[j].kind;
    if (k == LayerKind::kBatchNorm) continue;
    return relu_like(k) ? InitScheme::kHe : InitScheme::kGlorot;
  }
  return at_end;
}

}  // namespace

LayerSequence::LayerSequence(const std::vector<LayerSpec>& specs, Shape3 in) : specs_(specs) {
  Shape3 shape = in;
  for (const LayerSpec& l : specs) {
    const Shape3 out = *layer_output_shape(l, shape);
    layers_.push_back(make_layer(l, shape, out));
    shape = out;
  }
  outs_.resize(layers_.size());
  douts_.resize(layers_.size());
}

const Tensor& LayerSequence::forward(const Tensor& x, Mode mode) {
  const Tensor* in = &x;
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->forward(*in, outs_[i], mode);
    in = &outs_[i];
  }
  return *in;
}

void LayerSequence::backward(const Tensor& x, const Tensor& dy, Tensor* dx) {
  if (layers_.empty()) {
    if (dx) {
      dx->resize(dy.n(), dy.shape());
      std::copy(dy.data(), dy.data() + dy.size(), dx->data());
    }
    return;
  }
  for (size_t i = layers_.size(); i-- > 0;) {
    const Tensor& in = i > 0 ? outs_[i - 1] : x;
    const Tensor& grad = i + 1 < layers_.size() ? douts_[i] : dy;
    Tensor* din = i > 0 ? &douts_[i - 1] : dx;
    layers_[i]->backward(in, outs_[i], grad, din);
  }
}

void LayerSequence::init(Rng& rng, InitScheme requested, InitScheme at_end) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    const InitScheme scheme = resolve_init(specs_, i, requested, at_end);
    if (is_block(specs_[i].kind)) static_cast<Block&>(*layers_[i]).init_paths(rng, requested, scheme);
    else layers_[i]->init(rng, scheme);
  }
}

void LayerSequence::set_dropout_rng(Rng* rng) {
  for (auto& l : layers_) l->set_dropout_rng(rng);
}

void LayerSequence::params(std::vector<ParamRef>* out) {
  for (auto& l : layers_)
    for (const ParamRef& p : l->params()) out->push_back(p);
}

void LayerSequence::buffers(std::vector<Tensor*>* out) {
  for (auto& l : layers_)
    for (Tensor* t : l->buffers()) out->push_back(t);
}

}  // namespace cnn
