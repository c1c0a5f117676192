// Data augmentation: each training image moved, turned and resized a little at random, drawn
// anew every time it is used, so the network never sees the same pixels twice and learns
// that a 7 shifted by two pixels is still a 7.
//
// One affine map about the image's centre c = ((cols-1)/2, (rows-1)/2): scale by s, turn by
// a degrees anticlockwise as seen, then shift by (dx, dy) pixels (y down). Each output pixel
// takes the input where the inverse map sends it, bilinear between the four pixels around
// it, 0 outside the image (MNIST's background).
#pragma once

#include "util/expected.h"
#include "util/rng.h"

namespace cnn {

struct AugmentConfig {
  float shift = 0;   // pixels: dx and dy each uniform in [-shift, shift], 0..8
  float rotate = 0;  // degrees: a uniform in [-rotate, rotate], 0..45
  float scale = 0;   // fraction: s uniform in [1 - scale, 1 + scale], 0..0.5
  bool active() const { return shift > 0 || rotate > 0 || scale > 0; }
};

// "augmentation: rotation 60 degrees is not in 0..45"; NaN is refused too.
Status validate(const AugmentConfig& config);

struct AffineDraw {
  float dx = 0, dy = 0;     // pixels
  float degrees = 0;        // anticlockwise on screen (y down)
  float scale = 1;
};

// One image's draw: four uniforms from `rng`, always four, so the stream stays aligned.
AffineDraw draw_affine(const AugmentConfig& config, Rng& rng);

// out = the map of `in`; both rows x cols, row-major, distinct buffers.
void affine_image(const float* in, int rows, int cols, const AffineDraw& draw, float* out);

}  // namespace cnn
