#include "teach/network_inspect.h"

#include <cstring>

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

// Kernels and biases of the statement's first engine layer (the conv or dense; an
// attached activation follows it).
void add_parameters(Layer& layer, StatementView& view) {
  const LayerKind kind = layer.spec().kind;
  if (kind != LayerKind::kConv2D && kind != LayerKind::kDense) return;
  if (const Tensor* b = param(layer, "bias")) view.biases.assign(b->data(), b->data() + b->size());
  if (kind != LayerKind::kConv2D) return;
  if (const Tensor* w = param(layer, "weight")) {  // [OC][IC][KH][KW]: already plane o * IC + i
    view.kernels = Planes{Shape3{w->n() * w->c(), w->h(), w->w()}, std::vector<float>(w->data(), w->data() + w->size())};
    view.kernel_inputs = w->c();
  }
}

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
  const std::vector<ReceptiveField> fields = receptive_fields(model.spec());
  // Engine layers group into statements exactly as summarize() groups them into rows.
  for (int i = 0; i < model.layer_count(); ++i) {
    const LayerSpec& l = model.layer(i).spec();
    if (!l.attached || net.layers.empty()) {
      const cnn::SummaryRow& row = summary->rows[net.layers.size()];
      net.layers.emplace_back();
      net.layers.back().name = row.name;
      net.layers.back().text = row.text;
      add_parameters(model.layer(i), net.layers.back());
    }
    StatementView& view = net.layers.back();
    view.output = l.kind == LayerKind::kSoftmax ? Planes{Shape3{int(net.probs.size()), 1, 1}, net.probs}
                                                : planes_of(model.activation(i + 1));
    view.field = fields[size_t(i)];
  }
  return net;
}

}  // namespace cnn::teach
