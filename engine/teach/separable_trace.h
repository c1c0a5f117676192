// Depthwise-separable convolution, stepped (note 002, MobileNet): the depthwise step slides one
// f x f kernel over each channel alone (c output channels), then the pointwise step mixes the
// channels at each position with n' kernels of 1x1xc. One output cell of either step in detail,
// and the multiplications each step costs beside a normal convolution to n' channels.
//
// The outputs come from the engine's reference kernels (f32_dwconv2d_fwd__scalar, and
// f32_conv2d_fwd__scalar with a 1x1 kernel), and the cell is added up in their order, so
// `sum` equals the output cell bit for bit.
//
//   input      c x h x w     c 1..4, sides 1..16
//   depthwise  c x f x f     f 1..5
//   pointwise  n' x c x 1    n' 1..8 (one 1x1xc kernel a row); no biases
//   depthwise out c x oh x ow, oh = floor((h + 2p - f) / s) + 1; pointwise out n' x oh x ow
#pragma once

#include <cstdint>
#include <vector>

#include "teach/planes.h"
#include "util/expected.h"

namespace cnn::teach {

constexpr int kSeparableMaxChannels = 4;
constexpr int kSeparableMaxSide = 16;
constexpr int kSeparableMaxKernel = 5;
constexpr int kSeparableMaxFilters = 8;

enum class SeparableStep { kDepthwise, kPointwise };

struct SeparableRequest {
  Planes input;
  Planes depthwise;  // c x f x f
  Planes pointwise;  // n' x c x 1
  int padding = 0;
  int stride = 1;
  SeparableStep step = SeparableStep::kDepthwise;
  int cell = 0;      // the output cell traced, channel by channel, row-major in each
};

struct SeparableTrace {
  Planes depthwise_out;              // c x oh x ow
  Planes pointwise_out;              // n' x oh x ow
  int channel = 0, out_y = 0, out_x = 0;  // the cell: depthwise channel or pointwise filter
  int window_y = 0, window_x = 0;    // depthwise: top-left of the window, in the unpadded input
                                     // (negative inside the zero border)
  std::vector<float> values;         // depthwise: the f x f window (0 in the border); pointwise: the c
                                     // depthwise outputs at (out_y, out_x)
  std::vector<float> weights;        // the kernel: f x f of channel, or the filter's c weights
  std::vector<float> products;       // values[i] * weights[i]
  float sum = 0.0f;                  // == the output cell
  // Multiplications (multiply-accumulates): each step's whole and a normal f x f convolution
  // from c to n' channels; `done` counts both steps up to and including this cell.
  int64_t depthwise_macs = 0, pointwise_macs = 0, normal_macs = 0, done_macs = 0;
};

Expected<SeparableTrace> trace_separable(const SeparableRequest& request);

}  // namespace cnn::teach
