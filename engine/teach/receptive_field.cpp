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

}  // namespace

std::vector<ReceptiveField> receptive_fields(const ModelSpec& spec) {
  std::vector<ReceptiveField> fields;
  ReceptiveField field;  // the input: each pixel sees itself
  bool whole = false;    // after a dense layer
  for (const LayerSpec& l : spec.layers) {
    if (l.kind == LayerKind::kDense) whole = true;
    if (whole) {
      field.y = FieldAxis{spec.input.h, 1, 0};
      field.x = FieldAxis{spec.input.w, 1, 0};
    } else if (l.kind == LayerKind::kConv2D) {
      field.y = through_window(field.y, l.kh, l.stride, l.pad_h);
      field.x = through_window(field.x, l.kw, l.stride, l.pad_w);
    } else if (l.kind == LayerKind::kMaxPool2D || l.kind == LayerKind::kAvgPool2D) {
      field.y = through_window(field.y, l.kh, l.stride, 0);
      field.x = through_window(field.x, l.kw, l.stride, 0);
    }
    fields.push_back(field);
  }
  return fields;
}

}  // namespace cnn::teach
