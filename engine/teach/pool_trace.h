// Pooling trace: a max or average pooling layer on one channel, one output cell in detail,
// and the layer's backward pass of a gradient 1 placed on that cell.
//
// The output, the chosen maximum and the input gradient all come from the engine's
// reference kernels (pool2d_kernels.h), so ties resolve as the layer resolves them: the
// first largest value in row-major window order.
//
//   input  1 x h x w      sides 1..64, no padding
//   output 1 x oh x ow    oh = floor((h - k) / s) + 1, ow alike; k 1..8, s 1..8
#pragma once

#include <vector>

#include "teach/planes.h"
#include "util/expected.h"

namespace cnn::teach {

constexpr int kPoolTraceMaxSide = 64;
constexpr int kPoolTraceMaxWindow = 8;
constexpr int kPoolTraceMaxStride = 8;

enum class PoolOp { kMax, kAverage };

struct PoolTraceRequest {
  Planes input;
  PoolOp op = PoolOp::kMax;
  int window = 2, stride = 2;
  int out_y = 0, out_x = 0;
};

struct PoolTrace {
  Planes output;                   // 1 x oh x ow
  int window_y = 0, window_x = 0;  // top-left of the window in the input: out * stride
  std::vector<float> patch;        // window x window, row-major
  int argmax = -1;                 // max: index in `patch` of the value taken; average: -1
  float value = 0.0f;              // == output at (out_y, out_x)
  Planes input_gradient;           // 1 x h x w: backward of dy = 1 at (out_y, out_x), 0 elsewhere
};

// Errors name the parameter: "pooling: a 3x3 window does not fit a 2x2 input (output would be 0x0)".
Expected<PoolTrace> trace_pooling(const PoolTraceRequest& request);

}  // namespace cnn::teach
