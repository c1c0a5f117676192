#include "teach/separable_trace.h"

#include <algorithm>

#include "layers/conv2d/conv2d_kernels.h"
#include "layers/dwconv2d/dwconv2d_kernels.h"
#include "model/spec.h"

namespace cnn::teach {
namespace {

std::string number(int64_t v) { return std::to_string(v); }

// Sets *oh and *ow once the stride is known to be a divisor.
std::string check(const SeparableRequest& r, int* oh_out, int* ow_out) {
  const Shape3 in = r.input.shape, k = r.depthwise.shape, pw = r.pointwise.shape;
  std::string problem = planes_problem(r.input, "separable: the input", kSeparableMaxChannels, kSeparableMaxSide);
  if (!problem.empty()) return problem;
  if (k.h != k.w || k.h < 1 || k.h > kSeparableMaxKernel)
    return "separable: the depthwise kernel is " + number(k.h) + "x" + number(k.w) + "; it must be square, 1x1 to " +
           number(kSeparableMaxKernel) + "x" + number(kSeparableMaxKernel);
  if (k.c != in.c)
    return "separable: " + number(k.c) + " depthwise kernels for " + number(in.c) + " channels (one kernel a channel)";
  problem = planes_problem(r.depthwise, "separable: the depthwise kernels", kSeparableMaxChannels, kSeparableMaxKernel);
  if (!problem.empty()) return problem;
  if (pw.c < 1 || pw.c > kSeparableMaxFilters || pw.h != in.c || pw.w != 1 ||
      r.pointwise.values.size() != size_t(pw.size()))
    return "separable: the pointwise kernels are " + number(pw.c) + "x" + number(pw.h) + "x" + number(pw.w) + "; they must be 1.." +
           number(kSeparableMaxFilters) + " filters of " + number(in.c) + " weights (" + number(in.c) + "x1)";
  if (r.padding < 0 || r.padding > 3) return "separable: padding " + number(r.padding) + " is not in 0..3";
  if (r.stride < 1 || r.stride > 3) return "separable: stride " + number(r.stride) + " is not in 1..3";
  const int oh = *oh_out = conv_output_size(in.h, k.h, r.padding, r.stride);
  const int ow = *ow_out = conv_output_size(in.w, k.w, r.padding, r.stride);
  if (oh < 1 || ow < 1)
    return "separable: a " + number(k.h) + "x" + number(k.h) + " kernel does not fit a " + number(in.h) + "x" + number(in.w) +
           " input with padding " + number(r.padding);
  const int channels = r.step == SeparableStep::kDepthwise ? in.c : pw.c;
  if (r.cell < 0 || r.cell >= channels * oh * ow)
    return "separable: cell " + number(r.cell) + " is outside the " + number(channels) + "x" + number(oh) + "x" + number(ow) +
           " output";
  return "";
}

}  // namespace

Expected<SeparableTrace> trace_separable(const SeparableRequest& r) {
  int oh = 0, ow = 0;
  const std::string problem = check(r, &oh, &ow);
  if (!problem.empty()) return make_error(problem);
  const Shape3 in = r.input.shape;
  const int f = r.depthwise.shape.h, filters = r.pointwise.shape.c, p = r.padding, s = r.stride;

  SeparableTrace t;
  t.depthwise_out = zero_planes(Shape3{in.c, oh, ow});
  t.pointwise_out = zero_planes(Shape3{filters, oh, ow});
  const std::vector<float> zero_bias(size_t(std::max(in.c, filters)), 0.0f);
  const DwConv2DShape dw{1, in.c, in.h, in.w, f, f, s, p, p, oh, ow};
  f32_dwconv2d_fwd__scalar(dw, r.input.values.data(), r.depthwise.values.data(), zero_bias.data(),
                           t.depthwise_out.values.data(), nullptr);
  const Conv2DShape pw{1, in.c, oh, ow, filters, 1, 1, 1, 0, 0, oh, ow};
  f32_conv2d_fwd__scalar(pw, t.depthwise_out.values.data(), r.pointwise.values.data(), zero_bias.data(),
                         t.pointwise_out.values.data(), nullptr);

  const int64_t cells = int64_t(oh) * ow;
  t.depthwise_macs = int64_t(in.c) * cells * f * f;
  t.pointwise_macs = int64_t(filters) * cells * in.c;
  t.normal_macs = int64_t(filters) * cells * in.c * f * f;
  t.channel = r.cell / int(cells);
  t.out_y = (r.cell % int(cells)) / ow;
  t.out_x = r.cell % ow;
  if (r.step == SeparableStep::kDepthwise) {
    t.done_macs = int64_t(r.cell + 1) * f * f;
    t.window_y = t.out_y * s - p;
    t.window_x = t.out_x * s - p;
    t.sum = 0.0f;  // the kernel's bias
    for (int u = 0; u < f; ++u)
      for (int v = 0; v < f; ++v) {
        const int y = t.window_y + u, x = t.window_x + v;
        const bool inside = y >= 0 && y < in.h && x >= 0 && x < in.w;
        const float value = inside ? r.input.at(t.channel, y, x) : 0.0f;
        const float weight = r.depthwise.at(t.channel, u, v);
        t.values.push_back(value);
        t.weights.push_back(weight);
        t.products.push_back(weight * value);
        if (inside) t.sum += weight * value;  // the kernel skips the border, as here
      }
  } else {
    t.done_macs = t.depthwise_macs + int64_t(r.cell + 1) * in.c;
    t.sum = 0.0f;
    for (int c = 0; c < in.c; ++c) {
      const float value = t.depthwise_out.at(c, t.out_y, t.out_x);
      const float weight = r.pointwise.at(t.channel, c, 0);
      t.values.push_back(value);
      t.weights.push_back(weight);
      t.products.push_back(value * weight);
      t.sum += value * weight;  // f32_conv2d_fwd__scalar's order: x * w, channel by channel
    }
  }
  return t;
}

}  // namespace cnn::teach
