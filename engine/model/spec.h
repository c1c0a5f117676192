// Model specification: the text form of a network, one format for the CLI, the UI,
// model files and shareable URLs.
//
//   input 28x28x1; conv 6 5x5 same relu; maxpool 2; conv 16 5x5 valid relu; maxpool 2;
//   flatten; dense 120 relu; dense 84 relu; dense 10
//
// Statements are separated by ';' or newlines, words by spaces:
//   input HxWxC | HxW               (default 28x28x1; only as the first statement)
//   conv F KxK [stride S] [valid | same | pad P | pad PHxPW] [nobias] [ACT]   (K alone: KxK)
//   dwconv KxK [stride S] [valid | same | pad P | pad PHxPW] [nobias] [ACT]   (depthwise:
//                                   one kernel per input channel, C in, C out)
//   maxpool K [stride S] [valid | same | pad P]   avgpool K [...]   (stride defaults to K)
//   globalavgpool                   (HxWxC -> 1x1xC, the mean of each channel)
//   zeropad P | zeropad T B L R     (zero rows and columns: top, bottom, left, right)
//   dense N [ACT]    flatten    dropout RATE    batchnorm [noscale]
//   rescale S                       (every value times S, as Keras' Rescaling: 'rescale 255'
//                                   first gives the network pixels of 0..255, as note 003 trains)
//   relu | relu6 | leakyrelu [ALPHA] | tanh | sigmoid | softmax   (also a layer of its own);
//   linear (no activation) only as a suffix
// ACT written after conv/dwconv/dense/a block is a separate layer in the engine, shown on
// the same row of the summary, as Keras does with `activation=`. `softmax` may only end the
// network: the engine always trains on logits with softmax fused into the cross-entropy.
//
// Blocks keep a whole network on one line; they nest, and inside them ';' separates
// statements and '|' separates paths:
//   residual(MAIN) [ACT]             y = MAIN(x) + x            (identity shortcut)
//   residual(MAIN | SHORTCUT) [ACT]  y = MAIN(x) + SHORTCUT(x)  (projection shortcut)
//   parallel(B1 | B2 | ...)          the branches' outputs stacked along channels
// e.g. ResNet's identity block and a small Inception module:
//   residual(conv 64 3x3 same nobias; batchnorm; relu; conv 64 3x3 same nobias; batchnorm) relu
//   parallel(conv 8 1x1 relu | conv 8 1x1 relu; conv 16 3x3 same relu | maxpool 3 stride 1 same; conv 8 1x1)
//
// Output size of conv and pool, per axis: floor((n + 2p - f) / s) + 1. `same` pads
// p = (f - 1) / 2 on each axis, so it needs an odd kernel (1x7 same pads 0x3); with stride 1
// the size is kept, with stride s it becomes ceil(n / s). Padded pooling windows never pick
// padding: max ignores it, the average is over the window's cells inside the image (as
// Keras' padding="same" and PyTorch's count_include_pad=False).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tensor/tensor.h"
#include "util/count.h"
#include "util/expected.h"

namespace cnn {

// The longest spec text (as to_text writes it) a model file stores; parse_spec refuses longer.
constexpr size_t kMaxSpecTextBytes = 64 * 1024;

enum class LayerKind {
  kConv2D,
  kMaxPool2D,
  kAvgPool2D,
  kDense,
  kFlatten,
  kReLU,
  kLeakyReLU,
  kTanh,
  kSigmoid,
  kSoftmax,
  kDropout,
  kBatchNorm,
  kDepthwiseConv2D,
  kGlobalAvgPool,
  kZeroPad,
  kReLU6,
  kResidual,  // branches: {main} or {main, shortcut}; the paths' outputs are added
  kParallel,  // branches: two or more; their outputs are concatenated along channels
  kRescale,   // every value times `rate`
};

enum class Padding { kValid, kSame, kExplicit };

enum class InitScheme { kAuto, kHe, kGlorot };  // kAuto: He before ReLU-like, else Glorot

struct LayerSpec {
  LayerKind kind = LayerKind::kReLU;
  int units = 0;         // conv filters, dense units
  int kh = 0, kw = 0;    // conv kernel, pool window
  int stride = 1;
  Padding padding = Padding::kValid;
  int pad_h = 0, pad_w = 0;  // conv, dwconv, pools: the p used per axis, resolved for kSame
  std::array<int, 4> zero_pad{};  // zeropad: top, bottom, left, right
  float rate = 0.0f;     // dropout rate, leaky-relu alpha, rescale factor
  bool attached = false; // activation written as a suffix of the layer or block before it
  bool bias = true;      // conv, dwconv: false for 'nobias' (Keras use_bias=False)
  bool scale = true;     // batchnorm: false for 'noscale' (Keras scale=False: gamma is 1)
  std::vector<std::vector<LayerSpec>> branches;  // residual and parallel blocks: the paths
  int column = 0;        // 1-based column of the statement in the parsed text (0: built in code)
};

bool is_block(LayerKind kind);

struct ModelSpec {
  Shape3 input{1, 28, 28};
  bool input_written = false;  // keep "input ..." in the text only when the author wrote it
  std::vector<LayerSpec> layers;
};

// Where a parse_spec error points in the text it was given (an editor marks it there).
struct SpecLocation {
  int offset = -1;           // 0-based byte offset of the word or statement named (-1: none,
                             // as for an empty spec or one too long for a model file)
  int line = 0, column = 0;  // 1-based; the column counts characters (UTF-8), not bytes
};

// Parses spec text or a preset name (spec_presets()). Errors name where the problem is (the
// word, or the layer's statement) and what was expected there:
//   "spec column 8 ('5y5'): expected a kernel size such as 5x5"
//   "spec line 3, column 1 (layer 3): dense 10: input 14x14x6 is an image; add 'flatten' ..."
//   "spec column 40 (layer 2 of path 1 of residual(...)): dense 4: ..."
// (the line only when the text has several). A block's own errors (paths that disagree)
// name the block's column. `error_at`, when given, receives the place on failure.
Expected<ModelSpec> parse_spec(std::string_view text, SpecLocation* error_at = nullptr);

// Canonical text: parse_spec(to_text(s)) gives s back.
std::string to_text(const ModelSpec& spec);
// The same with one statement per line, for an editor; a block's paths two spaces deeper:
//   residual(
//     conv 16 3x3 stride 2 same nobias
//     batchnorm
//   | conv 16 1x1 stride 2 valid nobias
//   ) relu
// parse_spec(to_lines(s)) gives s back too.
std::string to_lines(const ModelSpec& spec);
std::string layer_text(const LayerSpec& layer);

// Names of the built-in presets and their text.
const std::vector<std::pair<std::string, std::string>>& spec_presets();
std::string preset_names();  // "lenet5, alexnet, ..." for messages
// The preset `text` names, spaces around it ignored ("" when it is spec text or unknown).
std::string preset_name(std::string_view text);

// What parse_spec checks after the grammar: softmax only at the end, the text fits a model
// file, every shape works out (errors name the layer, or the block's column and path).
Status check_spec(const ModelSpec& spec);

// The one place where a layer's output shape is computed. Errors are clear sentences,
// e.g. "conv 16 5x5 valid: input 3x3x6 is smaller than the 5x5 kernel (output would be -1x-1)".
Expected<Shape3> layer_output_shape(const LayerSpec& layer, Shape3 in);
Expected<Shape3> sequence_output_shape(const std::vector<LayerSpec>& layers, Shape3 in);

// floor((n + 2p - f) / s) + 1, or <= 0 when the window does not fit.
int conv_output_size(int n, int f, int pad, int stride);

// Overflow-checked (util/count.h): summarize() refuses a spec whose counts overflow. A
// block's counts are its paths' sums. MACs count multiplications only, as the course
// notes do: the adds of a residual block, global average pooling and average pooling are 0.
Count layer_trainable_params(const LayerSpec& layer, Shape3 in);
Count layer_nontrainable_params(const LayerSpec& layer, Shape3 in);
Count layer_macs(const LayerSpec& layer, Shape3 in, Shape3 out);

// One row per Keras layer (activations written as suffixes fold into their row). A block
// gives its paths' rows, one level deeper, then its own row (Keras' add or concatenate)
// with its output and the paths' totals.
struct SummaryRow {
  std::string name;    // Keras' layer type: conv2d, max_pooling2d, dense, add, ...
  std::string text;    // the spec statement: "conv 6 5x5 same relu"; a block: "residual(...) relu"
  Shape3 output;
  int64_t params = 0;  // trainable + non-trainable; a block's row: all of its paths'
  int64_t macs = 0;
  int depth = 0;       // 0 at the top level, 1 inside a block, ...
  int path = 0;        // which path of the enclosing block (0: main or first branch)
  bool block = false;  // the row that closes a block
};

struct Summary {
  Shape3 input;
  std::vector<SummaryRow> rows;
  int64_t params = 0, trainable = 0, nontrainable = 0, macs = 0;
};

// Works from the spec alone: VGG-16's 138M parameters are counted, never allocated.
Expected<Summary> summarize(const ModelSpec& spec);
std::string summary_table(const Summary& summary);  // fixed-width text, like Keras
std::string with_commas(int64_t v);                 // 102,764,544: counts as Keras prints them
std::string summary_json(const Summary& summary);

}  // namespace cnn
