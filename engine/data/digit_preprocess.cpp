#include "data/digit_preprocess.h"

#include <algorithm>
#include <cmath>

namespace cnn {
namespace {

// Area-average resampling of one axis: output cell i covers source [i * step, (i+1) * step).
// Returns weights as (source index, fraction) runs per output cell, reused for rows and columns.
struct Span {
  int first = 0, last = 0;   // source cells touched, inclusive
  float w_first = 0, w_last = 0;  // coverage of the two end cells (inner cells: 1)
};

std::vector<Span> spans(int src_len, int dst_len) {
  std::vector<Span> out(static_cast<size_t>(dst_len));
  const double step = double(src_len) / dst_len;
  for (int i = 0; i < dst_len; ++i) {
    const double a = i * step, b = (i + 1) * step;
    Span s;
    s.first = int(std::floor(a));
    s.last = std::min(src_len - 1, int(std::ceil(b) - 1));
    s.w_first = float(std::min(b, double(s.first + 1)) - a);
    s.w_last = float(b - std::max(a, double(s.last)));
    if (s.first == s.last) s.w_first = s.w_last = float(b - a);
    out[size_t(i)] = s;
  }
  return out;
}

float weight(const Span& s, int k) {
  if (k == s.first) return s.w_first;
  if (k == s.last) return s.w_last;
  return 1.0f;
}

}  // namespace

std::vector<float> preprocess_digit(const float* src, int width, int height) {
  std::vector<float> out(size_t(kDigitSide * kDigitSide), 0.0f);
  if (src == nullptr || width <= 0 || height <= 0) return out;

  // 1. Bounding box of the ink.
  int x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (src[size_t(y) * width + x] > kInkThreshold) {
        x0 = std::min(x0, x); x1 = std::max(x1, x);
        y0 = std::min(y0, y); y1 = std::max(y1, y);
      }
  if (x1 < 0) return out;
  const int bw = x1 - x0 + 1, bh = y1 - y0 + 1;

  // 2. Fit the longer side to 20 pixels, keeping the aspect ratio (at least 1 pixel).
  const double scale = double(kDigitBox) / std::max(bw, bh);
  const int dw = std::clamp(int(std::lround(bw * scale)), 1, kDigitBox);
  const int dh = std::clamp(int(std::lround(bh * scale)), 1, kDigitBox);
  const std::vector<Span> cols = spans(bw, dw), rows = spans(bh, dh);
  std::vector<float> small(size_t(dw) * dh, 0.0f);
  for (int i = 0; i < dh; ++i) {
    const Span& r = rows[size_t(i)];
    for (int j = 0; j < dw; ++j) {
      const Span& c = cols[size_t(j)];
      double sum = 0, area = 0;
      for (int y = r.first; y <= r.last; ++y) {
        const float wy = weight(r, y);
        const float* line = src + size_t(y0 + y) * width + x0;
        for (int x = c.first; x <= c.last; ++x) {
          const float w = wy * weight(c, x);
          sum += double(w) * std::clamp(line[x], 0.0f, 1.0f);
          area += w;
        }
      }
      small[size_t(i) * dw + j] = area > 0 ? float(sum / area) : 0.0f;
    }
  }

  // 3. Centre of mass (pixel centres at +0.5) onto the centre of the 28x28 field.
  double mass = 0, mx = 0, my = 0;
  for (int i = 0; i < dh; ++i)
    for (int j = 0; j < dw; ++j) {
      const double v = small[size_t(i) * dw + j];
      mass += v; mx += v * (j + 0.5); my += v * (i + 0.5);
    }
  if (mass <= 0) return out;
  const int ox = std::clamp(int(std::lround(kDigitSide / 2.0 - mx / mass)), 0, kDigitSide - dw);
  const int oy = std::clamp(int(std::lround(kDigitSide / 2.0 - my / mass)), 0, kDigitSide - dh);
  for (int i = 0; i < dh; ++i)
    for (int j = 0; j < dw; ++j) out[size_t(oy + i) * kDigitSide + ox + j] = small[size_t(i) * dw + j];
  return out;
}

}  // namespace cnn
