// MNIST-style preprocessing of drawn digits (data/digit_preprocess.h): crop to the ink,
// fit 20x20 keeping the aspect ratio, centre of mass at the centre of 28x28, greys kept.
#include "data/digit_preprocess.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace cnn {
namespace {

struct Box { int x0 = 99, y0 = 99, x1 = -1, y1 = -1; };

Box ink_box(const std::vector<float>& img) {
  Box b;
  for (int y = 0; y < kDigitSide; ++y)
    for (int x = 0; x < kDigitSide; ++x)
      if (img[size_t(y * kDigitSide + x)] > 0.0f) {
        b.x0 = std::min(b.x0, x); b.x1 = std::max(b.x1, x);
        b.y0 = std::min(b.y0, y); b.y1 = std::max(b.y1, y);
      }
  return b;
}

void centre_of_mass(const std::vector<float>& img, double& cx, double& cy) {
  double m = 0;
  cx = cy = 0;
  for (int y = 0; y < kDigitSide; ++y)
    for (int x = 0; x < kDigitSide; ++x) {
      const double v = img[size_t(y * kDigitSide + x)];
      m += v; cx += v * (x + 0.5); cy += v * (y + 0.5);
    }
  cx /= m; cy /= m;
}

std::vector<float> canvas(int w, int h) { return std::vector<float>(size_t(w) * h, 0.0f); }
void rect(std::vector<float>& c, int w, int x0, int y0, int x1, int y1, float v = 1.0f) {
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) c[size_t(y) * w + x] = v;
}

TEST(DigitPreprocess, BlankGivesZeros) {
  std::vector<float> c = canvas(100, 100);
  std::vector<float> out = preprocess_digit(c.data(), 100, 100);
  ASSERT_EQ(out.size(), 784u);
  for (float v : out) EXPECT_EQ(v, 0.0f);
  EXPECT_EQ(preprocess_digit(nullptr, 0, 0).size(), 784u);
}

TEST(DigitPreprocess, TallStrokeFitsTwentyHighKeepsAspectAndIsCentred) {
  // A "1": 10 wide, 100 tall, in the top-left corner of a 200x200 pad.
  std::vector<float> c = canvas(200, 200);
  rect(c, 200, 5, 3, 15, 103);
  std::vector<float> out = preprocess_digit(c.data(), 200, 200);
  const Box b = ink_box(out);
  EXPECT_EQ(b.y1 - b.y0 + 1, 20);
  EXPECT_EQ(b.x1 - b.x0 + 1, 2);  // 10/100 of 20
  double cx, cy;
  centre_of_mass(out, cx, cy);
  EXPECT_NEAR(cx, 14.0, 0.5);
  EXPECT_NEAR(cy, 14.0, 0.5);
}

TEST(DigitPreprocess, SameShapeAnywhereAndAnyScaleGivesTheSameImage) {
  std::vector<float> a = canvas(120, 120), b = canvas(240, 240);
  rect(a, 120, 10, 10, 40, 70);   // 30x60 L-ish shape
  rect(a, 120, 10, 60, 70, 70);
  rect(b, 240, 100, 80, 160, 200);  // the same, twice as large, elsewhere
  rect(b, 240, 100, 180, 220, 200);
  std::vector<float> pa = preprocess_digit(a.data(), 120, 120);
  std::vector<float> pb = preprocess_digit(b.data(), 240, 240);
  ASSERT_EQ(pa.size(), 784u);
  ASSERT_EQ(pb.size(), 784u);
  for (size_t i = 0; i < pa.size(); ++i) EXPECT_NEAR(pa[i], pb[i], 1e-5) << "pixel " << i;

  // And that image is the shape, not two blanks alike. The ink is 60x60 pixels wide and tall
  // (2,100 pixels of ink) in a, 120x120 (8,400) in b; fitted to 20x20 it is scaled by 1/3 and
  // 1/6, and area averaging keeps the ink's mass: 2100 / 9 = 8400 / 36 = 233.3.
  for (const std::vector<float>* p : {&pa, &pb}) {
    const char* which = p == &pa ? "a" : "b";
    double mass = 0;
    int lit = 0;
    for (float v : *p) {
      mass += v;
      lit += v > 0.5f;
    }
    EXPECT_NEAR(mass, 2100.0 / 9.0, 0.01) << which;
    EXPECT_GE(lit, 200) << which << ": the upright stroke alone is 10x20 pixels of full ink";
    const Box box = ink_box(*p);
    EXPECT_EQ(box.x1 - box.x0 + 1, 20) << which;
    EXPECT_EQ(box.y1 - box.y0 + 1, 20) << which;
    // The centre of mass lands on (14, 14), to within the whole-pixel shift.
    double cx, cy;
    centre_of_mass(*p, cx, cy);
    EXPECT_NEAR(cx, 14.0, 0.5) << which;
    EXPECT_NEAR(cy, 14.0, 0.5) << which;
  }
}

TEST(DigitPreprocess, GreyLevelsAreKeptAndAreaAveraged) {
  // A 40x40 square of grey 0.5 becomes a 20x20 square of 0.5 (no contrast stretch).
  std::vector<float> c = canvas(64, 64);
  rect(c, 64, 12, 12, 52, 52, 0.5f);
  std::vector<float> out = preprocess_digit(c.data(), 64, 64);
  const Box b = ink_box(out);
  EXPECT_EQ(b.x1 - b.x0 + 1, 20);
  EXPECT_EQ(b.y1 - b.y0 + 1, 20);
  EXPECT_EQ(b.x0, 4);
  EXPECT_EQ(b.y0, 4);
  for (int y = b.y0; y <= b.y1; ++y)
    for (int x = b.x0; x <= b.x1; ++x) EXPECT_NEAR(out[size_t(y * 28 + x)], 0.5f, 1e-6);
}

TEST(DigitPreprocess, LopsidedMassIsShiftedButStaysInTheFrame) {
  // Heavy blob at the right end of a thin bar: the centre of mass pulls the image left,
  // but no ink may leave the 28x28 field.
  std::vector<float> c = canvas(100, 100);
  rect(c, 100, 0, 48, 100, 50, 0.1f);
  rect(c, 100, 90, 40, 100, 60);
  std::vector<float> out = preprocess_digit(c.data(), 100, 100);
  const Box b = ink_box(out);
  EXPECT_GE(b.x0, 0);
  EXPECT_LE(b.x1, 27);
  EXPECT_EQ(b.x1 - b.x0 + 1, 20);
  double cx, cy;
  centre_of_mass(out, cx, cy);
  EXPECT_GT(cx, 14.0);  // the clamp wins over the exact centre
  EXPECT_NEAR(cy, 14.0, 0.6);
}

TEST(DigitPreprocess, TinyDotBecomesABlock) {
  std::vector<float> c = canvas(50, 50);
  c[size_t(25 * 50 + 25)] = 1.0f;
  std::vector<float> out = preprocess_digit(c.data(), 50, 50);
  const Box b = ink_box(out);
  EXPECT_EQ(b.x1 - b.x0 + 1, 20);
  EXPECT_EQ(b.y1 - b.y0 + 1, 20);
}

// Issue 11, item 17: a dot (read as a 7 with 98%) and a dash must be flagged; real digit
// shapes, the thin 1 among them, must not.
TEST(DigitDoubt, ADotAndADashAreFlaggedDigitShapesAreNot) {
  std::vector<float> dot = canvas(200, 200);
  rect(dot, 200, 95, 95, 111, 111);  // 16 px of a 200 px pad: 8%, one brush width
  EXPECT_EQ(doubt_about_digit(dot.data(), 200, 200),
            "it is very small (a dot?): draw the digit larger, filling most of the pad");
  std::vector<float> dash = canvas(200, 200);
  rect(dash, 200, 40, 92, 160, 108);
  EXPECT_EQ(doubt_about_digit(dash.data(), 200, 200), "it is much wider than tall, and no digit is that flat");

  std::vector<float> one = canvas(200, 200);
  rect(one, 200, 95, 30, 111, 170);
  EXPECT_EQ(doubt_about_digit(one.data(), 200, 200), "");
  std::vector<float> zero = canvas(200, 200);  // a ring, 90 wide and 130 tall
  rect(zero, 200, 55, 35, 145, 165);
  rect(zero, 200, 70, 50, 130, 150, 0.0f);
  EXPECT_EQ(doubt_about_digit(zero.data(), 200, 200), "");
  std::vector<float> seven = canvas(200, 200);  // a wide top bar and a stem: 120 wide, 130 tall
  rect(seven, 200, 40, 30, 160, 46);
  rect(seven, 200, 120, 30, 136, 160);
  EXPECT_EQ(doubt_about_digit(seven.data(), 200, 200), "");
  std::vector<float> blank = canvas(200, 200);
  EXPECT_EQ(doubt_about_digit(blank.data(), 200, 200), "") << "no ink: nothing to doubt";
}

}  // namespace
}  // namespace cnn
