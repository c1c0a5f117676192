#include "teach/conv_trace.h"

#include "layers/conv2d/conv2d_kernels.h"
#include "model/spec.h"

namespace cnn::teach {
namespace {

std::string side(int f) { return std::to_string(f) + "x" + std::to_string(f); }

std::string check(const ConvTraceRequest& r) {
  const Shape3 in = r.input.shape, k = r.kernel.shape;
  std::string problem = planes_problem(r.input, "convolution: the input", kConvTraceMaxChannels, kConvTraceMaxSide);
  if (!problem.empty()) return problem;
  if (k.h != k.w || k.h < 1 || k.h > kConvTraceMaxKernel)
    return "convolution: the kernel is " + std::to_string(k.h) + "x" + std::to_string(k.w) +
           "; it must be square, 1x1 to " + side(kConvTraceMaxKernel);
  if (k.c != in.c)
    return "convolution: the kernel has " + std::to_string(k.c) + " channels but the input has " + std::to_string(in.c) +
           " (one kernel plane per input channel)";
  problem = planes_problem(r.kernel, "convolution: the kernel", kConvTraceMaxChannels, kConvTraceMaxKernel);
  if (!problem.empty()) return problem;
  if (r.padding < 0 || r.padding > kConvTraceMaxPadding)
    return "convolution: padding " + std::to_string(r.padding) + " is not in 0.." + std::to_string(kConvTraceMaxPadding);
  if (r.stride < 1 || r.stride > kConvTraceMaxStride)
    return "convolution: stride " + std::to_string(r.stride) + " is not in 1.." + std::to_string(kConvTraceMaxStride);
  const int oh = conv_output_size(in.h, k.h, r.padding, r.stride);
  const int ow = conv_output_size(in.w, k.w, r.padding, r.stride);
  if (oh < 1 || ow < 1)
    return "convolution: a " + side(k.h) + " kernel does not fit a " + std::to_string(in.h) + "x" + std::to_string(in.w) +
           " input with padding " + std::to_string(r.padding) + " (output would be " + std::to_string(oh) + "x" +
           std::to_string(ow) + ")";
  if (r.out_y < 0 || r.out_y >= oh || r.out_x < 0 || r.out_x >= ow)
    return "convolution: position (row " + std::to_string(r.out_y) + ", column " + std::to_string(r.out_x) +
           ") is outside the " + std::to_string(oh) + "x" + std::to_string(ow) + " output";
  return "";
}

// Rotation by 180 degrees in each channel: what turns cross-correlation into convolution.
Planes rotated(const Planes& k) {
  Planes r = k;
  const int f = k.shape.h;
  for (int c = 0; c < k.shape.c; ++c)
    for (int u = 0; u < f; ++u)
      for (int v = 0; v < f; ++v) r.at(c, u, v) = k.at(c, f - 1 - u, f - 1 - v);
  return r;
}

}  // namespace

Expected<ConvTrace> trace_convolution(const ConvTraceRequest& r) {
  const std::string problem = check(r);
  if (!problem.empty()) return make_error(problem);
  const Shape3 in = r.input.shape;
  const int f = r.kernel.shape.h, p = r.padding, s = r.stride;
  const int oh = conv_output_size(in.h, f, p, s), ow = conv_output_size(in.w, f, p, s);

  ConvTrace t;
  t.kernel = r.flip ? rotated(r.kernel) : r.kernel;
  t.bias = r.bias;
  t.output = zero_planes(Shape3{1, oh, ow});
  const Conv2DShape shape{1, in.c, in.h, in.w, 1, f, f, s, p, p, oh, ow};
  f32_conv2d_fwd__scalar(shape, r.input.values.data(), t.kernel.values.data(), &t.bias, t.output.values.data(), nullptr);

  t.padded = zero_planes(Shape3{in.c, in.h + 2 * p, in.w + 2 * p});
  for (int c = 0; c < in.c; ++c)
    for (int y = 0; y < in.h; ++y)
      for (int x = 0; x < in.w; ++x) t.padded.at(c, y + p, x + p) = r.input.at(c, y, x);

  t.window_y = r.out_y * s;
  t.window_x = r.out_x * s;
  t.sum = t.bias;
  for (int c = 0; c < in.c; ++c) {
    float channel = 0.0f;
    for (int u = 0; u < f; ++u)
      for (int v = 0; v < f; ++v) {
        const int py = t.window_y + u, px = t.window_x + v;
        const float product = t.padded.at(c, py, px) * t.kernel.at(c, u, v);
        t.patch.push_back(t.padded.at(c, py, px));
        t.products.push_back(product);
        channel += product;
        // The kernel skips border cells instead of adding their zero product: adding +0 to
        // a sum of -0 would give +0, so skipping here too keeps `sum` equal bit for bit.
        const bool border = py < p || py >= p + in.h || px < p || px >= p + in.w;
        if (!border) t.sum += product;
      }
    t.channel_sums.push_back(channel);
  }
  return t;
}

}  // namespace cnn::teach
