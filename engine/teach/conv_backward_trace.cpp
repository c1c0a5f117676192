#include "teach/conv_backward_trace.h"

#include <cstring>

#include "layers/conv2d/conv2d_kernels.h"
#include "model/spec.h"

namespace cnn::teach {
namespace {

std::string number(int v) { return std::to_string(v); }

// Sets *oh and *ow once the stride is known to be a divisor.
std::string check(const ConvBackwardRequest& r, int* oh_out, int* ow_out) {
  const Shape3 in = r.input.shape, k = r.kernel.shape;
  std::string problem = planes_problem(r.input, "backward: the input", kBackwardTraceMaxChannels, kBackwardTraceMaxSide);
  if (!problem.empty()) return problem;
  if (k.h != k.w || k.h < 1 || k.h > kBackwardTraceMaxKernel)
    return "backward: the kernel is " + number(k.h) + "x" + number(k.w) + "; it must be square, 1x1 to " +
           number(kBackwardTraceMaxKernel) + "x" + number(kBackwardTraceMaxKernel);
  if (k.c != in.c)
    return "backward: the kernel has " + number(k.c) + " channels but the input has " + number(in.c);
  problem = planes_problem(r.kernel, "backward: the kernel", kBackwardTraceMaxChannels, kBackwardTraceMaxKernel);
  if (!problem.empty()) return problem;
  if (r.padding < 0 || r.padding > kBackwardTraceMaxPadding)
    return "backward: padding " + number(r.padding) + " is not in 0.." + number(kBackwardTraceMaxPadding);
  if (r.stride < 1 || r.stride > kBackwardTraceMaxStride)
    return "backward: stride " + number(r.stride) + " is not in 1.." + number(kBackwardTraceMaxStride);
  const int oh = *oh_out = conv_output_size(in.h, k.h, r.padding, r.stride);
  const int ow = *ow_out = conv_output_size(in.w, k.w, r.padding, r.stride);
  if (oh < 1 || ow < 1)
    return "backward: a " + number(k.h) + "x" + number(k.h) + " kernel does not fit a " + number(in.h) + "x" +
           number(in.w) + " input with padding " + number(r.padding) + " (output would be " + number(oh) + "x" +
           number(ow) + ")";
  if (r.steps < 0 || r.steps > oh * ow)
    return "backward: " + number(r.steps) + " steps asked of a " + number(oh) + "x" + number(ow) + " output (0.." +
           number(oh * ow) + ")";
  if (r.upstream == UpstreamGradient::kOneCell && (r.cell < 0 || r.cell >= oh * ow))
    return "backward: the gradient's cell " + number(r.cell) + " is outside the " + number(oh) + "x" + number(ow) +
           " output";
  return "";
}

Planes upstream(const ConvBackwardRequest& r, int oh, int ow) {
  Planes dz = zero_planes(Shape3{1, oh, ow});
  for (int i = 0; i < oh * ow; ++i)
    dz.values[size_t(i)] = r.upstream == UpstreamGradient::kOnes       ? 1.0f
                           : r.upstream == UpstreamGradient::kCounting ? float(i + 1)
                                                                       : (i == r.cell ? 1.0f : 0.0f);
  return dz;
}

bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace

Expected<ConvBackwardTrace> trace_conv_backward(const ConvBackwardRequest& r) {
  const Shape3 in = r.input.shape;
  const int f = r.kernel.shape.h, p = r.padding, s = r.stride;
  int oh = 0, ow = 0;
  const std::string problem = check(r, &oh, &ow);
  if (!problem.empty()) return make_error(problem);

  ConvBackwardTrace t;
  t.dz = upstream(r, oh, ow);
  t.padded = zero_planes(Shape3{in.c, in.h + 2 * p, in.w + 2 * p});
  for (int c = 0; c < in.c; ++c)
    for (int y = 0; y < in.h; ++y)
      for (int x = 0; x < in.w; ++x) t.padded.at(c, y + p, x + p) = r.input.at(c, y, x);

  // The engine's kernel, every position at once: what the stepped sums must come to.
  t.kernel_dx = zero_planes(in);
  t.kernel_dw = zero_planes(r.kernel.shape);
  const Conv2DShape shape{1, in.c, in.h, in.w, 1, f, f, s, p, p, oh, ow};
  f32_conv2d_bwd__scalar(shape, r.input.values.data(), r.kernel.values.data(), t.dz.values.data(),
                         t.kernel_dx.values.data(), t.kernel_dw.values.data(), &t.kernel_db, nullptr);

  t.d_padded = zero_planes(t.padded.shape);
  t.dw = zero_planes(r.kernel.shape);
  for (int step = 0; step < r.steps; ++step) {
    const int i = step / ow, j = step % ow;
    const float g = t.dz.at(0, i, j);
    t.db += g;
    for (int c = 0; c < in.c; ++c)
      for (int u = 0; u < f; ++u)
        for (int v = 0; v < f; ++v) {
          const int py = i * s + u, px = j * s + v;
          t.d_padded.at(c, py, px) += r.kernel.at(c, u, v) * g;
          // The kernel skips the border: its a_slice values are zeros, and adding their +0 or
          // -0 products could flip the sign of a zero in dW. The border of dA_prev_pad is
          // filled as the note fills it, and cut off below as the note cuts it.
          const bool border = py < p || py >= p + in.h || px < p || px >= p + in.w;
          if (!border) t.dw.at(c, u, v) += t.padded.at(c, py, px) * g;
        }
    t.out_y = i;
    t.out_x = j;
    t.window_y = i * s;
    t.window_x = j * s;
  }

  if (r.steps == oh * ow) {
    Planes cut = zero_planes(in);  // dA_prev = dA_prev_pad[p:-p, p:-p]
    for (int c = 0; c < in.c; ++c)
      for (int y = 0; y < in.h; ++y)
        for (int x = 0; x < in.w; ++x) cut.at(c, y, x) = t.d_padded.at(c, y + p, x + p);
    t.equals_kernel = same_bits(cut.values, t.kernel_dx.values) && same_bits(t.dw.values, t.kernel_dw.values) &&
                      std::memcmp(&t.db, &t.kernel_db, sizeof(float)) == 0;
  }
  return t;
}

}  // namespace cnn::teach
