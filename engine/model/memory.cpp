#include "model/memory.h"

#include <algorithm>
#include <cstdio>
#include <functional>

#include "layers/conv2d/conv2d.h"
#include "layers/dwconv2d/dwconv2d.h"

namespace cnn {
namespace {

int64_t g_budget = kDefaultMemoryBudget;
constexpr int64_t kFloat = 4;

}  // namespace

int64_t memory_budget() { return g_budget; }
void set_memory_budget(int64_t bytes) { g_budget = bytes; }

std::string byte_text(Count bytes) {
  if (bytes.overflowed()) return "more than 9.2e18 bytes";
  const double b = double(bytes.value());
  char buf[32];
  if (b >= 1e9) std::snprintf(buf, sizeof buf, "%.1f GB", b / 1e9);
  else if (b >= 1e6) std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
  else if (b >= 1e3) std::snprintf(buf, sizeof buf, "%.0f kB", b / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f bytes", b);
  return buf;
}

Expected<MemoryNeed> memory_need(const ModelSpec& spec, const MemoryUse& use) {
  MemoryNeed need;
  auto note = [&need](Count bytes, std::string what) {
    if (bytes.overflowed() || (!need.largest_bytes.overflowed() && bytes.value() > need.largest_bytes.value())) {
      need.largest_bytes = bytes;
      need.largest = std::move(what);
    }
  };
  const Count big_batch = std::max(use.batch, use.eval_batch);
  Count trainable, fixed;
  Count act_floats = spec.input.size();  // the model's copy of the input (acts_[0])
  Count grad_floats = spec.input.size();
  Count extras = 0;                      // per sample, training batch: masks and arg-max indices
  // Every layer's output and gradient, also inside blocks (each path keeps its own, and a
  // block adds a path's dx and, in a parallel block, a branch's slice of dy).
  std::function<Status(const std::vector<LayerSpec>&, Shape3, const std::string&)> walk =
      [&](const std::vector<LayerSpec>& layers, Shape3 shape, const std::string& outer) -> Status {
    for (size_t i = 0; i < layers.size(); ++i) {
      const LayerSpec& l = layers[i];
      Expected<Shape3> out = layer_output_shape(l, shape);
      if (!out) return make_error(outer + "layer " + std::to_string(i + 1) + ": " + out.error());
      const std::string name = outer + "layer " + std::to_string(i + 1) + " (" +
                               (is_block(l.kind) ? std::string(l.kind == LayerKind::kResidual ? "residual" : "parallel") + " block"
                                                 : layer_text(l)) + ")";
      if (is_block(l.kind)) {
        for (size_t p = 0; p < l.branches.size(); ++p) {
          Status st = walk(l.branches[p], shape, name + ", path " + std::to_string(p + 1) + ", ");
          if (!st) return st;
        }
        grad_floats += shape.size() + out->size();
      } else {
        const Count weights = (layer_trainable_params(l, shape) * 2 + layer_nontrainable_params(l, shape)) * kFloat;
        note(weights, "the weights of " + name);
      }
      if (outer.empty()) {
        trainable += layer_trainable_params(l, shape);
        fixed += layer_nontrainable_params(l, shape);
      }
      act_floats += out->size();
      grad_floats += out->size();
      note(Count(out->size()) * big_batch * kFloat, "the output of " + name + " for a batch of " +
                                                       std::to_string(big_batch.value()));
      if (l.kind == LayerKind::kDropout || l.kind == LayerKind::kMaxPool2D) extras += out->size();
      Count ws = 0;
      if (l.kind == LayerKind::kConv2D) {
        const Conv2DShape s{1, shape.c, shape.h, shape.w, out->c, l.kh, l.kw, l.stride, l.pad_h, l.pad_w, out->h, out->w};
        ws = Conv2D::default_kernel().workspace_floats(s) * kFloat;
      } else if (l.kind == LayerKind::kDepthwiseConv2D) {
        const DwConv2DShape s{1, shape.c, shape.h, shape.w, l.kh, l.kw, l.stride, l.pad_h, l.pad_w, out->h, out->w};
        ws = DepthwiseConv2D::default_kernel().workspace_floats(s) * kFloat;
      }
      need.workspace += ws;  // 0 for every other layer, and never the largest part
      note(ws, "the workspace of " + name);
      shape = *out;
    }
    return ok_status();
  };
  Status walked = walk(spec.layers, spec.input, "");
  if (!walked) return make_error(walked.error());
  need.weights = (trainable * 2 + fixed) * kFloat;
  const int slots = use.optimizer == OptimizerKind::kAdam ? 2 : use.optimizer == OptimizerKind::kMomentum ? 1 : 0;
  if (use.training) need.optimizer = trainable * slots * kFloat;
  need.activations = act_floats * big_batch * kFloat + extras * big_batch * kFloat +
                     Count(spec.input.size()) * big_batch * 2 * kFloat;  // the trainer's and host's input batches
  if (use.training) need.activations += grad_floats * use.batch * kFloat;
  return need;
}

Status check_memory(const ModelSpec& spec, const MemoryUse& use, const std::string& what) {
  Expected<MemoryNeed> need = memory_need(spec, use);
  if (!need) return make_error(what + ": " + need.error());
  const Count total = need->total();
  if (!total.overflowed() && total.value() <= memory_budget()) return ok_status();
  std::string message = what + " needs " + byte_text(total);
  if (!need->largest.empty()) message += " (" + need->largest + " alone is " + byte_text(need->largest_bytes) + ")";
  message += ", more than the memory budget of " + byte_text(memory_budget());
  return make_error(message);
}

}  // namespace cnn
