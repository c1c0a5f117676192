// Receptive fields: which input pixels each layer's output pixel depends on.
//
// Per axis, output pixel y of a layer sees input rows first + y * jump .. first + y * jump +
// size - 1 (clip to the image: `first` is negative where padding reaches outside it). Through
// a conv (kernel f, stride s, padding p) or a pool (window f, stride s, no padding):
//   size += (f - 1) * jump     first -= p * jump     jump *= s
// Activations, batch norm and dropout keep the field. So does flatten: its element
// (c * h + y) * w + x is pixel (y, x) of the map before it, with that pixel's field.
// A dense unit sums every input, so from the first dense layer on the field is the whole
// input: size = the input's side, first = 0, jump 1 (unused: the output is 1x1).
//
// Depthwise convolutions and padded pools move it as a conv does; zeropad T B L R moves
// first by -T * jump (rows) and -L * jump (columns); global average pooling, like a dense
// layer, sees the whole input. A block's output pixel sees the union of what its paths'
// pixels see (an identity shortcut: the block's input field): the paths end at the same
// size, so they share one jump; first is the smallest, the end the largest.
//
// LeNet-5 (conv 6 5x5 same; maxpool 2; conv 16 5x5 valid; maxpool 2):
//   size 5, 6, 14, 16; jump 1, 2, 2, 4; first -2 throughout.
#pragma once

#include <vector>

#include "model/spec.h"

namespace cnn::teach {

struct FieldAxis {
  int size = 1, jump = 1, first = 0;
};

struct ReceptiveField {
  FieldAxis y, x;  // rows, columns: they differ only for non-square kernels, windows or inputs
  bool whole = false;  // after a dense layer or global average pooling: the whole input
};

// One per top-level layer of `spec` (the engine's layers, attached activations and blocks
// included): the field of that layer's output. `spec` must be valid (parse_spec checked it).
std::vector<ReceptiveField> receptive_fields(const ModelSpec& spec);

// The field after `layer` (a block: through each path, then their union), given the field
// of its input; `input` is the network's input shape (for "the whole input").
ReceptiveField field_through(const LayerSpec& layer, const ReceptiveField& in, Shape3 input);
ReceptiveField field_union(const ReceptiveField& a, const ReceptiveField& b);

}  // namespace cnn::teach
