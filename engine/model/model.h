// Model: a sequence of layers built from a ModelSpec, with every activation kept.
//
// The model owns its activations so that teaching views can read any layer's output for
// the last forward pass (activation(0) is the input, activation(i + 1) the output of
// top-level layer i; a block's paths keep theirs, layers/block/block.h). Buffers grow to the largest batch seen and are then reused: a training step
// allocates nothing after the first batch.
//
// The network always ends in logits; probabilities come from predict() and the loss from
// train_step(), both through the numerically safe softmax in loss/softmax_xent.h.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "layers/block/sequence.h"
#include "layers/layer.h"
#include "loss/softmax_xent.h"
#include "model/spec.h"
#include "util/expected.h"
#include "util/rng.h"

namespace cnn {

// Weights above this are refused at build time: summaries of VGG-16 are fine, a 500 MB
// allocation in a browser tab is not.
constexpr int64_t kMaxBuildParams = 64 * 1000 * 1000;

class Model {
 public:
  // Builds the layers and initialises the weights from `seed` (He or Glorot per `init`).
  static Expected<Model> build(const ModelSpec& spec, uint64_t seed, InitScheme init = InitScheme::kAuto);
  static Expected<Model> build(std::string_view spec_text, uint64_t seed, InitScheme init = InitScheme::kAuto);
  // What build refuses beyond a spec's own errors: more than kMaxBuildParams weights, or more
  // memory for one sample than the budget (model/memory.h). Nothing is allocated.
  static Status check_buildable(const ModelSpec& spec, const Summary& summary);

  Model(Model&&) = default;
  Model& operator=(Model&&) = default;

  const ModelSpec& spec() const { return spec_; }
  std::string spec_text() const { return to_text(spec_); }
  Shape3 input_shape() const { return spec_.input; }
  int classes() const { return int(layers_.layer(layers_.size() - 1).out_shape().size()); }
  int layer_count() const { return layers_.size(); }
  Layer& layer(int i) { return layers_.layer(i); }
  const Layer& layer(int i) const { return layers_.layer(i); }

  // Re-draws all weights and restarts the dropout stream, as a fresh build would.
  void init(uint64_t seed, InitScheme init = InitScheme::kAuto);

  // x: [N][input_shape]. Returns the logits [N][classes].
  const Tensor& forward(const Tensor& x, Mode mode);
  const Tensor& activation(int i) const { return i == 0 ? input_ : layers_.output(i - 1); }

  // Forward in training mode, softmax cross-entropy against labels, backward: fills every
  // parameter's gradient, and the loss's gradient with respect to x when `dx` is given (the
  // trainer never needs it; tests compare it with PyTorch's). Returns the batch's mean loss
  // and correct count.
  LossStats forward_backward(const Tensor& x, const int32_t* labels, Tensor* dx = nullptr);

  // Inference-mode forward; probs is resized to [N][classes].
  void predict(const Tensor& x, Tensor& probs);

  std::vector<ParamRef> params();
  std::vector<Tensor*> buffers();  // non-trainable state (batch-norm running statistics)
  int64_t param_count();           // trainable + non-trainable

  // Every parameter and buffer value, in params() then buffers() order: what a run that
  // went wrong is rolled back to (EngineHost keeps the weights from before the run and
  // after its last healthy epoch). restore_weights() takes only a copy of this model's.
  using Weights = std::vector<AlignedFloats>;
  Weights copy_weights();
  void restore_weights(const Weights& weights);

 private:
  Model() = default;
  ModelSpec spec_;
  LayerSequence layers_;
  Tensor input_;    // the last forward's input (activation(0))
  Tensor dlogits_;
  Tensor probs_;
  std::unique_ptr<Rng> dropout_rng_;  // behind a pointer: layers keep its address across moves
};

}  // namespace cnn
