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

#include <string>
#include <vector>

namespace cnn {

constexpr int kDigitSide = 28;
constexpr int kDigitBox = 20;
constexpr float kInkThreshold = 0.02f;

// src: [height][width] grey levels in 0..1 (1 = ink). Returns 28*28 values in 0..1;
// all zero when there is no ink (or the size is not positive).
std::vector<float> preprocess_digit(const float* src, int width, int height);

// Whether the ink on a draw pad could be a digit at all. Step 2 above scales any ink up to
// 20 pixels, so a dot or a dash reaches the network as a confident-looking blob (a dot was
// read as a 7 with 98%). Judged on the raw pad, before scaling:
//   - the ink's bounding box spans less than kSmallInk of the pad's side: "very small";
//   - it is less than kFlatInk times as tall as it is wide: "much wider than tall" (every
//     digit, the 1 included, is at least about half as tall as wide; a 1 is tall and thin).
// Returns "" when it could be a digit, else the reason in plain words.
constexpr float kSmallInk = 0.2f;
constexpr float kFlatInk = 0.3f;
std::string doubt_about_digit(const float* src, int width, int height);

}  // namespace cnn
