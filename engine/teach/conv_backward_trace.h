// The backward pass of a convolution, stepped (note 000's conv_backward): an upstream gradient
// dZ on one output channel, and the three gradients built up one output position at a time,
//
//   dA_prev_pad[window] += W * dZ[h,w]       (on the padded input, as the note keeps it)
//   dW                  += a_slice * dZ[h,w]
//   db                  += dZ[h,w]
//
// in the order the engine's reference backward kernel (f32_conv2d_bwd__scalar) adds them:
// positions row-major, then channel, kernel row, kernel column. After the last position,
// dA_prev_pad inside its border, dW and db equal that kernel's dx, dw and db bit for bit; the
// trace carries the kernel's own result and says whether they are equal (`equals_kernel`).
//
//   input  c x h x w      c 1..3, sides 1..16
//   kernel c x f x f      f 1..5, the same c
//   dz     1 x oh x ow    oh = floor((h + 2p - f) / s) + 1; p 0..3, s 1..3
#pragma once

#include "teach/planes.h"
#include "util/expected.h"

namespace cnn::teach {

constexpr int kBackwardTraceMaxChannels = 3;
constexpr int kBackwardTraceMaxSide = 16;
constexpr int kBackwardTraceMaxKernel = 5;
constexpr int kBackwardTraceMaxPadding = 3;
constexpr int kBackwardTraceMaxStride = 3;

// The upstream gradient: all ones (dW is then the sum of the windows), 1, 2, 3, ... in
// row-major order (every position's share tells apart), or a single 1 on one position (the
// gradient of that one output: W copied into its window).
enum class UpstreamGradient { kOnes, kCounting, kOneCell };

struct ConvBackwardRequest {
  Planes input;
  Planes kernel;
  int padding = 0;
  int stride = 1;
  UpstreamGradient upstream = UpstreamGradient::kOnes;
  int cell = 0;   // kOneCell: the output position (row-major) whose gradient is 1
  int steps = 0;  // output positions added so far, 0..oh*ow
};

struct ConvBackwardTrace {
  Planes padded;                   // c x (h + 2p) x (w + 2p): the input with its zero border
  Planes dz;                       // 1 x oh x ow
  int out_y = -1, out_x = -1;      // the position added last (-1: none yet)
  int window_y = 0, window_x = 0;  // its window's top-left in `padded`: out * stride
  Planes d_padded;                 // c x (h + 2p) x (w + 2p): dA_prev_pad after `steps` positions
  Planes dw;                       // c x f x f, after `steps` positions
  float db = 0.0f;
  // The engine's backward kernel over every position: dA_prev (c x h x w), dW and db.
  Planes kernel_dx;
  Planes kernel_dw;
  float kernel_db = 0.0f;
  bool equals_kernel = false;      // all positions added and every value the kernel's, to the bit
};

// Errors name the parameter, as trace_convolution's do.
Expected<ConvBackwardTrace> trace_conv_backward(const ConvBackwardRequest& request);

}  // namespace cnn::teach
