// Shape inference and parameter counts: the one place where each layer's output shape,
// parameters and multiply-accumulates are worked out from the spec.
#include "model/spec.h"

namespace cnn {
namespace {

// One sample's activations at any layer: 2^28 floats (1 GiB) is beyond any network this
// tool teaches, and keeps every size an int.
constexpr int64_t kMaxSampleValues = int64_t(1) << 28;

std::string pair_text(int a, int b) { return std::to_string(a) + "x" + std::to_string(b); }

// Where a layer is, for its errors: its own column in the text, and which statement of which
// path of which block it is (counted as written, the summary's rows): "spec column 23 (layer 2)", "spec column 40 (layer 2 of path 1 of
// residual(...))". A spec built in code has no columns: "spec layer 2".
std::string where(const LayerSpec& layer, size_t statement, const std::string& outer) {
  const std::string which = "layer " + std::to_string(statement + 1) + outer;
  if (layer.column <= 0) return "spec " + which;
  return "spec column " + std::to_string(layer.column) + " (" + which + ")";
}

Status check_sequence(const std::vector<LayerSpec>& layers, Shape3 in, const std::string& outer, bool top,
                      Shape3* out);

// The paths of a block, each from `in`; the block's own errors name its column, its layers'
// errors their own columns and the path.
Status check_block(const LayerSpec& b, Shape3 in, const std::string& outer, Shape3* out) {
  const std::string head = b.kind == LayerKind::kResidual ? "residual(...)" : "parallel(...)";
  for (size_t p = 0; p < b.branches.size(); ++p) {
    Shape3 o;
    Status st = check_sequence(b.branches[p], in, " of path " + std::to_string(p + 1) + " of " + head + outer, false, &o);
    if (!st) return st;
  }
  Expected<Shape3> shape = layer_output_shape(b, in);
  if (!shape) {
    const std::string at = b.column > 0 ? "spec column " + std::to_string(b.column) + " (" + head + outer + ")"
                                        : "spec " + head + outer;
    return make_error(at + ": " + shape.error());
  }
  *out = *shape;
  return ok_status();
}

Status check_sequence(const std::vector<LayerSpec>& layers, Shape3 in, const std::string& outer, bool top,
                      Shape3* out) {
  Shape3 shape = in;
  size_t statement = 0;  // as written: an attached activation belongs to the statement before
  for (size_t l = 0; l < layers.size(); ++l) {
    const LayerSpec& layer = layers[l];
    if (!layer.attached || statement == 0) ++statement;
    const std::string name = where(layer, statement - 1, outer);
    if (layer.kind == LayerKind::kSoftmax && !(top && l + 1 == layers.size()))
      return make_error(name + ": 'softmax' may only end the network");
    Shape3 next;
    if (is_block(layer.kind)) {
      Status st = check_block(layer, shape, outer, &next);
      if (!st) return st;
    } else {
      Expected<Shape3> o = layer_output_shape(layer, shape);
      if (!o) return make_error(name + ": " + o.error());
      next = *o;
    }
    if (next.size() > kMaxSampleValues) return make_error(name + ": output " + next.str() + " is too large");
    shape = next;
  }
  *out = shape;
  return ok_status();
}

Count sequence_count(const std::vector<LayerSpec>& layers, Shape3 in,
                     Count (*count)(const LayerSpec&, Shape3, Shape3)) {
  Count sum = 0;
  Shape3 shape = in;
  for (const LayerSpec& l : layers) {
    Expected<Shape3> out = layer_output_shape(l, shape);
    if (!out) return sum;  // check_spec refused such a spec already
    sum += count(l, shape, *out);
    shape = *out;
  }
  return sum;
}

Count trainable_of(const LayerSpec& l, Shape3 in, Shape3) { return layer_trainable_params(l, in); }
Count nontrainable_of(const LayerSpec& l, Shape3 in, Shape3) { return layer_nontrainable_params(l, in); }
Count macs_of(const LayerSpec& l, Shape3 in, Shape3 out) { return layer_macs(l, in, out); }

Count paths_count(const LayerSpec& b, Shape3 in, Count (*count)(const LayerSpec&, Shape3, Shape3)) {
  Count sum = 0;
  for (const std::vector<LayerSpec>& path : b.branches) sum += sequence_count(path, in, count);
  return sum;
}

}  // namespace

Status check_spec(const ModelSpec& spec) {
  // Every spec can be saved: a model file holds at most kMaxSpecTextBytes of spec text.
  const size_t length = to_text(spec).size();
  if (length > kMaxSpecTextBytes)
    return make_error("spec: " + std::to_string(length) + " characters written out, more than the " +
                      std::to_string(kMaxSpecTextBytes) + " a model file holds");
  if (spec.input.size() > kMaxSampleValues) return make_error("spec: input " + spec.input.str() + " is too large");
  Shape3 out;
  return check_sequence(spec.layers, spec.input, "", true, &out);
}

int conv_output_size(int n, int f, int pad, int stride) {
  int span = n + 2 * pad - f;
  int floor_div = span >= 0 ? span / stride : -((-span + stride - 1) / stride);
  return floor_div + 1;
}

Expected<Shape3> sequence_output_shape(const std::vector<LayerSpec>& layers, Shape3 in) {
  Shape3 shape = in;
  for (const LayerSpec& l : layers) {
    Expected<Shape3> out = layer_output_shape(l, shape);
    if (!out) return out;
    shape = *out;
  }
  return shape;
}

Expected<Shape3> layer_output_shape(const LayerSpec& l, Shape3 in) {
  switch (l.kind) {
    case LayerKind::kConv2D:
    case LayerKind::kDepthwiseConv2D:
    case LayerKind::kMaxPool2D:
    case LayerKind::kAvgPool2D: {
      const bool conv = l.kind == LayerKind::kConv2D || l.kind == LayerKind::kDepthwiseConv2D;
      if (!conv && in.h == 1 && in.w == 1 && in.c > 1)
        return make_error(layer_text(l) + ": input " + in.str() + " is flat; pooling needs an image");
      int oh = conv_output_size(in.h, l.kh, l.pad_h, l.stride);
      int ow = conv_output_size(in.w, l.kw, l.pad_w, l.stride);
      // A 1x1 conv on 1x1xC is Keras MobileNet's head; a larger kernel there is a slip in order.
      if ((oh <= 0 || ow <= 0) && in.h == 1 && in.w == 1)
        return make_error(layer_text(l) + ": input " + in.str() + " is flat; a " + pair_text(l.kh, l.kw) +
                          " convolution needs an image (convolutions go before 'flatten' and 'dense')");
      if (oh <= 0 || ow <= 0)
        return make_error(layer_text(l) + ": input " + in.str() + " is too small for the " + pair_text(l.kh, l.kw) +
                          " window with padding " + (l.pad_h == l.pad_w ? std::to_string(l.pad_h) : pair_text(l.pad_h, l.pad_w)) +
                          " (floor((n + 2p - f) / s) + 1 gives " + std::to_string(oh) + "x" + std::to_string(ow) + ")");
      return Shape3{l.kind == LayerKind::kConv2D ? l.units : in.c, oh, ow};
    }
    case LayerKind::kZeroPad: {
      const int64_t h = int64_t(in.h) + l.zero_pad[0] + l.zero_pad[1], w = int64_t(in.w) + l.zero_pad[2] + l.zero_pad[3];
      if (h > (1 << 20) || w > (1 << 20)) return make_error(layer_text(l) + ": the padded image is too large");
      return Shape3{in.c, int(h), int(w)};
    }
    case LayerKind::kGlobalAvgPool: return Shape3{in.c, 1, 1};
    case LayerKind::kDense:
      if (in.h != 1 || in.w != 1)
        return make_error("dense " + std::to_string(l.units) + ": input " + in.str() +
                          " is an image; add 'flatten' or 'globalavgpool' before it");
      return Shape3{l.units, 1, 1};
    case LayerKind::kFlatten: return Shape3{int(in.size()), 1, 1};
    case LayerKind::kResidual: {
      Expected<Shape3> main = sequence_output_shape(l.branches[0], in);
      if (!main) return main;
      Expected<Shape3> shortcut = l.branches.size() > 1 ? sequence_output_shape(l.branches[1], in) : Expected<Shape3>(in);
      if (!shortcut) return shortcut;
      if (!(*main == *shortcut))
        return make_error("the main path gives " + main->str() + " but the " +
                          (l.branches.size() > 1 ? "shortcut gives " : "identity shortcut passes the input, ") +
                          shortcut->str() + "; the two are added, so they must match" +
                          (l.branches.size() > 1 ? "" : " (give the shortcut a projection: residual(MAIN | conv " +
                                                            std::to_string(main->c) + " 1x1 ...))"));
      return *main;
    }
    case LayerKind::kParallel: {
      Shape3 out{0, 0, 0};
      for (size_t b = 0; b < l.branches.size(); ++b) {
        Expected<Shape3> o = sequence_output_shape(l.branches[b], in);
        if (!o) return o;
        if (b == 0) out = Shape3{0, o->h, o->w};
        else if (o->h != out.h || o->w != out.w)
          return make_error("branch 1 gives " + pair_text(out.h, out.w) + " but branch " + std::to_string(b + 1) +
                            " gives " + o->str() + "; branches are stacked along channels, so their height and width must match");
        if (int64_t(out.c) + o->c > (1 << 24)) return make_error("the branches give too many channels");
        out.c += o->c;
      }
      return out;
    }
    default: return in;
  }
}

Count layer_trainable_params(const LayerSpec& l, Shape3 in) {
  switch (l.kind) {
    case LayerKind::kConv2D: return Count(l.units) * in.c * l.kh * l.kw + (l.bias ? l.units : 0);
    case LayerKind::kDepthwiseConv2D: return Count(in.c) * l.kh * l.kw + (l.bias ? in.c : 0);
    case LayerKind::kDense: return Count(l.units) * in.size() + l.units;
    case LayerKind::kBatchNorm: return Count(l.scale ? 2 : 1) * in.c;
    case LayerKind::kResidual:
    case LayerKind::kParallel: return paths_count(l, in, trainable_of);
    default: return 0;
  }
}

Count layer_nontrainable_params(const LayerSpec& l, Shape3 in) {
  if (is_block(l.kind)) return paths_count(l, in, nontrainable_of);
  return l.kind == LayerKind::kBatchNorm ? Count(2) * in.c : Count(0);
}

Count layer_macs(const LayerSpec& l, Shape3 in, Shape3 out) {
  switch (l.kind) {
    case LayerKind::kConv2D: return Count(out.size()) * in.c * l.kh * l.kw;
    case LayerKind::kDepthwiseConv2D: return Count(out.size()) * l.kh * l.kw;
    case LayerKind::kDense: return Count(l.units) * in.size();
    case LayerKind::kResidual:
    case LayerKind::kParallel: return paths_count(l, in, macs_of);
    default: return 0;
  }
}

}  // namespace cnn
