// Receptive fields (engine/teach/receptive_field.h), worked by hand for LeNet-5 and VGG-16.
#include "teach/receptive_field.h"

#include <gtest/gtest.h>

namespace cnn::teach {
namespace {

void expect_axis(const FieldAxis& a, int size, int jump, int first, const std::string& where) {
  EXPECT_EQ(a.size, size) << where;
  EXPECT_EQ(a.jump, jump) << where;
  EXPECT_EQ(a.first, first) << where;
}

// LeNet-5: conv 6 5x5 same (p 2); maxpool 2; conv 16 5x5 valid; maxpool 2; flatten; dense x3.
//   conv1  size 5            jump 1   first -2 (the 2-pixel padding)
//   pool1  size 5 + 1*1 = 6  jump 2   first -2
//   conv2  size 6 + 4*2 = 14 jump 2   first -2 (valid: no padding)
//   pool2  size 14 + 1*2 = 16 jump 4  first -2
TEST(ReceptiveField, LeNet5ByHand) {
  const ModelSpec spec = *parse_spec("lenet5");
  const std::vector<ReceptiveField> f = receptive_fields(spec);
  // Engine layers: conv relu pool conv relu pool flatten dense relu dense relu dense.
  ASSERT_EQ(f.size(), 12u);
  const struct { int layer, size, jump, first; } expected[] = {
      {0, 5, 1, -2}, {1, 5, 1, -2}, {2, 6, 2, -2}, {3, 14, 2, -2}, {4, 14, 2, -2}, {5, 16, 4, -2},
      {6, 16, 4, -2},  // flatten keeps the map's field
      {7, 28, 1, 0},   // a dense unit sees the whole input
      {11, 28, 1, 0},
  };
  for (const auto& e : expected) {
    expect_axis(f[size_t(e.layer)].y, e.size, e.jump, e.first, "rows of layer " + std::to_string(e.layer));
    expect_axis(f[size_t(e.layer)].x, e.size, e.jump, e.first, "columns of layer " + std::to_string(e.layer));
  }
}

// VGG-16's well-known 212-pixel field after the last pool: 3x3 'same' convs add 2 * jump
// each, 2x2 pools add one jump and double it. first: each conv's padding of 1 moves it back
// by one jump: -2, -6, -18, -42, -90 after the five blocks.
TEST(ReceptiveField, Vgg16ByHand) {
  const ModelSpec spec = *parse_spec("vgg16");
  const std::vector<ReceptiveField> f = receptive_fields(spec);
  std::vector<FieldAxis> pools;
  for (size_t i = 0; i < spec.layers.size(); ++i)
    if (spec.layers[i].kind == LayerKind::kMaxPool2D) pools.push_back(f[i].y);
  ASSERT_EQ(pools.size(), 5u);
  expect_axis(pools[0], 6, 2, -2, "pool1");
  expect_axis(pools[1], 16, 4, -6, "pool2");
  expect_axis(pools[2], 44, 8, -18, "pool3");
  expect_axis(pools[3], 100, 16, -42, "pool4");
  expect_axis(pools[4], 212, 32, -90, "pool5");
  expect_axis(f.back().y, 224, 1, 0, "the classifier");
}

// Non-square kernels and windows give each axis its own field.
TEST(ReceptiveField, AxesDifferForNonSquareWindows) {
  const ModelSpec spec = *parse_spec("input 9x12x1; conv 2 3x1 pad 1; maxpool 2x3 stride 2");
  const std::vector<ReceptiveField> f = receptive_fields(spec);
  ASSERT_EQ(f.size(), 2u);
  expect_axis(f[0].y, 3, 1, -1, "conv rows");
  expect_axis(f[0].x, 1, 1, -1, "conv columns");
  expect_axis(f[1].y, 4, 2, -1, "pool rows");
  expect_axis(f[1].x, 3, 2, -1, "pool columns");
}

// A block's pixel sees the union of its paths' fields. Worked by hand:
//   conv 3x3 same                 size 3, first -1
//   residual, main two 3x3 same   size 5 then 7, first -2 then -3; the identity adds (3, -1):
//                                 union first -3, end max(-3 + 7, -1 + 3) = 4: size 7
//   parallel 1x1 | 5x5 same | 3x3 pool same, from (7, -3): (7, -3), (11, -5), (9, -4): size 11
//   projection, main 3x3 stride 2 same (13, -6, jump 2) | 1x1 stride 2 (11, -5, jump 2): 13, -6
TEST(ReceptiveField, BlocksTakeTheUnionOfTheirPaths) {
  const ModelSpec spec = *parse_spec(
      "input 16x16x1; conv 2 3x3 same; residual(conv 2 3x3 same; conv 2 3x3 same) relu; "
      "parallel(conv 1 1x1 | conv 1 5x5 same | maxpool 3 stride 1 same); "
      "residual(conv 3 3x3 stride 2 same | conv 3 1x1 stride 2); zeropad 2 1 3 0; dwconv 3x3 valid; globalavgpool");
  const std::vector<ReceptiveField> f = receptive_fields(spec);
  ASSERT_EQ(f.size(), 8u);  // conv, residual, relu, parallel, residual, zeropad, dwconv, globalavgpool
  expect_axis(f[0].y, 3, 1, -1, "conv");
  expect_axis(f[1].y, 7, 1, -3, "identity block");
  expect_axis(f[2].y, 7, 1, -3, "its relu");
  expect_axis(f[3].y, 11, 1, -5, "parallel block");
  expect_axis(f[4].y, 13, 2, -6, "projection block");
  expect_axis(f[5].y, 13, 2, -10, "zeropad: 2 rows on top move first by 2 jumps");
  expect_axis(f[5].x, 13, 2, -12, "zeropad: 3 columns on the left");
  expect_axis(f[6].y, 17, 2, -10, "dwconv 3x3");
  expect_axis(f[7].y, 16, 1, 0, "global average pooling sees the whole input");
  EXPECT_TRUE(f[7].whole);
}

// A deep stack of strided layers saturates instead of overflowing.
TEST(ReceptiveField, DeepStridesSaturate) {
  std::string text = "input 1x1x1";
  for (int i = 0; i < 12; ++i) text += "; conv 1 1x1 stride 4096";
  const std::vector<ReceptiveField> f = receptive_fields(*parse_spec(text));
  EXPECT_EQ(f.back().y.jump, 1 << 30);
  EXPECT_EQ(f.back().y.size, 1);
}

}  // namespace
}  // namespace cnn::teach
