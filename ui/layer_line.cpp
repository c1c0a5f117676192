#include "layer_line.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace cnn::ui {
namespace {

std::vector<std::string> words_of(const std::string& line) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

// A whole number of 1..9999 written plainly ("6", not "+6" or "6.0").
bool whole(const std::string& word, int* out) {
  if (word.empty() || word.size() > 4) return false;
  for (char c : word)
    if (c < '0' || c > '9') return false;
  *out = std::atoi(word.c_str());
  return *out >= 1;
}

// "5x5" -> 5; a rectangle ("3x1") is left to the text.
bool square(const std::string& word, int* out) {
  const size_t x = word.find('x');
  int a = 0, b = 0;
  return x != std::string::npos && whole(word.substr(0, x), &a) && whole(word.substr(x + 1), &b) && a == b && (*out = a);
}

int activation_of(const std::string& word) {
  for (int i = 1; i < kLayerActivationCount; ++i)
    if (word == kLayerActivations[i]) return i;
  return 0;
}

}  // namespace

LayerLine read_layer_line(const std::string& line) {
  LayerLine text;
  text.text = line;
  const std::vector<std::string> w = words_of(line);
  if (w.empty() || line.find_first_of(";|()#") != std::string::npos) return text;
  LayerLine l;
  const std::string& kind = w[0];
  size_t i = 1;
  if (kind == "conv" || kind == "dense") {
    l.kind = kind == "conv" ? LayerKind::kConv : LayerKind::kDense;
    if (w.size() < 2 || !whole(w[1], &l.count)) return text;
    i = 2;
  } else if (kind == "dwconv") {
    l.kind = LayerKind::kDwconv;
  } else if (kind == "maxpool" || kind == "avgpool") {
    l.kind = kind == "maxpool" ? LayerKind::kMaxpool : LayerKind::kAvgpool;
    if (w.size() < 2 || !whole(w[1], &l.kernel)) return text;
    i = 2;
  } else if (kind == "dropout") {
    char* end = nullptr;
    if (w.size() != 2) return text;
    l.rate = std::strtof(w[1].c_str(), &end);
    if (*end != '\0' || !(l.rate >= 0.0f && l.rate < 1.0f)) return text;
    l.kind = LayerKind::kDropout;
    return l;
  } else {
    return text;
  }
  const bool convolution = l.kind == LayerKind::kConv || l.kind == LayerKind::kDwconv;
  if (convolution) {
    if (i >= w.size() || !square(w[i], &l.kernel)) return text;
    ++i;
  }
  // The options, each once, in any order; an activation only last.
  for (; i < w.size(); ++i) {
    const std::string& o = w[i];
    if (l.kind != LayerKind::kDense && o == "stride" && !l.stride && i + 1 < w.size() && whole(w[i + 1], &l.stride)) {
      ++i;
    } else if (l.kind != LayerKind::kDense && !l.padding && (o == "same" || (convolution && o == "valid"))) {
      l.padding = o == "same" ? 2 : 1;
    } else if (convolution && !l.padding && o == "pad" && i + 1 < w.size() && whole(w[i + 1], &l.pad)) {
      l.padding = 3;
      ++i;
    } else if (l.kind == LayerKind::kConv && o == "nobias" && !l.nobias) {
      l.nobias = true;
    } else if ((convolution || l.kind == LayerKind::kDense) && i + 1 == w.size() && activation_of(o)) {
      l.activation = activation_of(o);
    } else {
      return text;
    }
  }
  return l;
}

int default_stride(const LayerLine& l) {
  return l.kind == LayerKind::kMaxpool || l.kind == LayerKind::kAvgpool ? l.kernel : 1;
}

std::string layer_line_text(const LayerLine& l) {
  char buf[96];
  const char* kinds[] = {"conv", "dwconv", "maxpool", "avgpool", "dense", "dropout"};
  switch (l.kind) {
    case LayerKind::kText: return l.text;
    case LayerKind::kDropout: std::snprintf(buf, sizeof buf, "dropout %g", double(l.rate)); return buf;
    case LayerKind::kConv: std::snprintf(buf, sizeof buf, "conv %d %dx%d", l.count, l.kernel, l.kernel); break;
    case LayerKind::kDwconv: std::snprintf(buf, sizeof buf, "dwconv %dx%d", l.kernel, l.kernel); break;
    case LayerKind::kDense: std::snprintf(buf, sizeof buf, "dense %d", l.count); break;
    default: std::snprintf(buf, sizeof buf, "%s %d", kinds[int(l.kind)], l.kernel); break;
  }
  std::string out = buf;
  if (l.stride) out += " stride " + std::to_string(l.stride);
  if (l.padding == 1) out += " valid";
  if (l.padding == 2) out += " same";
  if (l.padding == 3) out += " pad " + std::to_string(l.pad);
  if (l.nobias) out += " nobias";
  if (l.activation > 0) out += std::string(" ") + kLayerActivations[l.activation];
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i];
  return out;
}

}  // namespace cnn::ui
