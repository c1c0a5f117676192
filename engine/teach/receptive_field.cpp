#include "teach/receptive_field.h"

#include <algorithm>
#include <cstdint>

namespace cnn::teach {
namespace {

// Saturates instead of overflowing: a deep stack of strided layers on a 1x1 map is a valid
// spec, and its field is "everything" long before 2^30 pixels.
int saturate(int64_t v) { return int(std::clamp<int64_t>(v, -(int64_t(1) << 30), int64_t(1) << 30)); }

FieldAxis through_window(FieldAxis a, int f, int stride, int pad) {
  a.size = saturate(a.size + int64_t(f - 1) * a.jump);
  a.first = saturate(a.first - int64_t(pad) * a.jump);
  a.jump = saturate(int64_t(a.jump) * stride);
  return a;
}

FieldAxis axis_union(FieldAxis a, FieldAxis b) {
  const int64_t first = std::min(a.first, b.first);
  const int64_t end = std::max(int64_t(a.first) + a.size, int64_t(b.first) + b.size);
  return FieldAxis{saturate(end - first), std::max(a.jump, b.jump), saturate(first)};
}

ReceptiveField whole_input(Shape3 input) {
  ReceptiveField f;
  f.y = FieldAxis{input.h, 1, 0};
  f.x = FieldAxis{input.w, 1, 0};
  f.whole = true;
  return f;
}

}  // namespace

ReceptiveField field_union(const ReceptiveField& a, const ReceptiveField& b) {
  ReceptiveField f;
  f.y = axis_union(a.y, b.y);
  f.x = axis_union(a.x, b.x);
  f.whole = a.whole || b.whole;
  return f;
}

ReceptiveField field_through(const LayerSpec& l, const ReceptiveField& in, Shape3 input) {
  if (in.whole || l.kind == LayerKind::kDense || l.kind == LayerKind::kGlobalAvgPool) return whole_input(input);
  ReceptiveField f = in;
  switch (l.kind) {
    case LayerKind::kConv2D:
    case LayerKind::kDepthwiseConv2D:
    case LayerKind::kMaxPool2D:
    case LayerKind::kAvgPool2D:
      f.y = through_window(f.y, l.kh, l.stride, l.pad_h);
      f.x = through_window(f.x, l.kw, l.stride, l.pad_w);
      break;
    case LayerKind::kZeroPad:
      f.y = through_window(f.y, 1, 1, l.zero_pad[0]);
      f.x = through_window(f.x, 1, 1, l.zero_pad[2]);
      break;
    case LayerKind::kResidual:
    case LayerKind::kParallel: {
      bool any = false;
      ReceptiveField all;
      for (const std::vector<LayerSpec>& path : l.branches) {
        ReceptiveField p = in;
        for (const LayerSpec& inner : path) p = field_through(inner, p, input);
        all = any ? field_union(all, p) : p;
        any = true;
      }
      if (l.kind == LayerKind::kResidual && l.branches.size() == 1) all = field_union(all, in);  // identity
      f = all;
      break;
    }
    default: break;
  }
  return f;
}

std::vector<ReceptiveField> receptive_fields(const ModelSpec& spec) {
  std::vector<ReceptiveField> fields;
  ReceptiveField field;  // the input: each pixel sees itself
  for (const LayerSpec& l : spec.layers) {
    field = field_through(l, field, spec.input);
    fields.push_back(field);
  }
  return fields;
}

}  // namespace cnn::teach
