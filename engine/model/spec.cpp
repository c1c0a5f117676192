// Spec text parser and printer, shape inference and the summary.
#include "model/spec.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace cnn {
namespace {

struct Token {
  std::string text;
  size_t column;  // 1-based, in the whole spec text
};

struct Statement {
  std::vector<Token> words;
  size_t column;  // where the statement starts (for "expected a layer" errors)
};

std::vector<Statement> split_statements(std::string_view text) {
  std::vector<Statement> statements;
  Statement current{{}, 1};
  size_t i = 0;
  while (i <= text.size()) {
    char ch = i < text.size() ? text[i] : ';';
    if (ch == ';' || ch == '\n') {
      if (!current.words.empty()) statements.push_back(current);
      current = Statement{{}, i + 2};
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(ch)) || ch == ',') {
      ++i;
    } else {
      size_t start = i;
      while (i < text.size() && text[i] != ';' && text[i] != '\n' && text[i] != ',' &&
             !std::isspace(static_cast<unsigned char>(text[i])))
        ++i;
      std::string word(text.substr(start, i - start));
      for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
      if (current.words.empty()) current.column = start + 1;
      current.words.push_back(Token{word, start + 1});
    }
  }
  return statements;
}

Error error_at(const Token& token, const std::string& expected) {
  return make_error("spec column " + std::to_string(token.column) + " ('" + token.text +
                    "'): expected " + expected);
}

Error error_after(const Statement& st, const std::string& expected) {
  const Token& last = st.words.back();
  return make_error("spec column " + std::to_string(last.column + last.text.size()) +
                    " (after '" + last.text + "'): expected " + expected);
}

bool parse_int(const std::string& s, int lo, int hi, int* out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  int v = std::atoi(s.c_str());
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

bool parse_float(const std::string& s, float lo, float hi, float* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || v < lo || v > hi) return false;
  *out = float(v);
  return true;
}

// "5x5" or "5" -> (5, 5); "5x3" -> (5, 3).
bool parse_window(const std::string& s, int* kh, int* kw) {
  size_t x = s.find('x');
  if (x == std::string::npos) {
    if (!parse_int(s, 1, 4096, kh)) return false;
    *kw = *kh;
    return true;
  }
  return parse_int(s.substr(0, x), 1, 4096, kh) && parse_int(s.substr(x + 1), 1, 4096, kw);
}

bool activation_kind(const std::string& word, LayerKind* kind) {
  if (word == "relu") *kind = LayerKind::kReLU;
  else if (word == "leakyrelu") *kind = LayerKind::kLeakyReLU;
  else if (word == "tanh") *kind = LayerKind::kTanh;
  else if (word == "sigmoid") *kind = LayerKind::kSigmoid;
  else if (word == "softmax") *kind = LayerKind::kSoftmax;
  else return false;
  return true;
}

// One sample's activations at any layer: 2^28 floats (1 GiB) is beyond any network this
// tool teaches, and keeps every size an int.
constexpr int64_t kMaxSampleValues = int64_t(1) << 28;

constexpr float kDefaultLeakyAlpha = 0.01f;  // PyTorch's default negative slope
constexpr const char* kActivationWords = "relu, leakyrelu, tanh, sigmoid or softmax";

// Parses an optional trailing activation (with its optional alpha) at words[i...].
// Returns the index after it.
Expected<size_t> parse_suffix_activation(const Statement& st, size_t i, std::vector<LayerSpec>* out) {
  LayerKind kind;
  if (!activation_kind(st.words[i].text, &kind)) return error_at(st.words[i], std::string("an activation (") + kActivationWords + ")");
  LayerSpec act;
  act.kind = kind;
  act.attached = true;
  act.rate = kind == LayerKind::kLeakyReLU ? kDefaultLeakyAlpha : 0.0f;
  ++i;
  if (kind == LayerKind::kLeakyReLU && i < st.words.size()) {
    if (!parse_float(st.words[i].text, 0.0f, 1.0f, &act.rate))
      return error_at(st.words[i], "the leaky-relu slope, a number from 0 to 1");
    ++i;
  }
  out->push_back(act);
  return i;
}

Status parse_statement(const Statement& st, bool first, ModelSpec* spec) {
  const std::vector<Token>& w = st.words;
  const std::string& head = w[0].text;
  std::vector<LayerSpec>& layers = spec->layers;
  LayerSpec layer;
  size_t i = 1;

  if (head == "input") {
    if (!first) return error_at(w[0], "'input' only as the first statement");
    if (w.size() < 2) return error_after(st, "an input size such as 28x28x1");
    int h = 0, wd = 0, c = 1;
    std::string s = w[1].text;
    size_t x1 = s.find('x');
    size_t x2 = x1 == std::string::npos ? x1 : s.find('x', x1 + 1);
    bool ok = x1 != std::string::npos && parse_int(s.substr(0, x1), 1, 8192, &h);
    if (ok && x2 == std::string::npos) ok = parse_int(s.substr(x1 + 1), 1, 8192, &wd);
    else if (ok) ok = parse_int(s.substr(x1 + 1, x2 - x1 - 1), 1, 8192, &wd) && parse_int(s.substr(x2 + 1), 1, 4096, &c);
    if (!ok) return error_at(w[1], "an input size such as 28x28x1 (height x width x channels)");
    if (w.size() > 2) return error_at(w[2], "';' after the input size");
    spec->input = Shape3{c, h, wd};
    spec->input_written = true;
    return ok_status();
  }

  if (head == "conv") {
    layer.kind = LayerKind::kConv2D;
    if (i >= w.size()) return error_after(st, "the number of filters, as in 'conv 6 5x5'");
    if (!parse_int(w[i].text, 1, 65536, &layer.units)) return error_at(w[i], "the number of filters, a whole number from 1");
    ++i;
    if (i >= w.size()) return error_after(st, "a kernel size such as 5x5");
    if (!parse_window(w[i].text, &layer.kh, &layer.kw)) return error_at(w[i], "a kernel size such as 5x5");
    ++i;
    while (i < w.size()) {
      const std::string& word = w[i].text;
      if (word == "stride") {
        if (i + 1 >= w.size()) return error_after(st, "the stride, a whole number from 1");
        if (!parse_int(w[i + 1].text, 1, 4096, &layer.stride)) return error_at(w[i + 1], "the stride, a whole number from 1");
        i += 2;
      } else if (word == "valid") {
        layer.padding = Padding::kValid;
        layer.pad = 0;
        ++i;
      } else if (word == "same") {
        if (layer.kh % 2 == 0 || layer.kw % 2 == 0)
          return error_at(w[i], "an odd kernel for 'same' padding (p = (f - 1) / 2 must be whole); use 'pad P'");
        layer.padding = Padding::kSame;
        layer.pad = (layer.kh - 1) / 2;
        ++i;
      } else if (word == "pad") {
        if (i + 1 >= w.size()) return error_after(st, "the padding, a whole number from 0");
        if (!parse_int(w[i + 1].text, 0, 4096, &layer.pad)) return error_at(w[i + 1], "the padding, a whole number from 0");
        layer.padding = Padding::kExplicit;
        i += 2;
      } else {
        layers.push_back(layer);
        Expected<size_t> next = parse_suffix_activation(st, i, &layers);
        if (!next) return make_error(next.error() + ", 'stride S', 'valid', 'same' or 'pad P'");
        if (*next < w.size()) return error_at(w[*next], "';' after the activation");
        return ok_status();
      }
    }
    // Non-square kernels with 'same' need per-axis padding; we keep one p for both axes.
    if (layer.padding == Padding::kSame && layer.kh != layer.kw)
      return error_at(w[2], "a square kernel for 'same' padding");
    layers.push_back(layer);
    return ok_status();
  }

  if (head == "maxpool" || head == "avgpool") {
    layer.kind = head == "maxpool" ? LayerKind::kMaxPool2D : LayerKind::kAvgPool2D;
    if (i >= w.size()) return error_after(st, "a window size such as 2");
    if (!parse_window(w[i].text, &layer.kh, &layer.kw)) return error_at(w[i], "a window size such as 2 or 2x2");
    layer.stride = layer.kh;
    ++i;
    if (i < w.size()) {
      if (w[i].text != "stride") return error_at(w[i], "'stride S' or ';'");
      if (i + 1 >= w.size()) return error_after(st, "the stride, a whole number from 1");
      if (!parse_int(w[i + 1].text, 1, 4096, &layer.stride)) return error_at(w[i + 1], "the stride, a whole number from 1");
      i += 2;
    }
    if (i < w.size()) return error_at(w[i], "';' after the pooling layer");
    layers.push_back(layer);
    return ok_status();
  }

  if (head == "dense") {
    layer.kind = LayerKind::kDense;
    if (i >= w.size()) return error_after(st, "the number of units, as in 'dense 120'");
    if (!parse_int(w[i].text, 1, 1 << 20, &layer.units)) return error_at(w[i], "the number of units, a whole number from 1");
    ++i;
    layers.push_back(layer);
    if (i < w.size()) {
      Expected<size_t> next = parse_suffix_activation(st, i, &layers);
      if (!next) return make_error(next.error());
      if (*next < w.size()) return error_at(w[*next], "';' after the activation");
    }
    return ok_status();
  }

  if (head == "flatten" || head == "batchnorm") {
    layer.kind = head == "flatten" ? LayerKind::kFlatten : LayerKind::kBatchNorm;
    if (w.size() > 1) return error_at(w[1], "';' after '" + head + "'");
    layers.push_back(layer);
    return ok_status();
  }

  if (head == "dropout") {
    layer.kind = LayerKind::kDropout;
    if (w.size() < 2) return error_after(st, "the dropout rate, a number in [0, 1)");
    if (!parse_float(w[1].text, 0.0f, 0.99f, &layer.rate)) return error_at(w[1], "the dropout rate, a number from 0 to 0.99");
    if (w.size() > 2) return error_at(w[2], "';' after the dropout rate");
    layers.push_back(layer);
    return ok_status();
  }

  LayerKind act;
  if (activation_kind(head, &act)) {
    Expected<size_t> next = parse_suffix_activation(st, 0, &layers);
    if (!next) return make_error(next.error());
    layers.back().attached = false;
    if (*next < w.size()) return error_at(w[*next], "';' after the activation");
    return ok_status();
  }

  return error_at(w[0], std::string("a layer: conv, maxpool, avgpool, dense, flatten, dropout, batchnorm, ") +
                            kActivationWords + (first ? ", or input" : ""));
}

// The shortest text that reads back as the same float: "0.1234567", not %g's "0.123457"
// (a leakyrelu's alpha changed in a save and load, and parse_spec(to_text(s)) != s).
std::string format_float(float v) {
  char buf[32];
  for (int digits = 6; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

std::string window_text(int kh, int kw) { return std::to_string(kh) + "x" + std::to_string(kw); }

const char* keras_name(LayerKind k) {
  switch (k) {
    case LayerKind::kConv2D: return "conv2d";
    case LayerKind::kMaxPool2D: return "max_pooling2d";
    case LayerKind::kAvgPool2D: return "average_pooling2d";
    case LayerKind::kDense: return "dense";
    case LayerKind::kFlatten: return "flatten";
    case LayerKind::kDropout: return "dropout";
    case LayerKind::kBatchNorm: return "batch_normalization";
    default: return "activation";
  }
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

Expected<ModelSpec> parse_spec(std::string_view text) {
  for (const auto& [name, preset] : spec_presets()) {
    std::string_view trimmed = text;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.front()))) trimmed.remove_prefix(1);
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.remove_suffix(1);
    if (trimmed == name) return parse_spec(preset);
  }
  std::vector<Statement> statements = split_statements(text);
  if (statements.empty()) return make_error("spec is empty: expected layers such as 'conv 6 5x5 same relu; ...' or a preset (lenet5, alexnet, vgg16)");
  ModelSpec spec;
  for (size_t s = 0; s < statements.size(); ++s) {
    Status st = parse_statement(statements[s], s == 0, &spec);
    if (!st) return make_error(st.error());
  }
  if (spec.layers.empty()) return make_error("spec has no layers after 'input'");
  for (size_t l = 0; l + 1 < spec.layers.size(); ++l)
    if (spec.layers[l].kind == LayerKind::kSoftmax)
      return make_error("spec: 'softmax' may only end the network (layer " + std::to_string(l + 1) + ")");
  // Every spec can be saved: a model file holds at most kMaxSpecTextBytes of spec text.
  const size_t length = to_text(spec).size();
  if (length > kMaxSpecTextBytes)
    return make_error("spec: " + std::to_string(length) + " characters written out, more than the " +
                      std::to_string(kMaxSpecTextBytes) + " a model file holds");
  // Shapes must work out too; that error names the layer.
  Shape3 shape = spec.input;
  if (shape.size() > kMaxSampleValues) return make_error("spec: input " + shape.str() + " is too large");
  for (size_t l = 0; l < spec.layers.size(); ++l) {
    Expected<Shape3> out = layer_output_shape(spec.layers[l], shape);
    if (!out) return make_error("spec layer " + std::to_string(l + 1) + ": " + out.error());
    if (out->size() > kMaxSampleValues)
      return make_error("spec layer " + std::to_string(l + 1) + ": output " + out->str() + " is too large");
    shape = *out;
  }
  return spec;
}

std::string layer_text(const LayerSpec& l) {
  switch (l.kind) {
    case LayerKind::kConv2D: {
      std::string s = "conv " + std::to_string(l.units) + " " + window_text(l.kh, l.kw);
      if (l.stride != 1) s += " stride " + std::to_string(l.stride);
      if (l.padding == Padding::kValid) s += " valid";
      else if (l.padding == Padding::kSame) s += " same";
      else s += " pad " + std::to_string(l.pad);
      return s;
    }
    case LayerKind::kMaxPool2D:
    case LayerKind::kAvgPool2D: {
      std::string s = l.kind == LayerKind::kMaxPool2D ? "maxpool " : "avgpool ";
      s += l.kh == l.kw ? std::to_string(l.kh) : window_text(l.kh, l.kw);
      if (l.stride != l.kh) s += " stride " + std::to_string(l.stride);
      return s;
    }
    case LayerKind::kDense: return "dense " + std::to_string(l.units);
    case LayerKind::kFlatten: return "flatten";
    case LayerKind::kDropout: return "dropout " + format_float(l.rate);
    case LayerKind::kBatchNorm: return "batchnorm";
    case LayerKind::kReLU: return "relu";
    case LayerKind::kLeakyReLU: return "leakyrelu " + format_float(l.rate);
    case LayerKind::kTanh: return "tanh";
    case LayerKind::kSigmoid: return "sigmoid";
    case LayerKind::kSoftmax: return "softmax";
  }
  return "?";
}

std::string to_text(const ModelSpec& spec) {
  std::string s;
  if (spec.input_written || spec.input != Shape3{1, 28, 28})
    s = "input " + std::to_string(spec.input.h) + "x" + std::to_string(spec.input.w) + "x" + std::to_string(spec.input.c);
  for (const LayerSpec& l : spec.layers) {
    if (l.attached) s += " ";
    else if (!s.empty()) s += "; ";
    s += layer_text(l);
  }
  return s;
}

int conv_output_size(int n, int f, int pad, int stride) {
  int span = n + 2 * pad - f;
  int floor_div = span >= 0 ? span / stride : -((-span + stride - 1) / stride);
  return floor_div + 1;
}

Expected<Shape3> layer_output_shape(const LayerSpec& l, Shape3 in) {
  switch (l.kind) {
    case LayerKind::kConv2D:
    case LayerKind::kMaxPool2D:
    case LayerKind::kAvgPool2D: {
      if (l.kind != LayerKind::kConv2D && in.h == 1 && in.w == 1 && in.c > 1)
        return make_error(layer_text(l) + ": input " + in.str() + " is flat; pooling needs an image");
      int pad = l.kind == LayerKind::kConv2D ? l.pad : 0;
      int oh = conv_output_size(in.h, l.kh, pad, l.stride);
      int ow = conv_output_size(in.w, l.kw, pad, l.stride);
      if (oh <= 0 || ow <= 0)
        return make_error(layer_text(l) + ": input " + in.str() + " is too small for the " +
                          window_text(l.kh, l.kw) + " window with padding " + std::to_string(pad) +
                          " (floor((n + 2p - f) / s) + 1 gives " + std::to_string(oh) + "x" + std::to_string(ow) + ")");
      return Shape3{l.kind == LayerKind::kConv2D ? l.units : in.c, oh, ow};
    }
    case LayerKind::kDense:
      if (in.h != 1 || in.w != 1)
        return make_error("dense " + std::to_string(l.units) + ": input " + in.str() + " is an image; add 'flatten' before it");
      return Shape3{l.units, 1, 1};
    case LayerKind::kFlatten: return Shape3{int(in.size()), 1, 1};
    default: return in;
  }
}

Count layer_trainable_params(const LayerSpec& l, Shape3 in) {
  switch (l.kind) {
    case LayerKind::kConv2D: return Count(l.units) * in.c * l.kh * l.kw + l.units;
    case LayerKind::kDense: return Count(l.units) * in.size() + l.units;
    case LayerKind::kBatchNorm: return Count(2) * in.c;
    default: return 0;
  }
}

Count layer_nontrainable_params(const LayerSpec& l, Shape3 in) {
  return l.kind == LayerKind::kBatchNorm ? Count(2) * in.c : Count(0);
}

Count layer_macs(const LayerSpec& l, Shape3 in, Shape3 out) {
  switch (l.kind) {
    case LayerKind::kConv2D: return Count(out.size()) * in.c * l.kh * l.kw;
    case LayerKind::kDense: return Count(l.units) * in.size();
    default: return 0;
  }
}

Expected<Summary> summarize(const ModelSpec& spec) {
  Summary sum;
  sum.input = spec.input;
  Shape3 shape = spec.input;
  for (size_t i = 0; i < spec.layers.size(); ++i) {
    const LayerSpec& l = spec.layers[i];
    Expected<Shape3> out = layer_output_shape(l, shape);
    if (!out) return make_error("layer " + std::to_string(i + 1) + ": " + out.error());
    const Count trainable_count = layer_trainable_params(l, shape), fixed_count = layer_nontrainable_params(l, shape);
    const Count macs_count = layer_macs(l, shape, *out);
    const Count total_params = Count(sum.trainable) + trainable_count + sum.nontrainable + fixed_count;
    const Count total_macs = Count(sum.macs) + macs_count;
    if (total_params.overflowed() || total_macs.overflowed())
      return make_error("layer " + std::to_string(i + 1) + " (" + layer_text(l) + "): its " +
                        (total_params.overflowed() ? "parameters" : "multiply-accumulates") +
                        " are too many to count (more than 9.2e18); the spec asks for far more than any computer holds");
    const int64_t trainable = trainable_count.value(), fixed = fixed_count.value(), macs = macs_count.value();
    if (l.attached && !sum.rows.empty()) {
      sum.rows.back().text += " " + layer_text(l);
      sum.rows.back().output = *out;
    } else {
      sum.rows.push_back(SummaryRow{keras_name(l.kind), layer_text(l), *out, 0, 0});
    }
    sum.rows.back().params += trainable + fixed;
    sum.rows.back().macs += macs;
    sum.trainable += trainable;
    sum.nontrainable += fixed;
    sum.macs += macs;
    shape = *out;
  }
  sum.params = sum.trainable + sum.nontrainable;
  return sum;
}

namespace {
std::string with_commas(int64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  int n = int(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[i];
    if ((n - 1 - i) % 3 == 0 && i != n - 1) out += ',';
  }
  return out;
}
}  // namespace

std::string summary_table(const Summary& s) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-22s %-30s %-13s %12s %16s\n", "Layer", "Spec", "Output", "Params", "MACs");
  out += line;
  out += std::string(97, '-') + "\n";
  std::snprintf(line, sizeof line, "%-22s %-30s %-13s %12s %16s\n", "input", "", s.input.str().c_str(), "0", "0");
  out += line;
  for (const SummaryRow& r : s.rows) {
    std::snprintf(line, sizeof line, "%-22s %-30s %-13s %12s %16s\n", r.name.c_str(), r.text.c_str(),
                  r.output.str().c_str(), with_commas(r.params).c_str(), with_commas(r.macs).c_str());
    out += line;
  }
  out += std::string(97, '-') + "\n";
  out += "Total params: " + with_commas(s.params) + "\n";
  out += "Trainable params: " + with_commas(s.trainable) + "\n";
  out += "Non-trainable params: " + with_commas(s.nontrainable) + "\n";
  out += "Multiply-accumulates per image: " + with_commas(s.macs) + "\n";
  return out;
}

std::string summary_json(const Summary& s) {
  std::string out = "{\"input\":\"" + s.input.str() + "\",\"layers\":[";
  for (size_t i = 0; i < s.rows.size(); ++i) {
    const SummaryRow& r = s.rows[i];
    if (i) out += ",";
    out += "{\"name\":\"" + r.name + "\",\"spec\":\"" + json_escape(r.text) + "\",\"output\":\"" +
           r.output.str() + "\",\"params\":" + std::to_string(r.params) + ",\"macs\":" + std::to_string(r.macs) + "}";
  }
  out += "],\"params\":" + std::to_string(s.params) + ",\"trainable_params\":" + std::to_string(s.trainable) +
         ",\"nontrainable_params\":" + std::to_string(s.nontrainable) + ",\"macs\":" + std::to_string(s.macs) + "}";
  return out;
}

}  // namespace cnn
