// Planes: the small images the teaching traces take and give (engine/teach/).
//
// One sample in the engine's layout, CHW, W fastest: values[(c * h + y) * w + x]. Unlike a
// Tensor, the shape and the values arrive separately (from the UI, through the protocol),
// so every trace checks that they agree before reading (planes_problem below).
#pragma once

#include <string>
#include <vector>

#include "tensor/tensor.h"

namespace cnn::teach {

struct Planes {
  Shape3 shape{1, 0, 0};
  std::vector<float> values;  // shape.size() values

  float at(int c, int y, int x) const { return values[size_t((int64_t(c) * shape.h + y) * shape.w + x)]; }
  float& at(int c, int y, int x) { return values[size_t((int64_t(c) * shape.h + y) * shape.w + x)]; }
};

inline Planes zero_planes(Shape3 shape) { return Planes{shape, std::vector<float>(size_t(shape.size()), 0.0f)}; }

// "" when `p` has 1..max_channels channels, sides 1..max_side and the values to fill them;
// otherwise a sentence naming `what` ("convolution: input is 0x6; sides must be 1 to 64").
std::string planes_problem(const Planes& p, const std::string& what, int max_channels, int max_side);

}  // namespace cnn::teach
