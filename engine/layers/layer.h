// Layer: the one interface every layer implements.
//
// A layer is built for a fixed per-sample input shape (checked once, at build time,
// by model/spec.cpp) and works on any batch size. It never owns its input or output
// activations: the Model keeps those, so the teaching views can read every one.
//
//   forward(x, y, mode)        x: [N][in], y: [N][out] (resized by the layer)
//   backward(x, y, dy, dx)     dy: [N][out]; writes dx: [N][in] (skipped when null)
//                              and overwrites the parameter gradients with the sum
//                              over the batch (the loss already divides by N).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/spec.h"
#include "tensor/tensor.h"
#include "util/rng.h"

namespace cnn {

enum class Mode { kInference, kTraining };

// A trainable parameter and its gradient. `decays` is true for weights (kernels), false
// for biases and batch-norm scale/shift: L2 weight decay applies to weights only, as with
// a Keras kernel_regularizer.
struct ParamRef {
  const char* name;
  Tensor* value;
  Tensor* grad;
  bool decays;
};

class Layer {
 public:
  Layer(const LayerSpec& spec, Shape3 in, Shape3 out) : spec_(spec), in_(in), out_(out) {}
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  const LayerSpec& spec() const { return spec_; }
  Shape3 in_shape() const { return in_; }
  Shape3 out_shape() const { return out_; }

  virtual void forward(const Tensor& x, Tensor& y, Mode mode) = 0;
  virtual void backward(const Tensor& x, const Tensor& y, const Tensor& dy, Tensor* dx) = 0;

  // Draws initial weights. `rng` is the model's init stream; layers draw in build order.
  virtual void init(Rng& /*rng*/, InitScheme /*scheme*/) {}
  virtual std::vector<ParamRef> params() { return {}; }
  // Non-trainable state stored in model files (batch-norm running statistics).
  virtual std::vector<Tensor*> buffers() { return {}; }
  // Dropout draws its masks from the model's dropout stream.
  virtual void set_dropout_rng(Rng* /*rng*/) {}

 protected:
  LayerSpec spec_;
  Shape3 in_, out_;
};

}  // namespace cnn
