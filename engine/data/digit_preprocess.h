// Digit preprocessing: a drawn digit made into a 28x28 image the way MNIST's were made.
//
// LeCun et al.: the NIST digits were "size normalized to fit in a 20x20 pixel box while
// preserving their aspect ratio", which left grey levels from anti-aliasing, and then
// "centered in a 28x28 image by computing the center of mass of the pixels, and
// translating the image so as to position this point at the center of the 28x28 field".
// A network trained on MNIST only recognises digits presented the same way, so the
// playground's draw pad goes through exactly these steps:
//   1. crop to the bounding box of the ink (pixels > kInkThreshold),
//   2. resample (area average) so the longer side is 20 pixels, aspect kept,
//   3. place in 28x28 so that the centre of mass lands on the centre (14, 14),
//      by a whole-pixel shift, clamped so that no ink leaves the frame.
// Grey levels are kept (no thresholding, no contrast stretch).
#pragma once

#include <vector>

namespace cnn {

constexpr int kDigitSide = 28;
constexpr int kDigitBox = 20;
constexpr float kInkThreshold = 0.02f;

// src: [height][width] grey levels in 0..1 (1 = ink). Returns 28*28 values in 0..1;
// all zero when there is no ink (or the size is not positive).
std::vector<float> preprocess_digit(const float* src, int width, int height);

}  // namespace cnn
