#include "teaching/examples.h"

#include "i18n/language.h"

namespace cnn::ui {
namespace {

using cnn::protocol::Image;

Image grey(int h, int w, std::vector<float> values) { return Image{1, h, w, std::move(values)}; }

// h x w, value `fill(y, x)` per pixel.
template <typename F>
Image picture(int channels, int h, int w, F fill) {
  Image im{channels, h, w, std::vector<float>(size_t(channels) * h * w)};
  for (int c = 0; c < channels; ++c)
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) im.values[(size_t(c) * h + y) * w + x] = fill(c, y, x);
  return im;
}

}  // namespace

const std::vector<KernelPreset>& kernel_presets() {
  // Names and notes are English, marked N_ and translated where drawn; the names of Sobel and
  // Scharr are kept as written in every language.
  static const std::vector<KernelPreset> presets = {
      {N_("Vertical edge"), N_("bright on the left, dark on the right"), 3, {1, 0, -1, 1, 0, -1, 1, 0, -1}},
      {N_("Horizontal edge"), N_("bright above, dark below"), 3, {1, 1, 1, 0, 0, 0, -1, -1, -1}},
      {"Sobel x", N_("vertical edges, the centre row weighted 2"), 3, {1, 0, -1, 2, 0, -2, 1, 0, -1}},
      {"Sobel y", N_("horizontal edges, the centre column weighted 2"), 3, {1, 2, 1, 0, 0, 0, -1, -2, -1}},
      {"Scharr x", N_("vertical edges, weights 3 10 3"), 3, {3, 0, -3, 10, 0, -10, 3, 0, -3}},
      {"Scharr y", N_("horizontal edges, weights 3 10 3"), 3, {3, 10, 3, 0, 0, 0, -3, -10, -3}},
      {N_("Laplacian"), N_("edges in every direction (second derivative)"), 3, {0, 1, 0, 1, -4, 1, 0, 1, 0}},
      {N_("Box blur"), N_("the average of the 3x3 window"), 3,
       {1 / 9.0f, 1 / 9.0f, 1 / 9.0f, 1 / 9.0f, 1 / 9.0f, 1 / 9.0f, 1 / 9.0f, 1 / 9.0f, 1 / 9.0f}},
      {N_("Sharpen"), N_("the pixel minus its neighbours"), 3, {0, -1, 0, -1, 5, -1, 0, -1, 0}},
      {N_("Identity"), N_("the input unchanged"), 3, {0, 0, 0, 0, 1, 0, 0, 0, 0}},
  };
  return presets;
}

const std::vector<PicturePreset>& conv_pictures() {
  static const std::vector<PicturePreset> pictures = {
      {N_("Course: 6x6, bright left half"), N_("10s then 0s: one vertical edge in the middle"),
       picture(1, 6, 6, [](int, int, int x) { return x < 3 ? 10.0f : 0.0f; })},
      {N_("Course: 6x6, dark left half"), N_("0s then 10s: the edge goes from dark to bright"),
       picture(1, 6, 6, [](int, int, int x) { return x < 3 ? 0.0f : 10.0f; })},
      {N_("6x6, bright top half"), N_("a horizontal edge"),
       picture(1, 6, 6, [](int, int y, int) { return y < 3 ? 10.0f : 0.0f; })},
      {N_("8x8 bright square"), N_("vertical and horizontal edges together"),
       picture(1, 8, 8, [](int, int y, int x) { return y >= 2 && y < 6 && x >= 2 && x < 6 ? 10.0f : 0.0f; })},
      {N_("8x8 diagonal"), N_("an edge at 45 degrees"),
       picture(1, 8, 8, [](int, int y, int x) { return x > y ? 10.0f : 0.0f; })},
      {N_("3 channels, 6x6"), N_("red left, green top, blue everywhere: a 3x3x3 kernel sums all three"),
       picture(3, 6, 6, [](int c, int y, int x) {
         if (c == 0) return x < 3 ? 10.0f : 0.0f;
         if (c == 1) return y < 3 ? 10.0f : 0.0f;
         return 5.0f;
       })},
  };
  return pictures;
}

const std::vector<PicturePreset>& pool_pictures() {
  static const std::vector<PicturePreset> pictures = {
      {N_("Course: 4x4"), N_("max pooling with f = 2, s = 2 gives 9 2 / 6 3"),
       grey(4, 4, {1, 3, 2, 1, 2, 9, 1, 1, 1, 3, 2, 3, 5, 6, 1, 2})},
      {N_("Course: 5x5"), N_("max pooling with f = 3, s = 1 gives a 3x3 output"),
       grey(5, 5, {1, 3, 2, 1, 3, 2, 9, 1, 1, 5, 1, 3, 2, 3, 2, 8, 3, 5, 1, 0, 5, 6, 1, 2, 9})},
      {N_("6x6 numbers"), N_("overlapping windows when the stride is smaller than the window"),
       picture(1, 6, 6, [](int, int y, int x) { return float((y * 7 + x * 5 + y * x) % 10); })},
  };
  return pictures;
}

std::vector<const char*> names_of(const std::vector<PicturePreset>& pictures) {
  std::vector<const char*> names;
  for (const PicturePreset& p : pictures) names.push_back(p.name);
  return names;
}

Image rgb_pointwise_kernel() { return Image{3, 1, 1, {0.30f, 0.59f, 0.11f}}; }

const std::vector<ChannelExample>& channel_examples() {
  static const std::vector<ChannelExample> kExamples = {
      {N_("3x3x3 example"), N_("one 3x3 kernel per channel, their three sums added: one output channel"), rgb_kernel},
      {N_("1x1x3: grey from colour"),
       N_("a 1x1 convolution: at every pixel 0.30 red + 0.59 green + 0.11 blue, a dot product across the channels"),
       rgb_pointwise_kernel},
  };
  return kExamples;
}

Image rgb_kernel() {
  return Image{3, 3, 3, {1, 0, -1, 1, 0, -1, 1, 0, -1,     // red: vertical edge
                         1, 1, 1, 0, 0, 0, -1, -1, -1,     // green: horizontal edge
                         0, 0, 0, 0, 0.2f, 0, 0, 0, 0}};   // blue: a fifth of the centre
}

const std::vector<BackwardExample>& backward_examples() {
  static const std::vector<BackwardExample> kExamples = {
      {N_("4x4 input, 2x2 kernel"), N_("9 windows that overlap: an input cell inside gets a share from up to 4 of them"),
       grey(4, 4, {1, 2, 0, 1, 0, 1, 3, 1, 2, 1, 0, 0, 1, 0, 1, 2}), grey(2, 2, {1, -1, 0, 2}), 0, 1},
      {N_("Course: 6x6, vertical edge"), N_("the forward example's picture and kernel, run backward"),
       picture(1, 6, 6, [](int, int, int x) { return x < 3 ? 10.0f : 0.0f; }), grey(3, 3, {1, 0, -1, 1, 0, -1, 1, 0, -1}),
       0, 1},
      {N_("Padding 1, stride 2"), N_("the windows reach into the zero border; its gradients are cut off at the end"),
       picture(1, 4, 4, [](int, int y, int x) { return float(y * 4 + x + 1); }), grey(3, 3, {1, 2, 1, 0, 1, 0, -1, 0, 1}),
       1, 2},
      {N_("2 channels, 3x3"), N_("one kernel plane per channel: each channel gets its own dW plane and dA_prev plane"),
       picture(2, 3, 3, [](int c, int y, int x) { return c == 0 ? float(x + y) : float(y == 1 ? 2 : 0); }),
       Image{2, 2, 2, {1, 0, 0, 1, 0, 1, -1, 0}}, 0, 1},
  };
  return kExamples;
}

const SeparableExample& separable_example() {
  static const SeparableExample kExample = {
      conv_pictures().back().image,  // "3 channels, 6x6"
      rgb_kernel(),
      Image{5, 3, 1, {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, -1, 0}},
  };
  return kExample;
}

}  // namespace cnn::ui
