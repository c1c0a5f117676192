// Spec text: parsing, errors that name the column, output sizes, and the summaries of the
// networks the course notes discuss.
#include <gtest/gtest.h>

#include "model/model.h"
#include "model/spec.h"

namespace cnn {
namespace {

TEST(OutputSize, FormulaOnTheWorkedExamples) {
  // floor((n + 2p - f) / s) + 1
  EXPECT_EQ(conv_output_size(28, 5, 2, 3), 10);  // (28 + 4 - 5) / 3 = 9, + 1
  EXPECT_EQ(conv_output_size(31, 5, 2, 3), 11);  // (31 + 4 - 5) / 3 = 10, + 1
  EXPECT_EQ(conv_output_size(6, 3, 0, 1), 4);    // the 6x6 edge-detection example
  EXPECT_EQ(conv_output_size(7, 3, 0, 2), 3);
  EXPECT_EQ(conv_output_size(227, 11, 0, 4), 55);
  EXPECT_EQ(conv_output_size(4, 5, 0, 1), 0);    // the window does not fit
}

TEST(OutputSize, NegativeSpansUseFloorDivision) {
  // floor((2 - 5) / 1) + 1 = -2;  floor((3 - 8) / 2) + 1 = floor(-2.5) + 1 = -2
  EXPECT_EQ(conv_output_size(2, 5, 0, 1), -2);
  EXPECT_EQ(conv_output_size(3, 8, 0, 2), -2);
}

TEST(OutputSize, WorkedExample28x31Pad2Stride3Kernel5) {
  Expected<ModelSpec> spec = parse_spec("input 28x31x1; conv 1 5x5 stride 3 pad 2");
  ASSERT_TRUE(spec.ok()) << spec.error();
  Expected<Shape3> out = layer_output_shape(spec->layers[0], spec->input);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->h, 10);
  EXPECT_EQ(out->w, 11);
}

TEST(OutputSize, SamePaddingKeepsTheSizeForOddKernels) {
  for (int k : {1, 3, 5, 7})
    for (int n : {5, 14, 28, 31}) {
      Expected<ModelSpec> spec = parse_spec("input " + std::to_string(n) + "x" + std::to_string(n) + "x1; conv 2 " +
                                            std::to_string(k) + "x" + std::to_string(k) + " same");
      ASSERT_TRUE(spec.ok()) << spec.error();
      EXPECT_EQ(spec->layers[0].pad, (k - 1) / 2);
      Expected<Shape3> out = layer_output_shape(spec->layers[0], spec->input);
      ASSERT_TRUE(out.ok());
      EXPECT_EQ(out->h, n) << "kernel " << k << " n " << n;
      EXPECT_EQ(out->w, n);
    }
}

TEST(OutputSize, SamePaddingWithStrideGivesCeilNOverS) {
  Expected<ModelSpec> spec = parse_spec("input 27x28x1; conv 2 3x3 stride 2 same");
  ASSERT_TRUE(spec.ok());
  Expected<Shape3> out = layer_output_shape(spec->layers[0], spec->input);
  EXPECT_EQ(out->h, 14);
  EXPECT_EQ(out->w, 14);
}

TEST(Spec, EmptyOrNegativeOutputIsAClearError) {
  Expected<ModelSpec> spec = parse_spec("input 4x4x1; conv 2 5x5 valid");
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.error().find("too small for the 5x5 window"), std::string::npos) << spec.error();
  EXPECT_NE(spec.error().find("spec layer 1"), std::string::npos) << spec.error();
}

TEST(Spec, SamePaddingNeedsAnOddKernel) {
  Expected<ModelSpec> spec = parse_spec("conv 2 4x4 same");
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.error().find("odd kernel"), std::string::npos) << spec.error();
}

TEST(Spec, ErrorsNameTheColumnAndWhatWasExpected) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"conv 6 5y5", "spec column 8 ('5y5'): expected a kernel size"},
      {"conv six 5x5", "spec column 6 ('six'): expected the number of filters"},
      {"conv 6 5x5 same relu; maxpol 2", "spec column 23 ('maxpol'): expected a layer"},
      {"conv 6 5x5 stride", "expected the stride"},
      {"dense 10 relu extra", "spec column 15 ('extra'): expected ';' after the activation"},
      {"dropout 1.5", "expected the dropout rate"},
      {"conv 6 5x5; input 28x28x1", "'input' only as the first statement"},
      {"dense 10", "is an image; add 'flatten' before it"},
      {"softmax; dense 10", "'softmax' may only end the network"},
      {"", "spec is empty"},
      {"input 28x28x0; flatten", "expected an input size"},
  };
  for (const Case& c : cases) {
    Expected<ModelSpec> spec = parse_spec(c.text);
    ASSERT_FALSE(spec.ok()) << "'" << c.text << "' parsed";
    EXPECT_NE(spec.error().find(c.expected), std::string::npos) << "'" << c.text << "' gave: " << spec.error();
  }
}

TEST(Spec, TextRoundTrips) {
  for (const char* text : {"conv 6 5x5 same relu; maxpool 2; conv 16 5x5 valid relu; maxpool 2; flatten; dense 120 "
                           "relu; dense 84 relu; dense 10",
                           "input 32x32x3; conv 8 3x3 stride 2 pad 1 leakyrelu 0.2; batchnorm; avgpool 3 stride 2; "
                           "flatten; dropout 0.25; dense 10 softmax",
                           "input 10x12x1; conv 2 3x5 valid tanh; maxpool 2x3; flatten; sigmoid; dense 4"}) {
    Expected<ModelSpec> spec = parse_spec(text);
    ASSERT_TRUE(spec.ok()) << spec.error();
    EXPECT_EQ(to_text(*spec), text);
    Expected<ModelSpec> again = parse_spec(to_text(*spec));
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(to_text(*again), text);
  }
}

TEST(Spec, AcceptsNewlinesCaseAndExtraSpaces) {
  Expected<ModelSpec> spec = parse_spec("  CONV 6 5x5 Same ReLU\n  maxpool 2 ;;\n flatten\n dense 10  ");
  ASSERT_TRUE(spec.ok()) << spec.error();
  EXPECT_EQ(to_text(*spec), "conv 6 5x5 same relu; maxpool 2; flatten; dense 10");
}

TEST(Summary, LeNet5MatchesKeras) {
  Expected<ModelSpec> spec = parse_spec("lenet5");
  ASSERT_TRUE(spec.ok());
  Expected<Summary> s = summarize(*spec);
  ASSERT_TRUE(s.ok());
  const char* shapes[] = {"28x28x6", "14x14x6", "10x10x16", "5x5x16", "400", "120", "84", "10"};
  const int64_t params[] = {156, 0, 2416, 0, 0, 48120, 10164, 850};
  ASSERT_EQ(s->rows.size(), 8u);
  for (size_t i = 0; i < 8; ++i) {
    EXPECT_EQ(s->rows[i].output.str(), shapes[i]) << "row " << i;
    EXPECT_EQ(s->rows[i].params, params[i]) << "row " << i;
  }
  EXPECT_EQ(s->params, 61706);
  EXPECT_EQ(s->nontrainable, 0);
  EXPECT_EQ(s->macs, 117600 + 240000 + 48000 + 10080 + 840);
  Expected<Model> model = Model::build(*spec, 1);
  ASSERT_TRUE(model.ok());
  EXPECT_EQ(model->param_count(), 61706);  // what is allocated agrees with what is counted
}

TEST(Summary, AlexNetAndVgg16MatchTheCourseNotes) {
  Expected<Summary> alexnet = summarize(*parse_spec("alexnet"));
  ASSERT_TRUE(alexnet.ok());
  EXPECT_EQ(alexnet->params, 58327818);
  EXPECT_EQ(alexnet->nontrainable, 2752);
  EXPECT_EQ(alexnet->rows[0].output.str(), "55x55x96");
  Expected<Summary> vgg = summarize(*parse_spec("vgg16"));
  ASSERT_TRUE(vgg.ok());
  EXPECT_EQ(vgg->params, 138357544);
  EXPECT_EQ(vgg->rows.back().output.str(), "1000");
}

TEST(Model, RefusesToAllocateNetworksTooLargeToTrainHere) {
  Expected<Model> model = Model::build("vgg16", 1);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.error().find("summaries of larger networks still work"), std::string::npos) << model.error();
}

// Issue 13, item 5: %g printed a leakyrelu's alpha 0.1234567 as 0.123457, so a model's spec
// changed in a save and load.
TEST(Spec, RatesSurviveThePrintedTextExactly) {
  for (const char* text : {"flatten; leakyrelu 0.1234567; dense 10", "flatten; dropout 0.3333333; dense 10",
                           "flatten; leakyrelu 1e-05; dense 10"}) {
    Expected<ModelSpec> spec = parse_spec(text);
    ASSERT_TRUE(spec.ok()) << spec.error();
    Expected<ModelSpec> again = parse_spec(to_text(*spec));
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(to_text(*again), to_text(*spec));
    ASSERT_EQ(again->layers.size(), spec->layers.size());
    for (size_t i = 0; i < spec->layers.size(); ++i) EXPECT_EQ(again->layers[i].rate, spec->layers[i].rate) << text;
  }
  EXPECT_NE(to_text(*parse_spec("flatten; leakyrelu 0.1234567; dense 10")).find("leakyrelu 0.1234567"), std::string::npos);
}

// Item 4: a spec longer than a model file can hold was saved, then refused on load with a
// misleading "does not fit in the file". Now parse_spec refuses it.
TEST(Spec, ASpecTooLongForAModelFileIsRefused) {
  std::string text = "input 4x4x1";
  while (text.size() < kMaxSpecTextBytes + 100) text += "; relu";
  text += "; flatten; dense 10";
  Expected<ModelSpec> spec = parse_spec(text);
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.error().find("more than the 65536 a model file holds"), std::string::npos) << spec.error();
}

}  // namespace
}  // namespace cnn
