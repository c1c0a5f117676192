#include "layers/block/block.h"

#include <cassert>
#include <cstring>

namespace cnn {

Block::Block(const LayerSpec& spec, Shape3 in, Shape3 out) : Layer(spec, in, out) {
  for (const std::vector<LayerSpec>& path : spec.branches) paths_.emplace_back(path, in);
}

void Block::forward(const Tensor& x, Tensor& y, Mode mode) {
  assert(x.shape() == in_);
  const int N = x.n();
  y.resize(N, out_);
  if (spec_.kind == LayerKind::kResidual) {
    const Tensor& main = paths_[0].forward(x, mode);
    const Tensor& shortcut = paths_.size() > 1 ? paths_[1].forward(x, mode) : x;
    for (int64_t i = 0; i < y.size(); ++i) y[i] = main[i] + shortcut[i];
    return;
  }
  const int64_t plane = int64_t(out_.h) * out_.w, out_sample = out_.size();
  int64_t offset = 0;  // floats into a sample of y where this branch's channels start
  for (LayerSequence& path : paths_) {
    const Tensor& b = path.forward(x, mode);
    const int64_t chunk = int64_t(b.shape().c) * plane;
    for (int n = 0; n < N; ++n)
      std::memcpy(y.data() + n * out_sample + offset, b.data() + n * chunk, sizeof(float) * size_t(chunk));
    offset += chunk;
  }
}

void Block::backward(const Tensor& x, const Tensor& /*y*/, const Tensor& dy, Tensor* dx) {
  const int N = x.n();
  if (dx) {
    dx->resize(N, in_);
    dx->zero();
  }
  auto add_into_dx = [&]() {
    for (int64_t i = 0; i < dx->size(); ++i) (*dx)[i] += dx_path_[i];
  };
  if (spec_.kind == LayerKind::kResidual) {
    for (LayerSequence& path : paths_) {
      path.backward(x, dy, dx ? &dx_path_ : nullptr);
      if (dx) add_into_dx();
    }
    if (paths_.size() == 1 && dx)  // the identity shortcut passes dy through
      for (int64_t i = 0; i < dx->size(); ++i) (*dx)[i] += dy[i];
    return;
  }
  const int64_t plane = int64_t(out_.h) * out_.w, out_sample = out_.size();
  int64_t offset = 0;
  for (LayerSequence& path : paths_) {
    const Shape3 shape = path.size() ? path.layer(path.size() - 1).out_shape() : in_;
    const int64_t chunk = int64_t(shape.c) * plane;
    dy_path_.resize(N, shape);
    for (int n = 0; n < N; ++n)
      std::memcpy(dy_path_.data() + n * chunk, dy.data() + n * out_sample + offset, sizeof(float) * size_t(chunk));
    path.backward(x, dy_path_, dx ? &dx_path_ : nullptr);
    if (dx) add_into_dx();
    offset += chunk;
  }
}

void Block::init_paths(Rng& rng, InitScheme requested, InitScheme at_end) {
  for (LayerSequence& path : paths_) path.init(rng, requested, at_end);
}

std::vector<ParamRef> Block::params() {
  std::vector<ParamRef> all;
  for (LayerSequence& path : paths_) path.params(&all);
  return all;
}

std::vector<Tensor*> Block::buffers() {
  std::vector<Tensor*> all;
  for (LayerSequence& path : paths_) path.buffers(&all);
  return all;
}

void Block::set_dropout_rng(Rng* rng) {
  for (LayerSequence& path : paths_) path.set_dropout_rng(rng);
}

}  // namespace cnn
