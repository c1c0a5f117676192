// Model specification: the text form of a network, one format for the CLI, the UI,
// model files and shareable URLs.
//
//   input 28x28x1; conv 6 5x5 same relu; maxpool 2; conv 16 5x5 valid relu; maxpool 2;
//   flatten; dense 120 relu; dense 84 relu; dense 10
//
// Statements are separated by ';' or newlines, words by spaces:
//   input HxWxC | HxW               (default 28x28x1; only as the first statement)
//   conv F KxK [stride S] [valid | same | pad P] [ACT]     (K alone means KxK)
//   maxpool K [stride S]   avgpool K [stride S]            (stride defaults to K)
//   dense N [ACT]          flatten      dropout RATE       batchnorm
//   relu | leakyrelu [ALPHA] | tanh | sigmoid | softmax    (also as a layer of its own)
// ACT written after conv/dense is a separate layer in the engine, shown on the same row
// of the summary, as Keras does with `activation=`. `softmax` may only end the network:
// the engine always trains on logits with softmax fused into the cross-entropy.
//
// Output size of conv and pool: floor((n + 2p - f) / s) + 1. `same` pads p = (f - 1) / 2,
// so it needs an odd kernel; with stride 1 the size is kept, with stride s it becomes
// ceil(n / s).
#pragma once

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
};

enum class Padding { kValid, kSame, kExplicit };

enum class InitScheme { kAuto, kHe, kGlorot };  // kAuto: He before ReLU-like, else Glorot

struct LayerSpec {
  LayerKind kind = LayerKind::kReLU;
  int units = 0;         // conv filters, dense units
  int kh = 0, kw = 0;    // conv kernel, pool window
  int stride = 1;
  Padding padding = Padding::kValid;
  int pad = 0;           // the p used, resolved for kSame
  float rate = 0.0f;     // dropout rate, leaky-relu alpha
  bool attached = false; // activation written as a suffix of the conv/dense before it
};

struct ModelSpec {
  Shape3 input{1, 28, 28};
  bool input_written = false;  // keep "input ..." in the text only when the author wrote it
  std::vector<LayerSpec> layers;
};

// Parses spec text or a preset name ("lenet5", "alexnet", "vgg16"). Errors name the
// 1-based column and what was expected there:
//   "spec column 14 ('5y5'): expected a kernel size such as 5x5".
Expected<ModelSpec> parse_spec(std::string_view text);

// Canonical text: parse_spec(to_text(s)) gives s back.
std::string to_text(const ModelSpec& spec);
std::string layer_text(const LayerSpec& layer);

// Names of the built-in presets and their text.
const std::vector<std::pair<std::string, std::string>>& spec_presets();

// The one place where a layer's output shape is computed. Errors are clear sentences,
// e.g. "conv 16 5x5 valid: input 3x3x6 is smaller than the 5x5 kernel (output would be -1x-1)".
Expected<Shape3> layer_output_shape(const LayerSpec& layer, Shape3 in);

// floor((n + 2p - f) / s) + 1, or <= 0 when the window does not fit.
int conv_output_size(int n, int f, int pad, int stride);

// Overflow-checked (util/count.h): summarize() refuses a spec whose counts overflow.
Count layer_trainable_params(const LayerSpec& layer, Shape3 in);
Count layer_nontrainable_params(const LayerSpec& layer, Shape3 in);
Count layer_macs(const LayerSpec& layer, Shape3 in, Shape3 out);

// One row per Keras layer (activations written as suffixes fold into their row).
struct SummaryRow {
  std::string name;    // Keras' layer type: conv2d, max_pooling2d, dense, ...
  std::string text;    // the spec statement: "conv 6 5x5 same relu"
  Shape3 output;
  int64_t params = 0;  // trainable + non-trainable
  int64_t macs = 0;
};

struct Summary {
  Shape3 input;
  std::vector<SummaryRow> rows;
  int64_t params = 0, trainable = 0, nontrainable = 0, macs = 0;
};

// Works from the spec alone: VGG-16's 138M parameters are counted, never allocated.
Expected<Summary> summarize(const ModelSpec& spec);
std::string summary_table(const Summary& summary);  // fixed-width text, like Keras
std::string summary_json(const Summary& summary);

}  // namespace cnn
