// Convolution trace: one output channel of a conv layer, and every step of one output cell.
//
// The output map comes from the engine's reference kernel (f32_conv2d_fwd__scalar), and the
// trace adds up the cell in that kernel's order (bias, then channel, row, column, skipping
// the zero border), so `sum` equals output at (out_y, out_x) bit for bit: what the view
// shows step by step is what the engine computes.
//
//   input  c x h x w      c 1..3, sides 1..64
//   kernel c x f x f      f 1..7, the same c
//   output 1 x oh x ow    oh = floor((h + 2p - f) / s) + 1, ow alike; p 0..8, s 1..8
//
//   ConvTraceRequest r{input, kernel, /*bias*/ 0.5f, /*padding*/ 1, /*stride*/ 1};
//   Expected<ConvTrace> t = trace_convolution(r);  // t->sum == t->output.at(0, y, x)
#pragma once

#include <vector>

#include "teach/planes.h"
#include "util/expected.h"

namespace cnn::teach {

constexpr int kConvTraceMaxChannels = 3;
constexpr int kConvTraceMaxSide = 64;
constexpr int kConvTraceMaxKernel = 7;
constexpr int kConvTraceMaxPadding = 8;
constexpr int kConvTraceMaxStride = 8;

struct ConvTraceRequest {
  Planes input;
  Planes kernel;
  float bias = 0.0f;
  int padding = 0;
  int stride = 1;
  bool flip = false;        // true convolution: slide the kernel rotated by 180 degrees
  int out_y = 0, out_x = 0;  // the cell to trace
};

struct ConvTrace {
  Planes padded;             // c x (h + 2p) x (w + 2p), zeros around the input
  Planes kernel;             // the kernel slid over `padded` (rotated when flip)
  Planes output;             // 1 x oh x ow
  int window_y = 0, window_x = 0;    // top-left of the window in `padded`: out * stride
  std::vector<float> patch;          // c x f x f: `padded` under the window
  std::vector<float> products;       // patch[i] * kernel[i]
  std::vector<float> channel_sums;   // c: each channel's products added up (from 0)
  float bias = 0.0f;
  float sum = 0.0f;                  // the cell as the kernel adds it up: == output cell
};

// Errors name the parameter: "convolution: a 5x5 kernel does not fit a 3x3 input with
// padding 0 (output would be -1x-1)".
Expected<ConvTrace> trace_convolution(const ConvTraceRequest& request);

}  // namespace cnn::teach
