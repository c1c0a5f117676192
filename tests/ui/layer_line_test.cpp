// The layer list's reading and writing of spec lines (ui/layer_line.h): the kinds it offers as
// fields come back as the engine writes them, an edit changes only its word, and every line it
// cannot take apart is kept exactly as typed.
#include "layer_line.h"

#include <gtest/gtest.h>

namespace cnn::ui {
namespace {

TEST(LayerLine, TheEnginesOwnLinesComeBackAsTheyWere) {
  for (const char* line : {"conv 6 5x5 same relu", "conv 16 5x5 valid relu", "conv 8 3x3 stride 2 pad 1 nobias relu6",
                           "dwconv 3x3 same relu6", "maxpool 2", "avgpool 3 stride 1 same", "dense 120 relu", "dense 10",
                           "dropout 0.25", "conv 4 1x1 tanh"}) {
    const LayerLine l = read_layer_line(line);
    EXPECT_NE(l.kind, LayerKind::kText) << line;
    EXPECT_EQ(layer_line_text(l), line);
  }
}

TEST(LayerLine, AnEditChangesItsOwnWord) {
  LayerLine conv = read_layer_line("conv 6 5x5 same relu");
  EXPECT_EQ(conv.count, 6);
  EXPECT_EQ(conv.kernel, 5);
  EXPECT_EQ(default_stride(conv), 1);
  conv.stride = 2;
  conv.activation = 3;
  EXPECT_EQ(layer_line_text(conv), "conv 6 5x5 stride 2 same tanh");
  conv.padding = 3;
  conv.pad = 2;
  conv.activation = 0;
  EXPECT_EQ(layer_line_text(conv), "conv 6 5x5 stride 2 pad 2");

  LayerLine pool = read_layer_line("maxpool 2");
  EXPECT_EQ(pool.kind, LayerKind::kMaxpool);
  EXPECT_EQ(pool.stride, 0);
  EXPECT_EQ(default_stride(pool), 2) << "a pool's stride is its window unless written";
  pool.kernel = 3;
  pool.padding = 2;
  EXPECT_EQ(layer_line_text(pool), "maxpool 3 same");

  LayerLine dense = read_layer_line("dense 84 relu");
  dense.count = 32;
  EXPECT_EQ(layer_line_text(dense), "dense 32 relu");
  LayerLine drop = read_layer_line("dropout 0.5");
  drop.rate = 0.125f;
  EXPECT_EQ(layer_line_text(drop), "dropout 0.125");
}

TEST(LayerLine, WhatItCannotTakeApartStaysText) {
  for (const char* line : {"input 28x28x1", "flatten", "batchnorm", "relu", "leakyrelu 0.1", "conv 6 3x1 same",
                           "conv 6 5x5 relu same", "conv 6 5x5 same same", "dense 10 softmax extra", "maxpool 2 valid",
                           "dropout 1.5", "dropout x", "residual(conv 3 3x3 same relu; conv 3 3x3 same) relu",
                           "conv 6 5x5; maxpool 2", "conv +6 5x5", "dwconv 3x3 nobias", "", "   "}) {
    const LayerLine l = read_layer_line(line);
    EXPECT_EQ(l.kind, LayerKind::kText) << line;
    EXPECT_EQ(layer_line_text(l), line);
  }
}

TEST(LayerLine, LinesSplitAndJoinWithoutLosingAny) {
  const std::string text = "input 28x28x1\nconv 6 5x5 same relu\n\nmaxpool 2\n";
  const std::vector<std::string> lines = split_lines(text);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[4], "");
  EXPECT_EQ(join_lines(lines), text);
  EXPECT_EQ(split_lines("").size(), 1u);
}

}  // namespace
}  // namespace cnn::ui
