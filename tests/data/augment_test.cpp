// Data augmentation (data/augment.h) and the batches a run trains on (train/batch_source.h):
// the affine map moves, turns and resizes as its header says, an unmoved image is copied to
// the bit, bad settings are refused with their range, and a seed gives the same batches.
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "data/augment.h"
#include "train/batch_source.h"

namespace cnn {
namespace {

// A 9x7 picture with no symmetry: every pixel a different value, 0 on the border so that
// nothing of it leaves the image under the small maps below.
std::vector<float> picture(int rows, int cols) {
  std::vector<float> p(size_t(rows * cols), 0.0f);
  for (int y = 1; y < rows - 1; ++y)
    for (int x = 1; x < cols - 1; ++x) p[size_t(y * cols + x)] = float(1 + y * cols + x) / 64.0f;
  return p;
}

std::vector<float> mapped(const std::vector<float>& in, int rows, int cols, const AffineDraw& d) {
  std::vector<float> out(in.size(), -1.0f);
  affine_image(in.data(), rows, cols, d, out.data());
  return out;
}

TEST(Augment, AnUnmovedImageIsCopiedBitForBit) {
  const std::vector<float> in = picture(9, 7);
  EXPECT_EQ(mapped(in, 9, 7, AffineDraw{}), in);
  // A config with nothing on draws the identity, whatever the generator gives.
  Rng rng(3, RngStream::kAugment);
  const AffineDraw d = draw_affine(AugmentConfig{}, rng);
  EXPECT_EQ(d.dx, 0);
  EXPECT_EQ(d.dy, 0);
  EXPECT_EQ(d.degrees, 0);
  EXPECT_EQ(d.scale, 1);
  EXPECT_EQ(mapped(in, 9, 7, d), in);
}

TEST(Augment, AWholePixelShiftMovesEveryPixelExactly) {
  const int rows = 9, cols = 7;
  const std::vector<float> in = picture(rows, cols);
  AffineDraw d;
  d.dx = 2;   // right
  d.dy = -1;  // up (y down)
  const std::vector<float> out = mapped(in, rows, cols, d);
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x) {
      const int sy = y + 1, sx = x - 2;
      const float want = sy >= 0 && sy < rows && sx >= 0 && sx < cols ? in[size_t(sy * cols + sx)] : 0.0f;
      EXPECT_EQ(out[size_t(y * cols + x)], want) << "at " << y << "," << x;
    }
}

TEST(Augment, NinetyDegreesTurnsAnticlockwiseAsSeen) {
  // Square and odd, so the centre is a pixel and a quarter turn maps pixels onto pixels.
  const int n = 7;
  std::vector<float> in(size_t(n * n), 0.0f);
  in[size_t(3 * n + 5)] = 1.0f;  // right of the centre
  AffineDraw d;
  d.degrees = 90;
  const std::vector<float> out = mapped(in, n, n, d);
  // Anticlockwise on screen, right of the centre goes to above it: (y 1, x 3).
  EXPECT_NEAR(out[size_t(1 * n + 3)], 1.0f, 1e-5f);
  float elsewhere = 0;
  for (int i = 0; i < n * n; ++i)
    if (i != 1 * n + 3) elsewhere = std::max(elsewhere, std::abs(out[size_t(i)]));
  EXPECT_LT(elsewhere, 1e-5f);
  // And a generic picture turned a quarter four times comes back.
  const std::vector<float> p = picture(n, n);
  std::vector<float> q = p;
  for (int k = 0; k < 4; ++k) q = mapped(q, n, n, d);
  for (size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(q[i], p[i], 1e-4f) << i;
}

TEST(Augment, ScaleEnlargesAboutTheCentre) {
  const int n = 9;  // centre (4, 4)
  std::vector<float> in(size_t(n * n), 0.0f);
  in[size_t(4 * n + 6)] = 1.0f;  // two pixels right of the centre
  AffineDraw d;
  d.scale = 1.5f;  // goes to three pixels right
  const std::vector<float> out = mapped(in, n, n, d);
  EXPECT_NEAR(out[size_t(4 * n + 7)], 1.0f, 1e-6f);
  EXPECT_EQ(out[size_t(4 * n + 4)], 0.0f);  // the centre stays where it was
  // Between pixels it is bilinear: output x 6 and 8 look up source x 5.33 and 6.67.
  EXPECT_NEAR(out[size_t(4 * n + 6)], 1.0f / 3, 1e-6f);
  EXPECT_NEAR(out[size_t(4 * n + 8)], 1.0f / 3, 1e-6f);
  d.scale = 0.5f;  // and halving brings it to one pixel right
  EXPECT_NEAR(mapped(in, n, n, d)[size_t(4 * n + 5)], 1.0f, 1e-6f);
  EXPECT_EQ(mapped(in, n, n, d)[size_t(4 * n + 6)], 0.0f);
}

TEST(Augment, DrawsStayInsideTheirRanges) {
  const AugmentConfig config{3, 20, 0.25f};
  Rng rng(7, RngStream::kAugment);
  float most_dx = 0, most_degrees = 0, most_scale = 0;
  for (int i = 0; i < 2000; ++i) {
    const AffineDraw d = draw_affine(config, rng);
    ASSERT_LE(std::abs(d.dx), 3.0f);
    ASSERT_LE(std::abs(d.dy), 3.0f);
    ASSERT_LE(std::abs(d.degrees), 20.0f);
    ASSERT_LE(std::abs(d.scale - 1), 0.25f);
    most_dx = std::max(most_dx, std::abs(d.dx));
    most_degrees = std::max(most_degrees, std::abs(d.degrees));
    most_scale = std::max(most_scale, std::abs(d.scale - 1));
  }
  // ... and fill them.
  EXPECT_GT(most_dx, 2.9f);
  EXPECT_GT(most_degrees, 19.5f);
  EXPECT_GT(most_scale, 0.24f);
}

TEST(Augment, NonsenseSettingsAreRefusedWithTheirRange) {
  EXPECT_TRUE(validate(AugmentConfig{}).ok());
  EXPECT_TRUE(validate(AugmentConfig{8, 45, 0.5f}).ok());
  Status s = validate(AugmentConfig{0, 60, 0});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), "augmentation: rotation 60 is not in 0..45 degrees");
  s = validate(AugmentConfig{-1, 0, 0});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error(), "augmentation: shift -1 is not in 0..8 pixels");
  s = validate(AugmentConfig{0, 0, std::nanf("")});
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().find("scale nan is not in 0..0.5"), std::string::npos) << s.error();
  EXPECT_FALSE(validate(AugmentConfig{std::numeric_limits<float>::infinity(), 0, 0}).ok());
}

Dataset small_dataset(int count) {
  Dataset d;
  d.count = count;
  d.rows = 5;
  d.cols = 4;
  d.pixels.resize(size_t(count * 20));
  d.labels.resize(size_t(count));
  for (size_t i = 0; i < d.pixels.size(); ++i) d.pixels[i] = uint8_t((i * 37) % 251);
  for (int i = 0; i < count; ++i) d.labels[size_t(i)] = uint8_t(i % 10);
  return d;
}

// Without augmentation the batches are the Fisher-Yates order the Trainer always used: a
// run with a seed trains on the same batches as before augmentation existed.
TEST(BatchSource, WithoutAugmentationItIsTheSeedsShuffledOrder) {
  const Dataset data = small_dataset(50);
  BatchSource source(data, 11, AugmentConfig{});
  Rng rng(11, RngStream::kShuffle);
  for (int epoch = 0; epoch < 3; ++epoch) {
    std::vector<int32_t> want(50);
    std::iota(want.begin(), want.end(), 0);
    for (int i = 49; i > 0; --i) std::swap(want[size_t(i)], want[rng.below(uint32_t(i + 1))]);
    source.shuffle();
    ASSERT_EQ(source.order(), want) << "epoch " << epoch;
    Tensor x, plain;
    int32_t labels[7], plain_labels[7];
    source.gather(10, 7, x, labels);
    data.gather(want.data() + 10, 7, plain, plain_labels);
    ASSERT_EQ(x.size(), plain.size());
    EXPECT_TRUE(std::equal(x.data(), x.data() + x.size(), plain.data()));
    EXPECT_TRUE(std::equal(labels, labels + 7, plain_labels));
  }
}

TEST(BatchSource, AugmentedBatchesComeFromTheSeedAndChangeEachImage) {
  const Dataset data = small_dataset(30);
  const AugmentConfig augment{1.5f, 10, 0.1f};
  BatchSource a(data, 5, augment), b(data, 5, augment), other(data, 6, augment);
  a.shuffle();
  b.shuffle();
  other.shuffle();
  Tensor xa, xb, xo, plain;
  int32_t la[8], lb[8], lo[8], lp[8];
  a.gather(0, 8, xa, la);
  b.gather(0, 8, xb, lb);
  other.gather(0, 8, xo, lo);
  data.gather(a.order().data(), 8, plain, lp);
  EXPECT_TRUE(std::equal(xa.data(), xa.data() + xa.size(), xb.data())) << "same seed, same batch";
  EXPECT_TRUE(std::equal(la, la + 8, lp)) << "labels are not augmented";
  EXPECT_FALSE(std::equal(xa.data(), xa.data() + xa.size(), plain.data())) << "the images are changed";
  EXPECT_FALSE(std::equal(xa.data(), xa.data() + xa.size(), xo.data())) << "another seed draws others";
  // Each image is its own map of the stored one: the i-th draw of the augmentation stream.
  Rng rng(5, RngStream::kAugment);
  std::vector<float> want(20);
  for (int i = 0; i < 8; ++i) {
    affine_image(plain.sample(i), 5, 4, draw_affine(augment, rng), want.data());
    EXPECT_TRUE(std::equal(want.begin(), want.end(), xa.sample(i))) << "image " << i;
  }
}

// A source over the first samples of a dataset (a run's limit, as the preview reads it) is the
// source over a copy of them: the same order, the same augmented images.
TEST(BatchSource, OverTheFirstSamplesItIsTheSourceOverTheirCopy) {
  const Dataset data = small_dataset(40);
  const Dataset first = first_samples(data, 13);
  const AugmentConfig augment{1.5f, 10, 0.1f};
  BatchSource over(data, 13, 9, augment), copy(first, 9, augment);
  for (int epoch = 0; epoch < 2; ++epoch) {
    over.shuffle();
    copy.shuffle();
    ASSERT_EQ(over.order(), copy.order()) << "epoch " << epoch;
    EXPECT_TRUE(std::all_of(over.order().begin(), over.order().end(), [](int32_t i) { return i < 13; }));
    Tensor xa, xb;
    int32_t la[13], lb[13];
    over.gather(0, 13, xa, la);
    copy.gather(0, 13, xb, lb);
    ASSERT_EQ(xa.size(), xb.size());
    EXPECT_TRUE(std::equal(xa.data(), xa.data() + xa.size(), xb.data()));
    EXPECT_TRUE(std::equal(la, la + 13, lb));
  }
}

}  // namespace
}  // namespace cnn
