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
      EXPECT_EQ(spec->layers[0].pad_h, (k - 1) / 2);
      EXPECT_EQ(spec->layers[0].pad_w, (k - 1) / 2);
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
  EXPECT_NE(spec.error().find("spec column 14 (layer 1): conv 2 5x5 valid"), std::string::npos) << spec.error();
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
      {"dense 10", "is an image; add 'flatten' or 'globalavgpool' before it"},
      {"softmax; dense 10", "'softmax' may only end the network"},
      {"flatten; dense 10; conv 6 3x3", "conv 6 3x3 valid: input 10 is flat; a 3x3 convolution needs an image"},
      {"", "spec is empty"},
      {"input 28x28x0; flatten", "expected an input size"},
  };
  for (const Case& c : cases) {
    Expected<ModelSpec> spec = parse_spec(c.text);
    ASSERT_FALSE(spec.ok()) << "'" << c.text << "' parsed";
    EXPECT_NE(spec.error().find(c.expected), std::string::npos) << "'" << c.text << "' gave: " << spec.error();
  }
}

// What an editor needs to mark an error: the byte offset of the word or statement named, and
// for a text of several lines the line and the column on it (in characters).
TEST(Spec, ErrorsGiveTheirPlaceInTheText) {
  SpecLocation at;
  ASSERT_FALSE(parse_spec("conv 6 5y5", &at).ok());
  EXPECT_EQ(at.offset, 7);
  EXPECT_EQ(at.line, 1);
  EXPECT_EQ(at.column, 8);

  // A shape error names the statement: here the third line, 'dense 10' without a flatten.
  const std::string text = "conv 6 5x5 same relu\nmaxpool 2\ndense 10";
  Expected<ModelSpec> shape = parse_spec(text, &at);
  ASSERT_FALSE(shape.ok());
  EXPECT_EQ(at.offset, int(text.find("dense")));
  EXPECT_EQ(at.line, 3);
  EXPECT_EQ(at.column, 1);
  EXPECT_EQ(shape.error().rfind("spec line 3, column 1 (layer 3): dense 10: input 14x14x6 is an image", 0), 0u)
      << shape.error();

  // A word error on a later line.
  Expected<ModelSpec> word = parse_spec("conv 6 5x5 same relu;\n  maxpol 2", &at);
  ASSERT_FALSE(word.ok());
  EXPECT_EQ(word.error().rfind("spec line 2, column 3 ('maxpol'): expected a layer", 0), 0u) << word.error();
  EXPECT_EQ(at.offset, 24);

  // Columns count characters: a word after two-byte letters in a comment-like word.
  Expected<ModelSpec> utf8 = parse_spec("\xC3\xA9\xC3\xA9 conv", &at);  // "éé conv"
  ASSERT_FALSE(utf8.ok());
  EXPECT_EQ(at.offset, 0);
  EXPECT_EQ(at.column, 1);
  Expected<ModelSpec> after = parse_spec("conv 6 5x5; \xC3\xA9", &at);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(at.offset, 12);
  EXPECT_EQ(at.column, 13);
  EXPECT_EQ(after.error().rfind("spec column 13 (", 0), 0u) << after.error();

  // A layer inside a block: its own place, and which path of which block.
  Expected<ModelSpec> inner = parse_spec("input 8x8x3\nresidual(conv 3 3x3 same;\n  dense 4)", &at);
  ASSERT_FALSE(inner.ok());
  EXPECT_EQ(at.line, 3);
  EXPECT_EQ(at.column, 3);
  EXPECT_EQ(inner.error().rfind("spec line 3, column 3 (layer 2 of path 1 of residual(...)): dense 4", 0), 0u)
      << inner.error();

  // No place: an empty spec. A good spec leaves the location empty too.
  ASSERT_FALSE(parse_spec("  ", &at).ok());
  EXPECT_EQ(at.offset, -1);
  ASSERT_TRUE(parse_spec("lenet5", &at).ok());
  EXPECT_EQ(at.offset, -1);
}

// The editor's form: one statement per line, a block's paths indented; it parses back to the
// same network for every preset.
TEST(Spec, LinesRoundTripForEveryPreset) {
  Expected<ModelSpec> lenet = parse_spec("lenet5");
  ASSERT_TRUE(lenet.ok());
  EXPECT_EQ(to_lines(*lenet),
            "conv 6 5x5 same relu\nmaxpool 2\nconv 16 5x5 valid relu\nmaxpool 2\nflatten\ndense 120 relu\n"
            "dense 84 relu\ndense 10");
  Expected<ModelSpec> block = parse_spec("input 8x8x3; residual(conv 3 3x3 same; relu | conv 3 1x1) relu; flatten; dense 2");
  ASSERT_TRUE(block.ok());
  EXPECT_EQ(to_lines(*block),
            "input 8x8x3\nresidual(\n  conv 3 3x3 same\n  relu\n| conv 3 1x1 valid\n) relu\nflatten\ndense 2");
  Expected<ModelSpec> nested = parse_spec("input 8x8x3; parallel(conv 2 1x1 | residual(conv 3 3x3 same relu)); flatten; dense 2");
  ASSERT_TRUE(nested.ok());
  EXPECT_EQ(to_lines(*nested), "input 8x8x3\nparallel(\n  conv 2 1x1 valid\n| residual(\n    conv 3 3x3 same relu\n  )\n)\nflatten\ndense 2");
  for (const auto& [name, text] : spec_presets()) {
    Expected<ModelSpec> spec = parse_spec(text);
    ASSERT_TRUE(spec.ok()) << name;
    Expected<ModelSpec> again = parse_spec(to_lines(*spec));
    ASSERT_TRUE(again.ok()) << name << ": " << again.error();
    EXPECT_EQ(to_text(*again), to_text(*spec)) << name;
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

TEST(Spec, NewLayersAndBlocksRoundTrip) {
  for (const char* text :
       {"input 8x8x3; conv 4 1x7 same nobias; batchnorm noscale; relu6; dwconv 3x3 stride 2 same nobias relu6; "
        "zeropad 0 1 0 1; dwconv 3x3 stride 2 valid; zeropad 2; conv 2 3x5 pad 1x2; globalavgpool; dense 10",
        "input 12x12x2; maxpool 3 stride 1 same; avgpool 3 stride 2 pad 1; residual(conv 2 3x3 same; batchnorm; relu; "
        "conv 2 3x3 same) relu; residual(conv 4 3x3 stride 2 same | conv 4 1x1 stride 2 valid); "
        "parallel(conv 2 1x1 valid relu | conv 2 1x1 valid; conv 3 3x3 same relu | maxpool 3 stride 1 same; "
        "parallel(conv 1 1x3 same | conv 1 3x1 same)); flatten; dense 10",
        "input 9x9x4; residual(residual(conv 4 3x3 same relu) relu; conv 4 1x1 valid); globalavgpool; dense 3 softmax",
        "input 28x28x1; rescale 255; conv 2 3x3 same tanh; rescale 0.00392157; flatten; dense 10"}) {
    Expected<ModelSpec> spec = parse_spec(text);
    ASSERT_TRUE(spec.ok()) << spec.error();
    EXPECT_EQ(to_text(*spec), text);
    Expected<ModelSpec> again = parse_spec(to_text(*spec));
    ASSERT_TRUE(again.ok()) << again.error();
    EXPECT_EQ(to_text(*again), text);
  }
}

TEST(Spec, BlocksAcceptSpacesNewlinesAndLinear) {
  Expected<ModelSpec> spec = parse_spec("input 6x6x2\nresidual ( conv 2 3x3 same linear ;\n batchnorm ) RELU\nflatten; dense 2");
  ASSERT_TRUE(spec.ok()) << spec.error();
  EXPECT_EQ(to_text(*spec), "input 6x6x2; residual(conv 2 3x3 same; batchnorm) relu; flatten; dense 2");
  ASSERT_EQ(spec->layers.size(), 4u);
  EXPECT_EQ(spec->layers[0].kind, LayerKind::kResidual);
  ASSERT_EQ(spec->layers[0].branches.size(), 1u);  // an identity shortcut
  EXPECT_EQ(spec->layers[0].branches[0].size(), 2u);
  EXPECT_TRUE(spec->layers[1].attached);
}

TEST(Spec, PerAxisSamePaddingForNonSquareKernels) {
  Expected<ModelSpec> spec = parse_spec("input 17x17x8; conv 4 1x7 same; conv 4 7x1 same; conv 4 3x1 stride 2 same");
  ASSERT_TRUE(spec.ok()) << spec.error();
  EXPECT_EQ(spec->layers[0].pad_h, 0);
  EXPECT_EQ(spec->layers[0].pad_w, 3);
  EXPECT_EQ(spec->layers[1].pad_h, 3);
  EXPECT_EQ(spec->layers[1].pad_w, 0);
  Expected<Summary> s = summarize(*spec);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->rows[0].output.str(), "17x17x4");
  EXPECT_EQ(s->rows[1].output.str(), "17x17x4");
  EXPECT_EQ(s->rows[2].output.str(), "9x9x4");  // ceil(17 / 2)
}

TEST(Spec, BlockShapesAndCounts) {
  Expected<ModelSpec> spec = parse_spec(
      "input 8x8x3; residual(conv 6 3x3 stride 2 same nobias; batchnorm | conv 6 1x1 stride 2 nobias; batchnorm) relu; "
      "parallel(conv 2 1x1 | conv 3 3x3 same | maxpool 3 stride 1 same)");
  ASSERT_TRUE(spec.ok()) << spec.error();
  Expected<Summary> s = summarize(*spec);
  ASSERT_TRUE(s.ok()) << s.error();
  // Rows: conv, batchnorm (path 0), conv, batchnorm (path 1), add; conv, conv, maxpool, concatenate.
  ASSERT_EQ(s->rows.size(), 9u);
  EXPECT_EQ(s->rows[0].depth, 1);
  EXPECT_EQ(s->rows[2].path, 1);
  EXPECT_TRUE(s->rows[4].block);
  EXPECT_EQ(s->rows[4].name, "add");
  EXPECT_EQ(s->rows[4].text, "+ projection shortcut relu");
  EXPECT_EQ(s->rows[4].output.str(), "4x4x6");
  EXPECT_EQ(s->rows[4].params, 6 * 3 * 9 + 4 * 6 + 6 * 3 + 4 * 6);
  EXPECT_EQ(s->rows[8].name, "concatenate");
  EXPECT_EQ(s->rows[8].output.str(), "4x4x11");  // 2 + 3 + 6 channels
  EXPECT_EQ(s->rows[8].params, (2 * 6 + 2) + (3 * 6 * 9 + 3));
  EXPECT_EQ(s->params, 6 * 3 * 9 + 4 * 6 + 6 * 3 + 4 * 6 + (2 * 6 + 2) + (3 * 6 * 9 + 3));
  EXPECT_EQ(s->nontrainable, 2 * 6 + 2 * 6);
  EXPECT_EQ(s->macs, 16 * 6 * 27 + 16 * 6 * 3 + 16 * 2 * 6 + 16 * 3 * 54);
  EXPECT_NE(summary_table(*s).find("  conv2d"), std::string::npos);
  EXPECT_NE(summary_json(*s).find("\"depth\":1"), std::string::npos);
}

TEST(Spec, BadBlocksNameTheColumn) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"input 8x8x3; residual(conv 4 3x3 same) relu; flatten; dense 2",
       "spec column 14 (residual(...)): the main path gives 8x8x4 but the identity shortcut passes the input, 8x8x3"},
      {"input 8x8x3; residual(conv 3 3x3 stride 2 same | conv 3 1x1); flatten; dense 2",
       "the main path gives 4x4x3 but the shortcut gives 8x8x3"},
      {"input 8x8x3; parallel(conv 2 1x1 | conv 2 3x3 valid); flatten; dense 2",
       "spec column 14 (parallel(...)): branch 1 gives 8x8 but branch 2 gives 6x6x2"},
      {"input 8x8x3; residual(conv 3 3x3 same; dense 4)", "spec column 40 (layer 2 of path 1 of residual(...)): dense 4"},
      {"input 8x8x3; residual(conv 3 3x3 same", "spec column 22 ('residual('): expected ')' to close this block"},
      {"input 8x8x3; conv 3 3x3 same)", "spec column 29 (')'): expected a statement (this ')' closes no block)"},
      {"input 8x8x3; parallel(conv 2 1x1)", "spec column 14 ('parallel'): expected two or more branches"},
      {"input 8x8x3; residual(conv 3 1x1 | conv 3 1x1 | conv 3 1x1)", "residual(MAIN) or residual(MAIN | SHORTCUT)"},
      {"input 8x8x3; residual( | conv 3 1x1)", "spec column 24 ('|'): expected a layer: every path of residual(...)"},
      {"input 8x8x3; residual(conv 3 1x1) relu extra", "spec column 40 ('extra'): expected ';' after the activation"},
      {"input 8x8x3; residual(conv 3 1x1) banana", "spec column 35 ('banana'): expected an activation"},
      {"input 8x8x3; residual(conv 3 1x1; softmax)", "'softmax' may only end the network"},
      {"input 8x8x3; residual(input 8x8x3)", "spec column 23 ('input'): expected a layer"},
      {"input 8x8x3; residual conv 3 1x1", "expected '(' to open the residual block"},
      {"input 8x8x3; maxpool 3 pad 2", "a pooling padding of at most half the window"},
      {"input 8x8x3; conv 2 2x3 same", "an odd kernel for 'same' padding"},
      {"input 8x8x3; zeropad 1 2", "'zeropad P' or 'zeropad TOP BOTTOM LEFT RIGHT'"},
      {"input 8x8x3; batchnorm scale", "expected 'noscale' or ';' after 'batchnorm'"},
      {"input 8x8x3; rescale", "the factor, as in 'rescale 255'"},
      {"input 8x8x3; rescale 0", "spec column 22 ('0'): expected the factor, a number from 0.000001 to 1000000"},
      {"input 8x8x3; rescale 255 relu", "spec column 26 ('relu'): expected ';' after the factor"},
      {"input 8x8x3; dwconv 3x3 nobias bias", "spec column 32 ('bias'): expected an activation"},
  };
  for (const Case& c : cases) {
    Expected<ModelSpec> spec = parse_spec(c.text);
    ASSERT_FALSE(spec.ok()) << "'" << c.text << "' parsed";
    EXPECT_NE(spec.error().find(c.expected), std::string::npos) << "'" << c.text << "' gave: " << spec.error();
  }
}

TEST(Spec, DeeplyNestedBlocksAreRefusedNotRecursedForever) {
  std::string text = "input 4x4x1; ";
  for (int i = 0; i < 40; ++i) text += "residual(";
  text += "relu";
  for (int i = 0; i < 40; ++i) text += ")";
  Expected<ModelSpec> spec = parse_spec(text);
  ASSERT_FALSE(spec.ok());
  EXPECT_NE(spec.error().find("at most 16 blocks inside one another"), std::string::npos) << spec.error();
}

}  // namespace
}  // namespace cnn
