// The summary: one row per Keras layer with its output, parameters and multiply-accumulates,
// and the totals Keras prints; as a fixed-width table and as JSON.
#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "model/spec.h"

namespace cnn {
namespace {

const char* keras_name(const LayerSpec& l) {
  switch (l.kind) {
    case LayerKind::kConv2D: return "conv2d";
    case LayerKind::kDepthwiseConv2D: return "depthwise_conv2d";
    case LayerKind::kMaxPool2D: return "max_pooling2d";
    case LayerKind::kAvgPool2D: return "average_pooling2d";
    case LayerKind::kGlobalAvgPool: return "global_average_pooling2d";
    case LayerKind::kZeroPad: return "zero_padding2d";
    case LayerKind::kDense: return "dense";
    case LayerKind::kFlatten: return "flatten";
    case LayerKind::kDropout: return "dropout";
    case LayerKind::kRescale: return "rescaling";
    case LayerKind::kBatchNorm: return "batch_normalization";
    case LayerKind::kReLU6: return "re_lu";  // Keras' layers.ReLU(6.), as MobileNet writes it
    case LayerKind::kResidual: return "add";
    case LayerKind::kParallel: return "concatenate";
    default: return "activation";
  }
}

// The row that closes a block: what is added or stacked.
std::string block_row_text(const LayerSpec& b) {
  if (b.kind == LayerKind::kResidual) return b.branches.size() > 1 ? "+ projection shortcut" : "+ identity shortcut";
  return "concatenate " + std::to_string(b.branches.size()) + " branches";
}

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

class Summarizer {
 public:
  explicit Summarizer(Summary* sum) : sum_(sum) {}

  Status rows(const std::vector<LayerSpec>& layers, Shape3 in, int depth, int path, const std::string& outer) {
    Shape3 shape = in;
    for (size_t i = 0; i < layers.size(); ++i) {
      const LayerSpec& l = layers[i];
      const std::string name = outer + "layer " + std::to_string(i + 1);
      Expected<Shape3> out = layer_output_shape(l, shape);
      if (!out) return make_error(name + ": " + out.error());
      if (l.attached && !sum_->rows.empty()) {
        sum_->rows.back().text += " " + layer_text(l);
        sum_->rows.back().output = *out;
      } else if (is_block(l.kind)) {
        for (size_t p = 0; p < l.branches.size(); ++p) {
          Status st = rows(l.branches[p], shape, depth + 1, int(p), name + ", path " + std::to_string(p + 1) + ", ");
          if (!st) return st;
        }
        const Count params = layer_trainable_params(l, shape) + layer_nontrainable_params(l, shape);
        const Count macs = layer_macs(l, shape, *out);
        if (params.overflowed() || macs.overflowed()) return too_many(name, l, params.overflowed());
        sum_->rows.push_back(SummaryRow{keras_name(l), block_row_text(l), *out, params.value(), macs.value(), depth, path, true});
      } else {
        Status st = leaf(l, shape, *out, depth, path, name);
        if (!st) return st;
      }
      shape = *out;
    }
    return ok_status();
  }

 private:
  Status leaf(const LayerSpec& l, Shape3 in, Shape3 out, int depth, int path, const std::string& name) {
    const Count trainable_count = layer_trainable_params(l, in), fixed_count = layer_nontrainable_params(l, in);
    const Count macs_count = layer_macs(l, in, out);
    const Count total_params = Count(sum_->trainable) + trainable_count + sum_->nontrainable + fixed_count;
    const Count total_macs = Count(sum_->macs) + macs_count;
    if (total_params.overflowed() || total_macs.overflowed()) return too_many(name, l, total_params.overflowed());
    const int64_t trainable = trainable_count.value(), fixed = fixed_count.value(), macs = macs_count.value();
    sum_->rows.push_back(SummaryRow{keras_name(l), layer_text(l), out, trainable + fixed, macs, depth, path, false});
    sum_->trainable += trainable;
    sum_->nontrainable += fixed;
    sum_->macs += macs;
    return ok_status();
  }

  static Error too_many(const std::string& name, const LayerSpec& l, bool params) {
    const std::string text = is_block(l.kind) ? std::string(keras_name(l)) + " block" : layer_text(l);
    return make_error(name + " (" + text + "): its " + (params ? "parameters" : "multiply-accumulates") +
                      " are too many to count (more than 9.2e18); the spec asks for far more than any computer holds");
  }

  Summary* sum_;
};

}  // namespace

std::string with_commas(int64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  int n = int(digits.size());
  for (int i = 0; i < n; ++i) {
    out += digits[i];
    if ((n - 1 - i) % 3 == 0 && i != n - 1 && digits[i] != '-') out += ',';
  }
  return out;
}

Expected<Summary> summarize(const ModelSpec& spec) {
  Summary sum;
  sum.input = spec.input;
  Status st = Summarizer(&sum).rows(spec.layers, spec.input, 0, 0, "");
  if (!st) return make_error(st.error());
  sum.params = sum.trainable + sum.nontrainable;
  return sum;
}

std::string summary_table(const Summary& s) {
  // Inside a block rows are indented, and a path after the first starts with '|'.
  std::vector<std::pair<std::string, std::string>> names;  // (layer, spec) per row
  int name_width = 22, text_width = 30;
  for (const SummaryRow& r : s.rows) {
    const std::string indent(size_t(2 * r.depth), ' ');
    names.emplace_back(indent + r.name, indent + (r.depth > 0 && !r.block && r.path > 0 ? "| " : "") + r.text);
    name_width = std::max(name_width, int(names.back().first.size()));
    text_width = std::max(text_width, std::min(int(names.back().second.size()), 72));
  }
  std::string out;
  auto row = [&](const std::string& name, const std::string& text, const std::string& shape, const std::string& params,
                 const std::string& macs) {
    char line[512];
    std::snprintf(line, sizeof line, "%-*s %-*s %-13s %12s %16s\n", name_width, name.c_str(), text_width, text.c_str(),
                  shape.c_str(), params.c_str(), macs.c_str());
    out += line;
  };
  const std::string rule(size_t(name_width + text_width + 13 + 12 + 16 + 4), '-');
  row("Layer", "Spec", "Output", "Params", "MACs");
  out += rule + "\n";
  row("input", "", s.input.str(), "0", "0");
  for (size_t i = 0; i < s.rows.size(); ++i)
    row(names[i].first, names[i].second, s.rows[i].output.str(), with_commas(s.rows[i].params), with_commas(s.rows[i].macs));
  out += rule + "\n";
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
    out += "{\"name\":\"" + r.name + "\",\"spec\":\"" + json_escape(r.text) + "\",\"output\":\"" + r.output.str() +
           "\",\"params\":" + std::to_string(r.params) + ",\"macs\":" + std::to_string(r.macs) +
           ",\"depth\":" + std::to_string(r.depth) + ",\"path\":" + std::to_string(r.path) +
           ",\"block\":" + (r.block ? "true" : "false") + "}";
  }
  out += "],\"params\":" + std::to_string(s.params) + ",\"trainable_params\":" + std::to_string(s.trainable) +
         ",\"nontrainable_params\":" + std::to_string(s.nontrainable) + ",\"macs\":" + std::to_string(s.macs) + "}";
  return out;
}

}  // namespace cnn
