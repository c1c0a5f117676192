// The teaching views' examples: the kernels and pictures of the course notes
// (../shared/course-notes/), as plain data. Nothing here computes a layer; the engine does
// that (TraceConvolution, TracePooling).
#pragma once

#include <string>
#include <vector>

#include "protocol/messages.h"

namespace cnn::ui {

// The names and notes are English: the panels draw them through tr().
struct KernelPreset {
  const char* name;
  const char* note;           // one line: what it finds
  int size;                   // f
  std::vector<float> values;  // f x f, row-major
};

// Vertical and horizontal edge (the course's 1 0 -1), Sobel x/y, Scharr x/y, Laplacian,
// box blur, sharpen, identity.
const std::vector<KernelPreset>& kernel_presets();

// The same for the pictures' names and notes.
struct PicturePreset {
  const char* name;
  const char* note;
  cnn::protocol::Image image;
};

// Built-in inputs for the convolution explorer: the course's 6x6 picture (10s on the left,
// 0s on the right), its horizontal twin, a bright square on dark (both edge directions),
// a diagonal step, and a 3-channel picture for the multi-channel example.
const std::vector<PicturePreset>& conv_pictures();
// Built-in inputs for the pooling explorer: the course's 4x4 example and a 6x6 one.
const std::vector<PicturePreset>& pool_pictures();

// The pictures' names, for a combo box.
std::vector<const char*> names_of(const std::vector<PicturePreset>& pictures);

// A 3x3x3 kernel for the 3-channel picture: a vertical edge detector on red, a horizontal
// one on green, a box blur on blue, so the per-channel sums differ visibly.
cnn::protocol::Image rgb_kernel();
// A 1x1x3 kernel for the same picture: 0.30 red + 0.59 green + 0.11 blue at every pixel (the
// grey of a colour image). A 1x1 convolution is a dot product across the channels, the same
// small dense layer applied at each position (notes 001 and 002).
cnn::protocol::Image rgb_pointwise_kernel();

// The 3-channel picture's own kernels, listed after the presets.
struct ChannelExample {
  const char* name;  // N_()
  const char* note;  // N_()
  cnn::protocol::Image (*kernel)();
};
const std::vector<ChannelExample>& channel_examples();

// The backward-pass explorer's examples: an input, a kernel, and the padding and stride they
// start with (the student can change both).
struct BackwardExample {
  const char* name;  // N_()
  const char* note;  // N_()
  cnn::protocol::Image input;
  cnn::protocol::Image kernel;
  int padding, stride;
};
// A 4x4 input and a 2x2 kernel (9 positions, the windows overlap), the course's 6x6 edge picture
// with its vertical-edge kernel, a 4x4 input with padding 1 and stride 2, and 2 channels.
const std::vector<BackwardExample>& backward_examples();

// Note 002's depthwise-separable example: the 6x6x3 picture of the convolution explorer, one
// 3x3 kernel a channel (the 3x3x3 example's planes: a vertical edge on red, a horizontal one on
// green, a fifth of the centre on blue), and five 1x1x3 kernels (each channel alone, their
// sum, red minus green).
struct SeparableExample {
  cnn::protocol::Image input;      // 3 x 6 x 6
  cnn::protocol::Image depthwise;  // 3 x 3 x 3
  cnn::protocol::Image pointwise;  // 5 x 3 x 1
};
const SeparableExample& separable_example();

}  // namespace cnn::ui
