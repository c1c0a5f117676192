// Spec text: the parser and the printer (the grammar is in spec.h).
//
// The text is cut into tokens: words, and the five marks ';' (or a newline), '(', ')', '|'.
// A sequence is statements up to ')' or '|' (or the end); a statement is its words up to
// the next mark; a block statement is its head, '(', paths split by '|', ')', then an
// optional activation.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "model/spec.h"

namespace cnn {
namespace {

struct Token {
  std::string text;  // a word in lower case, or one of ";()|"
  size_t column;     // 1-based, in the whole spec text
  bool mark() const { return text == ";" || text == "(" || text == ")" || text == "|"; }
};

bool is_mark_char(char c) { return c == ';' || c == '\n' || c == '(' || c == ')' || c == '|'; }
bool is_space_char(char c) { return std::isspace(static_cast<unsigned char>(c)) || c == ','; }

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (is_mark_char(c)) {
      tokens.push_back(Token{c == '\n' ? ";" : std::string(1, c), i + 1});
      ++i;
    } else if (is_space_char(c)) {
      ++i;
    } else {
      const size_t start = i;
      while (i < text.size() && !is_mark_char(text[i]) && !is_space_char(text[i])) ++i;
      std::string word(text.substr(start, i - start));
      for (char& ch : word) ch = char(std::tolower(static_cast<unsigned char>(ch)));
      tokens.push_back(Token{word, start + 1});
    }
  }
  return tokens;
}

// One statement's words, up to the next mark.
struct Statement {
  std::vector<Token> words;
};

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

// "5x5" or "5" -> (5, 5); "5x3" -> (5, 3). `lo` is 0 for paddings, 1 for windows.
bool parse_pair(const std::string& s, int lo, int* a, int* b) {
  size_t x = s.find('x');
  if (x == std::string::npos) {
    if (!parse_int(s, lo, 4096, a)) return false;
    *b = *a;
    return true;
  }
  return parse_int(s.substr(0, x), lo, 4096, a) && parse_int(s.substr(x + 1), lo, 4096, b);
}

bool activation_kind(const std::string& word, LayerKind* kind) {
  if (word == "relu") *kind = LayerKind::kReLU;
  else if (word == "relu6") *kind = LayerKind::kReLU6;
  else if (word == "leakyrelu") *kind = LayerKind::kLeakyReLU;
  else if (word == "tanh") *kind = LayerKind::kTanh;
  else if (word == "sigmoid") *kind = LayerKind::kSigmoid;
  else if (word == "softmax") *kind = LayerKind::kSoftmax;
  else return false;
  return true;
}

constexpr float kDefaultLeakyAlpha = 0.01f;  // PyTorch's default negative slope
constexpr const char* kActivationWords = "relu, relu6, leakyrelu, tanh, sigmoid, softmax or linear";
constexpr const char* kLayerWords =
    "a layer: conv, dwconv, maxpool, avgpool, globalavgpool, zeropad, dense, flatten, dropout, batchnorm, rescale, "
    "residual(...), parallel(...), relu, relu6, leakyrelu, tanh, sigmoid or softmax";

// Parses an optional trailing activation (with its optional alpha) at words[i...]; 'linear'
// adds nothing. Returns the index after it.
Expected<size_t> parse_suffix_activation(const Statement& st, size_t i, std::vector<LayerSpec>* out) {
  if (st.words[i].text == "linear") return i + 1;
  LayerKind kind;
  if (!activation_kind(st.words[i].text, &kind))
    return error_at(st.words[i], std::string("an activation (") + kActivationWords + ")");
  LayerSpec act;
  act.kind = kind;
  act.attached = true;
  act.column = int(st.words[i].column);
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

// The window options of conv, dwconv and the pools: stride, padding, and for the
// convolutions 'nobias'. Stops at the first other word and returns its index.
Expected<size_t> parse_window_options(const Statement& st, size_t i, bool convolution, LayerSpec* layer) {
  const std::vector<Token>& w = st.words;
  while (i < w.size()) {
    const std::string& word = w[i].text;
    if (word == "stride") {
      if (i + 1 >= w.size()) return error_after(st, "the stride, a whole number from 1");
      if (!parse_int(w[i + 1].text, 1, 4096, &layer->stride)) return error_at(w[i + 1], "the stride, a whole number from 1");
      i += 2;
    } else if (word == "valid") {
      layer->padding = Padding::kValid;
      layer->pad_h = layer->pad_w = 0;
      ++i;
    } else if (word == "same") {
      if (layer->kh % 2 == 0 || layer->kw % 2 == 0)
        return error_at(w[i], "an odd kernel for 'same' padding (p = (f - 1) / 2 must be whole); use 'pad P'");
      layer->padding = Padding::kSame;
      layer->pad_h = (layer->kh - 1) / 2;
      layer->pad_w = (layer->kw - 1) / 2;
      ++i;
    } else if (word == "pad") {
      if (i + 1 >= w.size()) return error_after(st, "the padding, a whole number from 0 such as 1 or 0x3");
      if (!parse_pair(w[i + 1].text, 0, &layer->pad_h, &layer->pad_w))
        return error_at(w[i + 1], "the padding, a whole number from 0 such as 1 or 0x3 (height x width)");
      layer->padding = Padding::kExplicit;
      i += 2;
    } else if (word == "nobias" && convolution) {
      layer->bias = false;
      ++i;
    } else {
      return i;
    }
  }
  return i;
}

// What follows a layer's options: nothing, or (for conv, dwconv, dense) an activation.
Status finish_statement(const Statement& st, size_t i, bool may_activate, const std::string& options,
                        std::vector<LayerSpec>* layers) {
  if (i >= st.words.size()) return ok_status();
  if (!may_activate) return error_at(st.words[i], options.empty() ? "';'" : options + " or ';'");
  Expected<size_t> next = parse_suffix_activation(st, i, layers);
  if (!next) return make_error(options.empty() ? next.error() : next.error() + ", " + options);
  if (*next < st.words.size()) return error_at(st.words[*next], "';' after the activation");
  return ok_status();
}

Status parse_statement(const Statement& st, std::vector<LayerSpec>* layers) {
  const std::vector<Token>& w = st.words;
  const std::string& head = w[0].text;
  LayerSpec layer;
  layer.column = int(w[0].column);
  size_t i = 1;

  if (head == "conv" || head == "dwconv") {
    const bool depthwise = head == "dwconv";
    layer.kind = depthwise ? LayerKind::kDepthwiseConv2D : LayerKind::kConv2D;
    if (!depthwise) {
      if (i >= w.size()) return error_after(st, "the number of filters, as in 'conv 6 5x5'");
      if (!parse_int(w[i].text, 1, 65536, &layer.units)) return error_at(w[i], "the number of filters, a whole number from 1");
      ++i;
    }
    if (i >= w.size()) return error_after(st, "a kernel size such as 5x5");
    if (!parse_pair(w[i].text, 1, &layer.kh, &layer.kw)) return error_at(w[i], "a kernel size such as 5x5");
    ++i;
    Expected<size_t> next = parse_window_options(st, i, true, &layer);
    if (!next) return make_error(next.error());
    layers->push_back(layer);
    return finish_statement(st, *next, true, "'stride S', 'valid', 'same', 'pad P' or 'nobias'", layers);
  }

  if (head == "maxpool" || head == "avgpool") {
    layer.kind = head == "maxpool" ? LayerKind::kMaxPool2D : LayerKind::kAvgPool2D;
    if (i >= w.size()) return error_after(st, "a window size such as 2");
    if (!parse_pair(w[i].text, 1, &layer.kh, &layer.kw)) return error_at(w[i], "a window size such as 2 or 2x2");
    layer.stride = layer.kh;
    ++i;
    Expected<size_t> next = parse_window_options(st, i, false, &layer);
    if (!next) return make_error(next.error());
    // Every window keeps a cell of the image, so max and average are always defined.
    if (layer.pad_h > layer.kh / 2 || layer.pad_w > layer.kw / 2)
      return error_at(w[0], "a pooling padding of at most half the window (" + std::to_string(layer.kh / 2) + "x" +
                                std::to_string(layer.kw / 2) + " for " + std::to_string(layer.kh) + "x" +
                                std::to_string(layer.kw) + ")");
    layers->push_back(layer);
    return finish_statement(st, *next, false, "'stride S', 'valid', 'same', 'pad P'", layers);
  }

  if (head == "zeropad") {
    layer.kind = LayerKind::kZeroPad;
    const size_t count = w.size() - 1;
    if (count != 1 && count != 4)
      return count == 0 ? error_after(st, "the padding: 'zeropad P' or 'zeropad TOP BOTTOM LEFT RIGHT'")
                        : error_at(w[count < 4 ? count : 5], "'zeropad P' or 'zeropad TOP BOTTOM LEFT RIGHT'");
    for (size_t k = 0; k < 4; ++k) {
      const Token& t = w[count == 1 ? 1 : k + 1];
      if (!parse_int(t.text, 0, 4096, &layer.zero_pad[k])) return error_at(t, "a padding, a whole number from 0");
    }
    layers->push_back(layer);
    return ok_status();
  }

  if (head == "dense") {
    layer.kind = LayerKind::kDense;
    if (i >= w.size()) return error_after(st, "the number of units, as in 'dense 120'");
    if (!parse_int(w[i].text, 1, 1 << 20, &layer.units)) return error_at(w[i], "the number of units, a whole number from 1");
    ++i;
    layers->push_back(layer);
    return finish_statement(st, i, true, "", layers);
  }

  if (head == "flatten" || head == "globalavgpool") {
    layer.kind = head == "flatten" ? LayerKind::kFlatten : LayerKind::kGlobalAvgPool;
    if (w.size() > 1) return error_at(w[1], "';' after '" + head + "'");
    layers->push_back(layer);
    return ok_status();
  }

  if (head == "batchnorm") {
    layer.kind = LayerKind::kBatchNorm;
    if (i < w.size() && w[i].text == "noscale") {
      layer.scale = false;
      ++i;
    }
    if (i < w.size()) return error_at(w[i], "'noscale' or ';' after 'batchnorm'");
    layers->push_back(layer);
    return ok_status();
  }

  if (head == "rescale") {
    layer.kind = LayerKind::kRescale;
    if (w.size() < 2) return error_after(st, "the factor, as in 'rescale 255'");
    if (!parse_float(w[1].text, 1e-6f, 1e6f, &layer.rate)) return error_at(w[1], "the factor, a number from 0.000001 to 1000000");
    if (w.size() > 2) return error_at(w[2], "';' after the factor");
    layers->push_back(layer);
    return ok_status();
  }

  if (head == "dropout") {
    layer.kind = LayerKind::kDropout;
    if (w.size() < 2) return error_after(st, "the dropout rate, a number in [0, 1)");
    if (!parse_float(w[1].text, 0.0f, 0.99f, &layer.rate)) return error_at(w[1], "the dropout rate, a number from 0 to 0.99");
    if (w.size() > 2) return error_at(w[2], "';' after the dropout rate");
    layers->push_back(layer);
    return ok_status();
  }

  LayerKind act;
  if (activation_kind(head, &act)) {
    Expected<size_t> next = parse_suffix_activation(st, 0, layers);
    if (!next) return make_error(next.error());
    layers->back().attached = false;
    if (*next < w.size()) return error_at(w[*next], "';' after the activation");
    return ok_status();
  }

  if (head == "residual" || head == "parallel") return error_after(st, "'(' to open the " + head + " block");
  return error_at(w[0], std::string(kLayerWords) + (head == "input" ? " ('input' only as the first statement)" : ""));
}

Status parse_input(const Statement& st, ModelSpec* spec) {
  const std::vector<Token>& w = st.words;
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

// Blocks nest; this deep is far beyond any network, and keeps the recursion bounded for
// hostile text.
constexpr int kMaxBlockDepth = 16;

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  // Statements up to ')' or '|' (inside a block) or the end (top level, `spec` set).
  Status sequence(int depth, std::vector<LayerSpec>* layers, ModelSpec* spec) {
    bool first = true;
    while (pos_ < t_.size()) {
      const Token& tok = t_[pos_];
      if (tok.text == ";") {
        ++pos_;
        continue;
      }
      if (tok.text == ")" || tok.text == "|") {
        if (depth == 0) return error_at(tok, tok.text == ")" ? "a statement (this ')' closes no block)"
                                                             : "a statement ('|' separates paths inside residual(...) or parallel(...))");
        return ok_status();
      }
      if (tok.text == "(") return error_at(tok, "a statement ('(' follows 'residual' or 'parallel')");
      if (tok.text == "residual" || tok.text == "parallel") {
        if (pos_ + 1 < t_.size() && t_[pos_ + 1].text == "(") {
          Status st = block(depth, layers);
          if (!st) return st;
          first = false;
          continue;
        }
      }
      Statement st = words();
      if (st.words[0].text == "input" && spec) {
        if (!first || !layers->empty()) return error_at(st.words[0], "'input' only as the first statement");
        Status in = parse_input(st, spec);
        if (!in) return in;
      } else {
        Status s = parse_statement(st, layers);
        if (!s) return s;
      }
      first = false;
    }
    return ok_status();
  }

 private:
  Statement words() {
    Statement st;
    while (pos_ < t_.size() && !t_[pos_].mark()) st.words.push_back(t_[pos_++]);
    return st;
  }

  Status block(int depth, std::vector<LayerSpec>* layers) {
    const Token head = t_[pos_];
    if (depth + 1 > kMaxBlockDepth)
      return error_at(head, "at most " + std::to_string(kMaxBlockDepth) + " blocks inside one another");
    const Token open = t_[pos_ + 1];
    pos_ += 2;
    LayerSpec block;
    block.kind = head.text == "residual" ? LayerKind::kResidual : LayerKind::kParallel;
    block.column = int(head.column);
    for (;;) {
      std::vector<LayerSpec> path;
      Status st = sequence(depth + 1, &path, nullptr);
      if (!st) return st;
      if (path.empty()) {
        const Token& at = pos_ < t_.size() ? t_[pos_] : open;
        return error_at(at, "a layer: every path of " + head.text + "(...) at column " + std::to_string(head.column) +
                                " needs one (an identity shortcut is written by leaving the shortcut out: residual(MAIN))");
      }
      block.branches.push_back(std::move(path));
      if (pos_ >= t_.size())
        return make_error("spec column " + std::to_string(open.column) + " ('" + head.text +
                          "('): expected ')' to close this block before the end of the text");
      if (t_[pos_].text == ")") break;
      ++pos_;  // '|'
    }
    const Token close = t_[pos_];
    ++pos_;
    if (block.kind == LayerKind::kResidual && block.branches.size() > 2)
      return error_at(head, "residual(MAIN) or residual(MAIN | SHORTCUT): " + std::to_string(block.branches.size()) +
                                " paths given; parallel(...) stacks more");
    if (block.kind == LayerKind::kParallel && block.branches.size() < 2)
      return error_at(head, "two or more branches in parallel(B1 | B2 | ...), separated by '|'");
    layers->push_back(std::move(block));
    // An activation may follow the ')': "residual(...) relu".
    Statement rest = words();
    if (rest.words.empty()) return ok_status();
    Expected<size_t> next = parse_suffix_activation(rest, 0, layers);
    if (!next) return make_error(next.error() + " or ';' after the block's ')' at column " + std::to_string(close.column));
    if (*next < rest.words.size()) return error_at(rest.words[*next], "';' after the activation");
    return ok_status();
  }

  std::vector<Token> t_;
  size_t pos_ = 0;
};

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

std::string pair_text(int a, int b) { return std::to_string(a) + "x" + std::to_string(b); }

std::string window_options_text(const LayerSpec& l, int default_stride, bool print_valid) {
  std::string s;
  if (l.stride != default_stride) s += " stride " + std::to_string(l.stride);
  if (l.padding == Padding::kSame) s += " same";
  else if (l.padding == Padding::kExplicit) s += " pad " + (l.pad_h == l.pad_w ? std::to_string(l.pad_h) : pair_text(l.pad_h, l.pad_w));
  else if (print_valid) s += " valid";
  return s;
}

std::string sequence_text(const std::vector<LayerSpec>& layers, const char* separator = "; ") {
  std::string s;
  for (const LayerSpec& l : layers) {
    if (l.attached) s += " ";
    else if (!s.empty()) s += separator;
    s += layer_text(l);
  }
  return s;
}

}  // namespace

bool is_block(LayerKind kind) { return kind == LayerKind::kResidual || kind == LayerKind::kParallel; }

std::string layer_text(const LayerSpec& l) {
  switch (l.kind) {
    case LayerKind::kConv2D:
    case LayerKind::kDepthwiseConv2D: {
      std::string s = l.kind == LayerKind::kConv2D ? "conv " + std::to_string(l.units) + " " : "dwconv ";
      s += pair_text(l.kh, l.kw) + window_options_text(l, 1, true);
      if (!l.bias) s += " nobias";
      return s;
    }
    case LayerKind::kMaxPool2D:
    case LayerKind::kAvgPool2D: {
      std::string s = l.kind == LayerKind::kMaxPool2D ? "maxpool " : "avgpool ";
      s += l.kh == l.kw ? std::to_string(l.kh) : pair_text(l.kh, l.kw);
      return s + window_options_text(l, l.kh, false);
    }
    case LayerKind::kZeroPad: {
      const auto& p = l.zero_pad;
      if (p[0] == p[1] && p[1] == p[2] && p[2] == p[3]) return "zeropad " + std::to_string(p[0]);
      return "zeropad " + std::to_string(p[0]) + " " + std::to_string(p[1]) + " " + std::to_string(p[2]) + " " +
             std::to_string(p[3]);
    }
    case LayerKind::kGlobalAvgPool: return "globalavgpool";
    case LayerKind::kDense: return "dense " + std::to_string(l.units);
    case LayerKind::kFlatten: return "flatten";
    case LayerKind::kDropout: return "dropout " + format_float(l.rate);
    case LayerKind::kRescale: return "rescale " + format_float(l.rate);
    case LayerKind::kBatchNorm: return l.scale ? "batchnorm" : "batchnorm noscale";
    case LayerKind::kReLU: return "relu";
    case LayerKind::kReLU6: return "relu6";
    case LayerKind::kLeakyReLU: return "leakyrelu " + format_float(l.rate);
    case LayerKind::kTanh: return "tanh";
    case LayerKind::kSigmoid: return "sigmoid";
    case LayerKind::kSoftmax: return "softmax";
    case LayerKind::kResidual:
    case LayerKind::kParallel: {
      std::string s = l.kind == LayerKind::kResidual ? "residual(" : "parallel(";
      for (size_t b = 0; b < l.branches.size(); ++b) s += (b ? " | " : "") + sequence_text(l.branches[b]);
      return s + ")";
    }
  }
  return "?";
}

namespace {

// The errors above all start "spec column N" with N the byte offset + 1 in the whole text
// (check_spec's too): here N becomes the place a person finds (a line when there are
// several, a column in characters), and the place is handed out.
Error located(Error e, std::string_view text, SpecLocation* where) {
  constexpr std::string_view kMark = "spec column ";
  if (e.message.compare(0, kMark.size(), kMark) != 0) return e;
  size_t end = kMark.size();
  size_t n = 0;
  while (end < e.message.size() && end < kMark.size() + 9 && std::isdigit(static_cast<unsigned char>(e.message[end])))
    n = n * 10 + size_t(e.message[end++] - '0');
  if (n < 1 || n > text.size() + 1) return e;
  const size_t offset = n - 1;
  int line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a UTF-8 continuation byte
      ++column;
    }
  }
  if (where) *where = SpecLocation{int(offset), line, column};
  const bool lines = text.find('\n') != std::string_view::npos;
  e.message = (lines ? "spec line " + std::to_string(line) + ", column " : std::string("spec column ")) +
              std::to_string(column) + e.message.substr(end);
  return e;
}

}  // namespace

Expected<ModelSpec> parse_spec(std::string_view text, SpecLocation* error_at) {
  if (error_at) *error_at = SpecLocation{};
  const std::string preset = preset_name(text);
  if (!preset.empty())
    for (const auto& [name, preset_text] : spec_presets())
      if (name == preset) return parse_spec(preset_text);
  ModelSpec spec;
  Parser parser(tokenize(text));
  Status parsed = parser.sequence(0, &spec.layers, &spec);
  if (!parsed) return located(make_error(parsed.error()), text, error_at);
  if (spec.layers.empty() && !spec.input_written)
    return make_error("spec is empty: expected layers such as 'conv 6 5x5 same relu; ...' or a preset (" +
                      preset_names() + ")");
  if (spec.layers.empty()) return make_error("spec has no layers after 'input'");
  Status checked = check_spec(spec);
  if (!checked) return located(make_error(checked.error()), text, error_at);
  return spec;
}

namespace {

std::string spec_text(const ModelSpec& spec, const char* separator) {
  std::string s;
  if (spec.input_written || spec.input != Shape3{1, 28, 28})
    s = "input " + std::to_string(spec.input.h) + "x" + std::to_string(spec.input.w) + "x" + std::to_string(spec.input.c);
  const std::string layers = sequence_text(spec.layers, separator);
  if (!s.empty() && !layers.empty()) s += separator;
  return s + layers;
}

// One statement per line; a block opens on its line, its paths' statements follow two spaces
// deeper (a path after the first starts with '|'), and ')' with its activation closes it.
void append_lines(const std::vector<LayerSpec>& layers, const std::string& indent, std::vector<std::string>& out) {
  for (const LayerSpec& l : layers) {
    if (l.attached && !out.empty()) {
      out.back() += " " + layer_text(l);
    } else if (is_block(l.kind)) {
      out.push_back(indent + (l.kind == LayerKind::kResidual ? "residual(" : "parallel("));
      for (size_t b = 0; b < l.branches.size(); ++b) {
        const size_t first = out.size();
        append_lines(l.branches[b], indent + "  ", out);
        if (b > 0) out[first].replace(indent.size(), 2, "| ");
      }
      out.push_back(indent + ")");
    } else {
      out.push_back(indent + layer_text(l));
    }
  }
}

}  // namespace

std::string to_text(const ModelSpec& spec) { return spec_text(spec, "; "); }

std::string to_lines(const ModelSpec& spec) {
  std::vector<std::string> lines;
  if (spec.input_written || spec.input != Shape3{1, 28, 28})
    lines.push_back("input " + std::to_string(spec.input.h) + "x" + std::to_string(spec.input.w) + "x" +
                    std::to_string(spec.input.c));
  append_lines(spec.layers, "", lines);
  std::string s;
  for (const std::string& line : lines) s += (s.empty() ? "" : "\n") + line;
  return s;
}

}  // namespace cnn
