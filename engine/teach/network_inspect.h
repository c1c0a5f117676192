// Network inspection: what every spec statement of a model made of one input.
//
// Runs Model::predict (inference mode: batch norm uses its running statistics, dropout
// passes through) and reads the activations the model keeps. One view per statement, as
// the summary has one row per statement: "conv 6 5x5 same relu" is two engine layers (the
// conv and its ReLU), and its view shows the output after the ReLU. A residual or parallel
// block gives the views of each path's statements (one level deeper, as its summary rows),
// then its own view: the sum or the stacked channels, after its activation if it has one.
//
// The engine's softmax layer passes logits through (the softmax is fused into the loss and
// into predict()); a statement ending in softmax shows the probabilities instead, as its
// text promises. A network ending in a plain "dense 10" (LeNet-5) shows logits there.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"
#include "teach/planes.h"
#include "teach/receptive_field.h"
#include "util/expected.h"

namespace cnn::teach {

struct StatementView {
  std::string name;        // Keras' layer type: conv2d, max_pooling2d, dense, ...
  std::string text;        // the statement: "conv 6 5x5 same relu"
  Planes output;           // c x h x w; flatten and dense: c values, h = w = 1
  ReceptiveField field;    // of each output pixel, in input pixels (receptive_field.h)
  Planes kernels;          // conv: (out * in) x kh x kw, plane o * in + i = weight[o][i]; else 1x0x0
  int kernel_inputs = 0;   // conv: `in` above; 0 for every other statement
  std::vector<float> biases;  // conv: one per filter; dense: one per unit; else empty
  int depth = 0, path = 0;    // as the summary row (model/spec.h)
  bool block = false;
};

struct NetworkView {
  std::vector<StatementView> layers;
  std::vector<float> probs;  // Model::predict's, one per class
};

// `input` is one sample of model.input_shape(), CHW. Overwrites the model's activations
// (a training step recomputes them, so this is safe between two batches).
Expected<NetworkView> inspect_network(Model& model, const std::vector<float>& input);

}  // namespace cnn::teach
