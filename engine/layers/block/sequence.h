// LayerSequence: layers run one after another, each output kept (the model's whole network,
// and each path inside a block).
//
// Buffers grow to the largest batch seen and are then reused. An empty sequence is the
// identity: forward returns its input, backward passes dy through.
#pragma once

#include <memory>
#include <vector>

#include "layers/layer.h"

namespace cnn {

class LayerSequence {
 public:
  LayerSequence() = default;
  LayerSequence(const std::vector<LayerSpec>& specs, Shape3 in);  // shapes checked by parse_spec

  int size() const { return int(layers_.size()); }
  Layer& layer(int i) { return *layers_[size_t(i)]; }
  const Layer& layer(int i) const { return *layers_[size_t(i)]; }
  const Tensor& output(int i) const { return outs_[size_t(i)]; }

  // x must stay alive until backward(): the first layer's backward reads it.
  const Tensor& forward(const Tensor& x, Mode mode);
  // Fills every parameter gradient; writes dx (the gradient of x) unless it is null.
  void backward(const Tensor& x, const Tensor& dy, Tensor* dx);

  // kAuto resolves per layer: He before a ReLU-like activation (batch norm in between is
  // skipped), Glorot otherwise; `at_end` is what a layer with nothing after it in this
  // sequence uses (what follows the block, for a path).
  void init(Rng& rng, InitScheme requested, InitScheme at_end);
  void set_dropout_rng(Rng* rng);
  void params(std::vector<ParamRef>* out);
  void buffers(std::vector<Tensor*>* out);

 private:
  std::vector<LayerSpec> specs_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Tensor> outs_, douts_;
};

}  // namespace cnn
