#include "teach/pool_trace.h"

#include <cstdint>

#include "layers/pool2d/pool2d_kernels.h"
#include "model/spec.h"

namespace cnn::teach {
namespace {

std::string side(int k) { return std::to_string(k) + "x" + std::to_string(k); }

std::string check(const PoolTraceRequest& r) {
  const Shape3 in = r.input.shape;
  std::string problem = planes_problem(r.input, "pooling: the input", 1, kPoolTraceMaxSide);
  if (!problem.empty()) return problem;
  if (r.op != PoolOp::kMax && r.op != PoolOp::kAverage) return "pooling: unknown mode (max or average)";
  if (r.window < 1 || r.window > kPoolTraceMaxWindow)
    return "pooling: window " + std::to_string(r.window) + " is not in 1.." + std::to_string(kPoolTraceMaxWindow);
  if (r.stride < 1 || r.stride > kPoolTraceMaxStride)
    return "pooling: stride " + std::to_string(r.stride) + " is not in 1.." + std::to_string(kPoolTraceMaxStride);
  const int oh = conv_output_size(in.h, r.window, 0, r.stride), ow = conv_output_size(in.w, r.window, 0, r.stride);
  if (oh < 1 || ow < 1)
    return "pooling: a " + side(r.window) + " window does not fit a " + std::to_string(in.h) + "x" +
           std::to_string(in.w) + " input (output would be " + std::to_string(oh) + "x" + std::to_string(ow) + ")";
  if (r.out_y < 0 || r.out_y >= oh || r.out_x < 0 || r.out_x >= ow)
    return "pooling: position (row " + std::to_string(r.out_y) + ", column " + std::to_string(r.out_x) +
           ") is outside the " + std::to_string(oh) + "x" + std::to_string(ow) + " output";
  return "";
}

}  // namespace

Expected<PoolTrace> trace_pooling(const PoolTraceRequest& r) {
  const std::string problem = check(r);
  if (!problem.empty()) return make_error(problem);
  const Shape3 in = r.input.shape;
  const int k = r.window, s = r.stride;
  const int oh = conv_output_size(in.h, k, 0, s), ow = conv_output_size(in.w, k, 0, s);
  const Pool2DShape shape{1, 1, in.h, in.w, k, k, s, oh, ow};

  PoolTrace t;
  t.output = zero_planes(Shape3{1, oh, ow});
  t.input_gradient = zero_planes(in);
  std::vector<float> dy(size_t(oh) * size_t(ow), 0.0f);
  const int cell = r.out_y * ow + r.out_x;
  dy[size_t(cell)] = 1.0f;
  t.window_y = r.out_y * s;
  t.window_x = r.out_x * s;
  if (r.op == PoolOp::kMax) {
    std::vector<int32_t> argmax(dy.size());
    f32_maxpool_fwd__scalar(shape, r.input.values.data(), t.output.values.data(), argmax.data());
    f32_maxpool_bwd__scalar(shape, argmax.data(), dy.data(), t.input_gradient.values.data());
    // The kernel's argmax is a flat index in the input plane; the view wants it in the patch.
    const int ay = argmax[size_t(cell)] / in.w, ax = argmax[size_t(cell)] % in.w;
    t.argmax = (ay - t.window_y) * k + (ax - t.window_x);
  } else {
    f32_avgpool_fwd__scalar(shape, r.input.values.data(), t.output.values.data());
    f32_avgpool_bwd__scalar(shape, dy.data(), t.input_gradient.values.data());
  }
  for (int u = 0; u < k; ++u)
    for (int v = 0; v < k; ++v) t.patch.push_back(r.input.at(0, t.window_y + u, t.window_x + v));
  t.value = t.output.values[size_t(cell)];
  return t;
}

}  // namespace cnn::teach
