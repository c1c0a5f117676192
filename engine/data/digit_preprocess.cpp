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

struct InkBox {
  int x0, y0, x1, y1;  // inclusive; x1 < 0: no ink
};

InkBox ink_box(const float* src, int width, int height) {
  InkBox b{width, height, -1, -1};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (src[size_t(y) * width + x] > kInkThreshold) {
        b.x0 = std::min(b.x0, x); b.x1 = std::max(b.x1, x);
        b.y0 = std::min(b.y0, y); b.y1 = std::max(b.y1, y);
      }
  return b;
}

}  // namespace

std::string doubt_about_digit(const float* src, int width, int height) {
  if (src == nullptr || width <= 0 || height <= 0) return "";
  const InkBox b = ink_box(src, width, height);
  if (b.x1 < 0) return "";
  const float bw = float(b.x1 - b.x0 + 1), bh = float(b.y1 - b.y0 + 1), side = float(std::max(width, height));
  if (std::max(bw, bh) < kSmallInk * side) return "it is very small (a dot?): draw the digit larger, filling most of the pad";
  if (bh < kFlatInk * bw) return "it is much wider than tall, and no digit is that flat";
  return "";
}

std::vector<float> preprocess_digit(const float* src, int width, int height) {
  std::vector<float> out(size_t(kDigitSide * kDigitSide), 0.0f);
  if (src == nullptr || width <= 0 || height <= 0) return out;

  // 1. Bounding box of the ink.
  const InkBox box = ink_box(src, width, height);
  if (box.x1 < 0) return out;
  const int x0 = box.x0, y0 = box.y0, x1 = box.x1, y1 = box.y1;
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
