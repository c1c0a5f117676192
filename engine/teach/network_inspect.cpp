#include "teach/network_inspect.h"

#include <cassert>
#include <cstring>
#include <functional>

#include "layers/block/block.h"

namespace cnn::teach {
namespace {

Planes planes_of(const Tensor& t) {
  return Planes{t.shape(), std::vector<float>(t.data(), t.data() + t.sample_size())};
}

const Tensor* param(Layer& layer, const char* name) {
  for (const ParamRef& p : layer.params())
    if (std::strcmp(p.name, name) == 0) return p.value;
  return nullptr;
}

// Kernels and biases of the statement's first engine layer (the conv, depthwise conv or
// dense; an attached activation follows it).
void add_parameters(Layer& layer, StatementView& view) {
  const LayerKind kind = layer.spec().kind;
  if (kind != LayerKind::kConv2D && kind != LayerKind::kDepthwiseConv2D && kind != LayerKind::kDense) return;
  if (const Tensor* b = param(layer, "bias")) view.biases.assign(b->data(), b->data() + b->size());
  if (kind == LayerKind::kDense) return;
  // A depthwise kernel is [C][1][KH][KW]: one plane per channel, over one input each.
  if (const Tensor* w = param(layer, "weight")) {  // [OC][IC][KH][KW]: already plane o * IC + i
    view.kernels = Planes{Shape3{w->n() * w->c(), w->h(), w->w()}, std::vector<float>(w->data(), w->data() + w->size())};
    view.kernel_inputs = w->c();
  }
}

// Walks the engine's layers in the order summarize() writes its rows: a statement's first
// layer opens a view (its row), an attached activation updates it; a block's paths come
// first, then the block's own row.
class Walker {
 public:
  Walker(const Summary& summary, Shape3 input, NetworkView* net) : summary_(summary), input_(input), net_(net) {}

  using LayerAt = std::function<Layer&(int)>;
  using OutputAt = std::function<const Tensor&(int)>;

  // `layer(i)` and `output(i)` give a sequence's layers and their outputs; returns the
  // field after the last one.
  ReceptiveField sequence(int count, const LayerAt& layer, const OutputAt& output, ReceptiveField field, bool top) {
    for (int i = 0; i < count; ++i) {
      Layer& l = layer(i);
      const LayerSpec& spec = l.spec();
      if (is_block(spec.kind)) {
        auto& block = static_cast<Block&>(l);
        for (int p = 0; p < block.path_count(); ++p) {
          LayerSequence& path = block.path(p);
          sequence(path.size(), [&](int k) -> Layer& { return path.layer(k); },
                   [&](int k) -> const Tensor& { return path.output(k); }, field, false);
        }
      }
      field = field_through(spec, field, input_);
      if (!spec.attached || net_->layers.empty()) open(l);
      StatementView& view = net_->layers.back();
      const bool last = top && i + 1 == count;
      view.output = spec.kind == LayerKind::kSoftmax && last
                        ? Planes{Shape3{int(net_->probs.size()), 1, 1}, net_->probs}
                        : planes_of(output(i));
      view.field = field;
    }
    return field;
  }

  size_t rows_used() const { return row_; }

 private:
  void open(Layer& l) {
    const cnn::SummaryRow& row = summary_.rows[row_++];
    net_->layers.emplace_back();
    StatementView& view = net_->layers.back();
    view.name = row.name;
    view.text = row.text;
    view.depth = row.depth;
    view.path = row.path;
    view.block = row.block;
    add_parameters(l, view);
  }

  const Summary& summary_;
  Shape3 input_;
  NetworkView* net_;
  size_t row_ = 0;
};

}  // namespace

Expected<NetworkView> inspect_network(Model& model, const std::vector<float>& input) {
  const Shape3 in = model.input_shape();
  if (int64_t(input.size()) != in.size())
    return make_error("inspect: " + std::to_string(input.size()) + " values for a " + in.str() + " input (" +
                      std::to_string(in.size()) + " needed)");
  Expected<Summary> summary = summarize(model.spec());
  if (!summary) return make_error(summary.error());

  Tensor x(1, in), probs;
  std::copy(input.begin(), input.end(), x.data());
  model.predict(x, probs);

  NetworkView net;
  net.probs.assign(probs.data(), probs.data() + probs.size());
  Walker walker(*summary, in, &net);
  walker.sequence(model.layer_count(), [&](int i) -> Layer& { return model.layer(i); },
                  [&](int i) -> const Tensor& { return model.activation(i + 1); }, ReceptiveField{}, true);
  assert(walker.rows_used() == summary->rows.size());
  return net;
}

}  // namespace cnn::teach
