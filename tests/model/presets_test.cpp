// The presets' summaries against the counts Keras prints, and the cost arithmetic the course
// notes teach (Ng's 1x1 bottleneck, note 002's depthwise-separable example), all from
// summarize() on spec text: what `cnnplay summary` and the page show.
#include <gtest/gtest.h>

#include "model/spec.h"

namespace cnn {
namespace {

Summary summary_of(const std::string& text) {
  Expected<ModelSpec> spec = parse_spec(text);
  EXPECT_TRUE(spec.ok()) << text.substr(0, 80) << ": " << spec.error();
  if (!spec) return {};
  Expected<Summary> s = summarize(*spec);
  EXPECT_TRUE(s.ok()) << s.error();
  return s ? *s : Summary{};
}

struct KerasCount {
  const char* preset;
  int64_t params, nontrainable;
  const char* output;  // the last row's output
};

TEST(Presets, ANameIsFoundWithSpacesAroundIt) {
  EXPECT_EQ(preset_name(" lenet5\n"), "lenet5");
  EXPECT_EQ(preset_name("lenet5-tanh"), "lenet5-tanh");
  EXPECT_EQ(preset_name("lenet"), "");
  EXPECT_EQ(preset_name("conv 6 5x5; flatten; dense 10"), "");
  EXPECT_EQ(preset_name(""), "");
}

TEST(Presets, KerasApplicationsCountsExactly) {
  const KerasCount counts[] = {
      {"resnet50-course", 23600006, 53120, "6"}, {"resnet50", 25636712, 53120, "1000"},
      {"mobilenet", 4253864, 21888, "1000"},     {"mobilenetv2", 3538984, 34112, "1000"},
      {"inceptionv3", 23851784, 34432, "1000"},  {"lenet5", 61706, 0, "10"},
      {"alexnet", 58327818, 2752, "10"},         {"vgg16", 138357544, 0, "1000"},
      {"lenet5-tanh", 61706, 0, "10"},           {"lenet5-sigmoid", 61706, 0, "10"},
      {"lenet5-note003", 61706, 0, "10"},
      {"mlp", 784 * 77 + 77 + 77 * 10 + 10, 0, "10"},
  };
  for (const KerasCount& k : counts) {
    const Summary s = summary_of(k.preset);
    EXPECT_EQ(s.params, k.params) << k.preset;
    EXPECT_EQ(s.nontrainable, k.nontrainable) << k.preset;
    EXPECT_EQ(s.trainable, k.params - k.nontrainable) << k.preset;
    ASSERT_FALSE(s.rows.empty()) << k.preset;
    EXPECT_EQ(s.rows.back().output.str(), k.output) << k.preset;
  }
}

// The top-level rows' outputs, in order, skipping rows inside blocks.
std::vector<std::string> top_outputs(const Summary& s) {
  std::vector<std::string> out;
  for (const SummaryRow& r : s.rows)
    if (r.depth == 0) out.push_back(r.output.str());
  return out;
}

bool contains_in_order(const std::vector<std::string>& all, const std::vector<std::string>& wanted) {
  size_t i = 0;
  for (const std::string& s : all)
    if (i < wanted.size() && s == wanted[i]) ++i;
  return i == wanted.size();
}

TEST(Presets, ResNet50OfTheCourseHasItsStageShapes) {
  const Summary s = summary_of("resnet50-course");
  const std::vector<std::string> outs = top_outputs(s);
  // Note 000: 32x32x64 after the first convolution, 15x15x64 after the max pool, the four
  // stages, the average pool, 6 classes.
  EXPECT_TRUE(contains_in_order(outs, {"32x32x64", "15x15x64", "15x15x256", "8x8x512", "4x4x1024", "2x2x2048",
                                       "2048", "6"}));
  int blocks = 0, projections = 0;
  for (const SummaryRow& r : s.rows)
    if (r.block) {
      ++blocks;
      projections += r.text.find("projection") != std::string::npos;
    }
  EXPECT_EQ(blocks, 16);  // 3 + 4 + 6 + 3 bottleneck blocks
  EXPECT_EQ(projections, 4);  // one convolutional block opens each stage
}

TEST(Presets, InceptionV3MixedBlocksStackTheirBranches) {
  const Summary s = summary_of("inceptionv3");
  std::vector<std::string> mixed;
  for (const SummaryRow& r : s.rows)
    if (r.block && r.depth == 0) mixed.push_back(r.output.str());
  const std::vector<std::string> keras = {"35x35x256", "35x35x288",  "35x35x288",  "17x17x768",
                                          "17x17x768", "17x17x768",  "17x17x768",  "17x17x768",
                                          "8x8x1280",  "8x8x2048", "8x8x2048"};  // mixed0 .. mixed10
  EXPECT_EQ(mixed, keras);
}

TEST(Presets, MobileNetsEndTheirFeaturesWhereKerasDoes) {
  EXPECT_TRUE(contains_in_order(top_outputs(summary_of("mobilenet")),
                                {"112x112x32", "112x112x64", "56x56x128", "28x28x256", "14x14x512", "7x7x1024", "1024"}));
  EXPECT_TRUE(contains_in_order(top_outputs(summary_of("mobilenetv2")),
                                {"112x112x32", "112x112x16", "56x56x24", "28x28x32", "14x14x64", "14x14x96", "7x7x160",
                                 "7x7x320", "7x7x1280", "1280", "1000"}));
}

// Ng's example: 28x28x192 to 28x28x32 with a 5x5 convolution, directly or through a 1x1
// bottleneck of 16 channels.
TEST(CostArithmetic, OneByOneBottleneck) {
  const Summary direct = summary_of("input 28x28x192; conv 32 5x5 same");
  EXPECT_EQ(direct.macs, 120422400);
  const Summary bottleneck = summary_of("input 28x28x192; conv 16 1x1; conv 32 5x5 same");
  ASSERT_EQ(bottleneck.rows.size(), 2u);
  EXPECT_EQ(bottleneck.rows[0].macs, 2408448);
  EXPECT_EQ(bottleneck.rows[1].macs, 10035200);
  EXPECT_EQ(bottleneck.macs, 12443648);
}

// Note 002: a 6x6x3 input to 4x4x5 with 3x3 kernels, normally or depthwise-separable.
TEST(CostArithmetic, DepthwiseSeparable) {
  const Summary normal = summary_of("input 6x6x3; conv 5 3x3 valid");
  EXPECT_EQ(normal.macs, 2160);
  const Summary separable = summary_of("input 6x6x3; dwconv 3x3 valid; conv 5 1x1");
  ASSERT_EQ(separable.rows.size(), 2u);
  EXPECT_EQ(separable.rows[0].output.str(), "4x4x3");
  EXPECT_EQ(separable.rows[0].macs, 432);
  EXPECT_EQ(separable.rows[1].output.str(), "4x4x5");
  EXPECT_EQ(separable.rows[1].macs, 240);
  EXPECT_EQ(separable.macs, 672);
  EXPECT_NEAR(double(separable.macs) / double(normal.macs), 1.0 / 5 + 1.0 / 9, 1e-12);  // 0.31
}

}  // namespace
}  // namespace cnn
