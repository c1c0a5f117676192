// One line of spec text as the layer list edits it: the kinds whose settings the list offers as
// fields (conv, dwconv, maxpool, avgpool, dense, dropout), read from their words and written
// back in the engine's own order (engine/model/spec.h). Any other line (input, flatten,
// batchnorm, an activation, a residual or parallel block, a line with something this reader
// does not know) is kept as its text, to be edited as text. The engine still checks every
// line: this only moves words.
//
//   LayerLine l = read_layer_line("conv 6 5x5 same relu");   // kConv, count 6, kernel 5, ...
//   l.stride = 2;  layer_line_text(l) == "conv 6 5x5 stride 2 same relu"
#pragma once

#include <string>
#include <vector>

namespace cnn::ui {

enum class LayerKind { kConv, kDwconv, kMaxpool, kAvgpool, kDense, kDropout, kText };

// The activations a layer may end in, as the spec writes them; index 0 is none.
constexpr const char* kLayerActivations[] = {"none", "relu", "relu6", "tanh", "sigmoid", "leakyrelu"};
constexpr int kLayerActivationCount = 6;

struct LayerLine {
  LayerKind kind = LayerKind::kText;
  int count = 0;        // conv's filters, dense's units
  int kernel = 0;       // K of conv's and dwconv's KxK, and of a pool's window
  int stride = 0;       // 0: not written (1 for a convolution, the window for a pool)
  int padding = 0;      // 0: not written (valid), 1: valid, 2: same, 3: pad `pad`
  int pad = 0;
  int activation = 0;   // index into kLayerActivations
  bool nobias = false;
  float rate = 0;       // dropout's
  std::string text;     // kText: the line as it was written
};

LayerLine read_layer_line(const std::string& line);
std::string layer_line_text(const LayerLine& line);
// The stride the layer has when none is written.
int default_stride(const LayerLine& line);

// The text's lines, and the text of lines (joined by '\n').
std::vector<std::string> split_lines(const std::string& text);
std::string join_lines(const std::vector<std::string>& lines);

}  // namespace cnn::ui
