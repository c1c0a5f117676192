// EngineHost and the teaching commands: traces, network inspection (also mid-training),
// spec summaries, and test images that wait for the dataset.
#include <gtest/gtest.h>

#include <algorithm>

#include "io/file.h"
#include "protocol/engine_host.h"
#include "protocol/protocol_test_util.h"

namespace cnn::protocol {
namespace {

using test::events_of;
using test::load_shipped;
using test::run;

// The one event a command answers with; fails the test on anything else.
template <typename T>
T only(const std::vector<Event>& out, uint32_t id) {
  EXPECT_EQ(out.size(), 1u);
  for (const ErrorRaised& e : events_of<ErrorRaised>(out)) ADD_FAILURE() << "ErrorRaised: " << e.message;
  std::vector<T> found = events_of<T>(out);
  EXPECT_EQ(found.size(), 1u);
  if (found.empty()) return T{};
  EXPECT_EQ(found[0].request_id, id);
  return found[0];
}

std::string only_error(const std::vector<Event>& out, uint32_t id) {
  EXPECT_EQ(out.size(), 1u);
  std::vector<ErrorRaised> errors = events_of<ErrorRaised>(out);
  if (errors.size() != 1) {
    ADD_FAILURE() << "expected one ErrorRaised";
    return "";
  }
  EXPECT_EQ(errors[0].request_id, id);
  return errors[0].message;
}

// The course's 6x6 half-bright image and a vertical edge kernel: 0 30 30 0 on every row.
TraceConvolution edge_trace(uint32_t id) {
  TraceConvolution t;
  t.request_id = id;
  t.input = Image{1, 6, 6, std::vector<float>(36, 0.0f)};
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 3; ++x) t.input.values[size_t(y * 6 + x)] = 10;
  t.kernel = Image{1, 3, 3, {1, 0, -1, 1, 0, -1, 1, 0, -1}};
  t.out_y = 3;
  t.out_x = 2;
  return t;
}

// A 28x28 "1": a vertical bar.
std::vector<float> bar() {
  std::vector<float> x(784, 0.0f);
  for (int y = 4; y < 24; ++y)
    for (int c = 13; c < 16; ++c) x[size_t(y * 28 + c)] = 1.0f;
  return x;
}

TEST(EngineHostTeach, TraceConvolutionAnswersWithTheEnginesOutput) {
  EngineHost host;  // no model needed
  const ConvolutionTraced t = only<ConvolutionTraced>(run(host, edge_trace(5)), 5);
  EXPECT_EQ(t.output.channels, 1);
  EXPECT_EQ(t.output.height, 4);
  EXPECT_EQ(t.output.width, 4);
  EXPECT_EQ(t.output.values, (std::vector<float>{0, 30, 30, 0, 0, 30, 30, 0, 0, 30, 30, 0, 0, 30, 30, 0}));
  EXPECT_EQ(t.out_y, 3);
  EXPECT_EQ(t.out_x, 2);
  EXPECT_EQ(t.window_y, 3);
  EXPECT_EQ(t.window_x, 2);
  EXPECT_EQ(t.patch, (std::vector<float>{10, 0, 0, 10, 0, 0, 10, 0, 0}));
  EXPECT_EQ(t.sum, 30.0f);
  EXPECT_EQ(t.padded.height, 6);

  TraceConvolution padded = edge_trace(6);
  padded.padding = 2;
  padded.stride = 2;
  padded.flip = true;
  padded.out_y = padded.out_x = 0;
  const ConvolutionTraced p = only<ConvolutionTraced>(run(host, padded), 6);
  EXPECT_EQ(p.padded.height, 10);
  EXPECT_EQ(p.output.height, 4);  // floor((6 + 4 - 3) / 2) + 1
  EXPECT_EQ(p.kernel.values, (std::vector<float>{-1, 0, 1, -1, 0, 1, -1, 0, 1}));
  EXPECT_EQ(p.sum, p.output.values[0]);
}

TEST(EngineHostTeach, BadTracesAreErrorsAndChangeNothing) {
  EngineHost host;
  load_shipped(host);
  TraceConvolution big = edge_trace(7);
  big.input = Image{1, 3, 3, std::vector<float>(9, 1.0f)};
  big.kernel = Image{1, 5, 5, std::vector<float>(25, 1.0f)};
  EXPECT_EQ(only_error(run(host, big), 7),
            "convolution: a 5x5 kernel does not fit a 3x3 input with padding 0 (output would be -1x-1)");
  TraceConvolution short_values = edge_trace(8);
  short_values.input.values.resize(10);
  EXPECT_EQ(only_error(run(host, short_values), 8), "convolution: the input is 1x6x6 (36 values) but 10 values came");

  TracePooling pool{9, Image{1, 2, 2, {1, 2, 3, 4}}, PoolMode::kMax, 3, 1, 0, 0};
  EXPECT_EQ(only_error(run(host, pool), 9), "pooling: a 3x3 window does not fit a 2x2 input (output would be 0x0)");
  EXPECT_TRUE(host.has_model());
  EXPECT_FALSE(host.busy());
  EXPECT_EQ(events_of<NetworkInspected>(run(host, InspectNetwork{10, bar()})).size(), 1u);
}

TEST(EngineHostTeach, TracePoolingAnswersWithValueArgmaxAndGradient) {
  EngineHost host;
  TracePooling m{11, Image{1, 4, 4, {1, 3, 2, 1, 4, 6, 5, 0, 7, 2, 9, 8, 1, 3, 4, 2}}, PoolMode::kMax, 2, 2, 0, 1};
  const PoolingTraced t = only<PoolingTraced>(run(host, m), 11);
  EXPECT_EQ(t.output.values, (std::vector<float>{6, 5, 7, 9}));
  EXPECT_EQ(t.window_y, 0);
  EXPECT_EQ(t.window_x, 2);
  EXPECT_EQ(t.patch, (std::vector<float>{2, 1, 5, 0}));
  EXPECT_EQ(t.argmax, 2);
  EXPECT_EQ(t.value, 5.0f);
  std::vector<float> g(16, 0.0f);
  g[1 * 4 + 2] = 1;
  EXPECT_EQ(t.input_gradient.values, g);

  m.request_id = 12;
  m.mode = PoolMode::kAverage;
  const PoolingTraced a = only<PoolingTraced>(run(host, m), 12);
  EXPECT_EQ(a.argmax, -1);
  EXPECT_EQ(a.value, 2.0f);
  EXPECT_EQ(a.input_gradient.values[2], 0.25f);
  EXPECT_EQ(a.input_gradient.values[0], 0.0f);
}

TEST(EngineHostTeach, InspectNetworkGivesEveryStatementAndPredictsProbabilities) {
  EngineHost host;
  load_shipped(host);
  const NetworkInspected n = only<NetworkInspected>(run(host, InspectNetwork{13, bar()}), 13);
  ASSERT_EQ(n.layers.size(), 8u);
  EXPECT_EQ(n.input, bar());
  EXPECT_EQ(n.layers[0].text, "conv 6 5x5 same relu");
  EXPECT_EQ(n.layers[0].output.channels, 6);
  EXPECT_EQ(n.layers[0].output.height, 28);
  EXPECT_EQ(n.layers[0].kernels.channels, 6);
  EXPECT_EQ(n.layers[0].kernels.height, 5);
  EXPECT_EQ(n.layers[0].kernel_inputs, 1);
  EXPECT_EQ(n.layers[2].kernels.channels, 96);
  EXPECT_EQ(n.layers[3].field.size, 16);
  EXPECT_EQ(n.layers[3].field.jump, 4);
  EXPECT_EQ(n.layers[3].field.first, -2);
  EXPECT_EQ(n.layers[3].field_x.size, 16);
  EXPECT_EQ(n.layers[5].biases.size(), 120u);

  Predict p;
  p.request_id = 14;
  p.width = p.height = 28;
  p.preprocess = false;
  p.pixels = bar();
  const Predicted predicted = only<Predicted>(run(host, p), 14);
  EXPECT_EQ(n.probs, predicted.probs);
  EXPECT_EQ(std::max_element(n.probs.begin(), n.probs.end()) - n.probs.begin(), 1);
}

TEST(EngineHostTeach, InspectNetworkErrors) {
  EngineHost empty;
  EXPECT_EQ(only_error(run(empty, InspectNetwork{1, bar()}), 1), "inspect: no model loaded");
  EngineHost host;
  load_shipped(host);
  EXPECT_EQ(only_error(run(host, InspectNetwork{2, std::vector<float>(100, 0.0f)}), 2),
            "inspect: 100 values; the network takes a 28x28 image (784 values, as Predicted.input)");
}

// Between two training slices, InspectNetwork sees the weights of the last batch, and the
// run carries on as if nothing happened.
TEST(EngineHostTeach, InspectNetworkWorksDuringTraining) {
  EngineHost host;
  load_shipped(host);
  run(host, test::make_dataset_command(640, 100));
  TrainSettings s;
  s.epochs = 1;
  s.batch = 32;
  ASSERT_EQ(events_of<TrainingStarted>(run(host, StartTraining{20, s})).size(), 1u);
  std::vector<Event> out;
  host.tick(1, out);
  ASSERT_TRUE(host.busy());

  const NetworkInspected n = only<NetworkInspected>(run(host, InspectNetwork{21, bar()}), 21);
  EXPECT_EQ(n.layers.size(), 8u);
  Predict p;
  p.request_id = 22;
  p.width = p.height = 28;
  p.preprocess = false;
  p.pixels = bar();
  EXPECT_EQ(n.probs, only<Predicted>(run(host, p), 22).probs);
  EXPECT_TRUE(host.busy());

  out.clear();
  for (int i = 0; i < 1000 && host.busy(); ++i) host.tick(20, out);
  auto stopped = events_of<TrainingStopped>(out);
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_TRUE(stopped[0].finished());
  ASSERT_EQ(events_of<EpochFinished>(out).size(), 1u);
  EXPECT_TRUE(events_of<ErrorRaised>(out).empty());
}

TEST(EngineHostTeach, SummarizeSpecCountsThePresetsAndSpecText) {
  EngineHost host;  // works without a model: a summary is counted, never built
  const SpecSummarized lenet = only<SpecSummarized>(run(host, SummarizeSpec{1, "lenet5"}), 1);
  EXPECT_EQ(lenet.name, "lenet5");
  EXPECT_EQ(lenet.summary.params, 61706);
  EXPECT_EQ(lenet.summary.trainable, 61706);
  EXPECT_EQ(lenet.summary.rows.size(), 8u);
  EXPECT_EQ(lenet.summary.input, "28x28x1");
  EXPECT_EQ(lenet.summary.rows[0].output, "28x28x6");

  const SpecSummarized alexnet = only<SpecSummarized>(run(host, SummarizeSpec{2, "alexnet"}), 2);
  EXPECT_EQ(alexnet.summary.params, 58327818);
  EXPECT_EQ(alexnet.summary.params - alexnet.summary.trainable, 2752);  // batch-norm moving statistics
  EXPECT_EQ(alexnet.summary.rows[0].output, "55x55x96");

  const SpecSummarized vgg = only<SpecSummarized>(run(host, SummarizeSpec{3, "vgg16"}), 3);
  EXPECT_EQ(vgg.summary.params, 138357544);
  EXPECT_EQ(vgg.summary.input, "224x224x3");

  const SpecSummarized text = only<SpecSummarized>(run(host, SummarizeSpec{4, "input 8x8x1; conv 4 3x3 valid relu; flatten; dense 2"}), 4);
  EXPECT_EQ(text.summary.params, 4 * 9 + 4 + 144 * 2 + 2);
  EXPECT_EQ(text.summary.spec_text, "input 8x8x1; conv 4 3x3 valid relu; flatten; dense 2");
  EXPECT_FALSE(host.has_model());
}

// An editor asks on every keystroke: a bad spec is answered with the engine's message and its
// place in the text, not with an error for the page's alert.
TEST(EngineHostTeach, SummarizeSpecAnswersABadSpecWithItsPlace) {
  EngineHost host;
  const SpecSummarized bad = only<SpecSummarized>(run(host, SummarizeSpec{5, "conv 6 5y5"}), 5);
  EXPECT_EQ(bad.error.rfind("spec column 8 ('5y5'): expected a kernel size", 0), 0u) << bad.error;
  EXPECT_EQ(bad.error_offset, 7);
  EXPECT_TRUE(bad.summary.rows.empty());
  EXPECT_EQ(bad.name, "conv 6 5y5");

  const SpecSummarized empty = only<SpecSummarized>(run(host, SummarizeSpec{6, ""}), 6);
  EXPECT_NE(empty.error.find("spec is empty"), std::string::npos) << empty.error;
  EXPECT_EQ(empty.error_offset, -1);

  const std::string lines = "input 3x3x1\nconv 2 5x5 valid";
  const SpecSummarized small = only<SpecSummarized>(run(host, SummarizeSpec{7, lines}), 7);
  EXPECT_EQ(small.error.rfind("spec line 2, column 1 (layer 1): conv 2 5x5 valid: input 3x3x1 is too small for the 5x5 window", 0), 0u)
      << small.error;
  EXPECT_EQ(small.error_offset, int(lines.find("conv")));
}

// Whether Apply would work, told with the summary: the playground builds 28x28x1 -> 10 networks
// that fit the engine, and summarizes any other.
TEST(EngineHostTeach, SummarizeSpecTellsWhetherThePlaygroundCanBuildIt) {
  EngineHost host;
  EXPECT_EQ(only<SpecSummarized>(run(host, SummarizeSpec{1, "lenet5"}), 1).build_problem, "");
  EXPECT_EQ(only<SpecSummarized>(run(host, SummarizeSpec{2, "resnet-mini"}), 2).build_problem, "");

  const SpecSummarized vgg = only<SpecSummarized>(run(host, SummarizeSpec{3, "vgg16"}), 3);
  EXPECT_EQ(vgg.error, "");
  EXPECT_EQ(vgg.summary.params, 138357544);
  EXPECT_NE(vgg.build_problem.find("this network takes 224x224x3 inputs and gives 1000;"), std::string::npos)
      << vgg.build_problem;

  const SpecSummarized six = only<SpecSummarized>(run(host, SummarizeSpec{4, "flatten; dense 6"}), 4);
  EXPECT_NE(six.build_problem.find("gives 6; the playground trains on 28x28x1 digits with 10 classes (end it with 'dense 10')"),
            std::string::npos) << six.build_problem;

  // Valid and the right shape, but 100 M weights: more than the engine builds.
  const SpecSummarized big = only<SpecSummarized>(run(host, SummarizeSpec{5, "flatten; dense 100000; dense 10"}), 5);
  EXPECT_NE(big.build_problem.find("this engine trains up to 64,000,000"), std::string::npos) << big.build_problem;

  // The same answer as BuildModel gives: it refuses, and the current model is kept.
  const std::string refused = only_error(run(host, BuildModel{6, "flatten; dense 6", 1}), 6);
  EXPECT_NE(refused.find(six.build_problem), std::string::npos) << refused;
  EXPECT_FALSE(host.has_model());
}

// The pixels of test image `index` in a ProvideDataset, as the network sees them (x / 255).
std::vector<float> pixels_of(const ProvideDataset& d, int index) {
  std::vector<float> out(784);
  for (int i = 0; i < 784; ++i) out[size_t(i)] = float(d.test_images[size_t(16 + index * 784 + i)]) * (1.0f / 255.0f);
  return out;
}
int label_of(const ProvideDataset& d, int index) { return d.test_labels[size_t(8 + index)]; }

// A confusion-matrix cell's test images: the model's own answers, found in test-set order over
// ticks, each with its pixels and probabilities; checked against Predict image by image.
TEST(EngineHostTeach, FindTestImagesGivesACellsImagesInOrder) {
  EngineHost host;
  load_shipped(host);
  EXPECT_NE(only_error(run(host, FindTestImages{40, 1, 7, 3}), 40).find("the test set is not loaded yet"),
            std::string::npos);
  const ProvideDataset data = test::make_dataset_command(100, 600, 41);
  ASSERT_EQ(events_of<DatasetLoaded>(run(host, data)).size(), 1u);

  // Every test image's answer, one Predict at a time, as the brute-force truth.
  std::vector<int> answer(600);
  std::vector<std::vector<float>> probs(600);
  for (int i = 0; i < 600; ++i) {
    const Predicted p = only<Predicted>(run(host, Predict{uint32_t(100 + i), 28, 28, false, pixels_of(data, i)}),
                                        uint32_t(100 + i));
    probs[size_t(i)] = p.probs;
    answer[size_t(i)] = int(std::max_element(p.probs.begin(), p.probs.end()) - p.probs.begin());
  }
  const int label = label_of(data, 0), predicted = answer[0];
  std::vector<int> cell;
  for (int i = 0; i < 600; ++i)
    if (label_of(data, i) == label && answer[size_t(i)] == predicted) cell.push_back(i);
  ASSERT_GE(cell.size(), 1u);

  auto search = [&](uint32_t id, int max) {
    std::vector<Event> out = run(host, FindTestImages{id, label, predicted, max});
    EXPECT_TRUE(out.empty()) << "answered in ticks, not at once";
    EXPECT_TRUE(host.busy());
    for (int i = 0; i < 1000 && host.busy(); ++i) host.tick(1, out);
    return only<TestImagesFound>(out, id);
  };
  const TestImagesFound first = search(42, 2);
  const size_t n = std::min<size_t>(2, cell.size());
  ASSERT_EQ(first.indices.size(), n);
  ASSERT_EQ(first.pixels.size(), n * 784);
  ASSERT_EQ(first.probs.size(), n * 10);
  for (size_t k = 0; k < n; ++k) {
    EXPECT_EQ(first.indices[k], cell[k]);
    EXPECT_EQ(std::vector<float>(first.pixels.begin() + long(k * 784), first.pixels.begin() + long((k + 1) * 784)),
              pixels_of(data, cell[k]));
    for (int c = 0; c < 10; ++c) EXPECT_NEAR(first.probs[k * 10 + size_t(c)], probs[size_t(cell[k])][size_t(c)], 1e-5);
  }
  EXPECT_EQ(first.scanned, n == 2 ? cell[1] + 1 : 600);

  // Room for all: every image of the cell, the whole set looked at.
  const TestImagesFound all = search(43, 64);
  EXPECT_EQ(all.indices, std::vector<int32_t>(cell.begin(), cell.begin() + long(std::min<size_t>(64, cell.size()))));
  if (cell.size() <= 64) {
    EXPECT_EQ(all.scanned, 600);
  }

  // Nonsense is refused; a model change stops a search with a word.
  EXPECT_NE(only_error(run(host, FindTestImages{44, 10, 0, 3}), 44).find("classes 0..9"), std::string::npos);
  EXPECT_NE(only_error(run(host, FindTestImages{45, 0, 0, 0}), 45).find("1..64 images"), std::string::npos);
  EXPECT_TRUE(run(host, FindTestImages{46, label, predicted, 64}).empty());
  std::vector<Event> changed = run(host, BuildModel{47, "mlp", 1});
  ASSERT_EQ(events_of<ErrorRaised>(changed).size(), 1u);
  EXPECT_EQ(events_of<ErrorRaised>(changed)[0].request_id, 46u);
  EXPECT_NE(events_of<ErrorRaised>(changed)[0].message.find("the model changed"), std::string::npos);
  EXPECT_FALSE(host.busy());
}

TEST(EngineHostTeach, GetTestImageWaitsForTheDatasetWithoutTraining) {
  EngineHost host;
  load_shipped(host);
  std::vector<Event> out = run(host, GetTestImage{30, 3});
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(events_of<DatasetRequested>(out).size(), 1u);
  EXPECT_EQ(request_id_of(out[0]), 30u);
  // A second request while the first waits: no second download.
  EXPECT_TRUE(run(host, GetTestImage{31, 49}).empty());
  EXPECT_EQ(only_error(run(host, GetTestImage{32, -1}), 32), "test image -1: the index must be 0 or more");

  const ProvideDataset data = test::make_dataset_command(100, 50, 30);
  out = run(host, data);
  ASSERT_EQ(events_of<DatasetLoaded>(out).size(), 1u);
  auto images = events_of<TestImageProvided>(out);
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].request_id, 30u);
  EXPECT_EQ(images[0].index, 3);
  EXPECT_EQ(images[0].count, 50);
  EXPECT_EQ(images[0].label, label_of(data, 3));
  EXPECT_EQ(images[0].pixels, pixels_of(data, 3));
  EXPECT_EQ(images[1].request_id, 31u);
  EXPECT_EQ(images[1].index, 49);
  EXPECT_EQ(images[1].pixels, pixels_of(data, 49));
  EXPECT_TRUE(events_of<TrainingStarted>(out).empty());
  EXPECT_FALSE(host.busy());

  // Loaded now: answered at once, and the index is checked against the set.
  const TestImageProvided now = only<TestImageProvided>(run(host, GetTestImage{33, 0}), 33);
  EXPECT_EQ(now.label, label_of(data, 0));
  EXPECT_EQ(only_error(run(host, GetTestImage{34, 50}), 34),
            "test image 50 does not exist: the test set has 50 images (0..49)");
}

TEST(EngineHostTeach, GetTestImageAndStartTrainingWaitingTogetherAreBothServed) {
  EngineHost host;
  load_shipped(host);
  ASSERT_EQ(events_of<DatasetRequested>(run(host, GetTestImage{40, 7})).size(), 1u);
  TrainSettings s;
  s.batch = 50;
  EXPECT_TRUE(events_of<DatasetRequested>(run(host, StartTraining{41, s})).empty()) << "one request at a time";
  std::vector<Event> out = run(host, test::make_dataset_command(200, 20, 40));
  ASSERT_EQ(events_of<TestImageProvided>(out).size(), 1u);
  EXPECT_EQ(events_of<TestImageProvided>(out)[0].request_id, 40u);
  auto started = events_of<TrainingStarted>(out);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].request_id, 41u);
  EXPECT_TRUE(host.busy());
  // Test images still come during training.
  EXPECT_EQ(only<TestImageProvided>(run(host, GetTestImage{42, 19}), 42).index, 19);
}

TEST(EngineHostTeach, GetTestImageOutOfRangeOnceLoadedIsAnError) {
  EngineHost host;
  run(host, GetTestImage{50, 20});
  std::vector<Event> out = run(host, test::make_dataset_command(30, 20, 50));
  EXPECT_EQ(events_of<DatasetLoaded>(out).size(), 1u);
  auto errors = events_of<ErrorRaised>(out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 50u);
  EXPECT_EQ(errors[0].message, "test image 20 does not exist: the test set has 20 images (0..19)");
}

TEST(EngineHostTeach, FailedDatasetAnswersEveryWaitingImageWithAnError) {
  EngineHost host;
  run(host, GetTestImage{60, 1});
  run(host, GetTestImage{61, 2});
  ProvideDataset broken = test::make_dataset_command(30, 20, 60);
  broken.test_images.resize(100);
  std::vector<Event> out = run(host, broken);
  auto errors = events_of<ErrorRaised>(out);
  ASSERT_EQ(errors.size(), 2u);  // the ProvideDataset's (id 60, shared with the first image), then image 2's
  EXPECT_EQ(errors[0].request_id, 60u);
  EXPECT_EQ(errors[1].request_id, 61u);
  EXPECT_NE(errors[1].message.find("test image 2: the dataset did not load ("), std::string::npos) << errors[1].message;
  EXPECT_TRUE(events_of<TestImageProvided>(out).empty());
  EXPECT_FALSE(host.has_dataset());

  // Nothing waits any more: the next request asks again.
  EXPECT_EQ(events_of<DatasetRequested>(run(host, GetTestImage{62, 1})).size(), 1u);
}

}  // namespace
}  // namespace cnn::protocol

namespace cnn::protocol {
namespace {

// TraceOptimizers through the host: each path as asked, from the surface's lesson start or the
// one given, with the surface's values for the contours; a bad request is said, not crashed on.
TEST(EngineHostTeach, TraceOptimizersWalksEachOptimizerFromOneStart) {
  EngineHost host;
  TraceOptimizers m;
  m.request_id = 50;
  m.steps = 20;
  m.optimizers = {PathSettings{Optimizer::kSgd, 0.4f}, PathSettings{Optimizer::kAdam, 0.5f}};
  m.grid = 16;
  const OptimizersTraced t = only<OptimizersTraced>(run(host, m), 50);
  EXPECT_EQ(t.formula, "f = 0.1 x^2 + 2 y^2");
  ASSERT_EQ(t.paths.size(), 2u);
  EXPECT_EQ(t.paths[0].optimizer, Optimizer::kSgd);
  EXPECT_EQ(t.paths[1].optimizer, Optimizer::kAdam);
  for (const OptimizerPath& p : t.paths) {
    ASSERT_EQ(p.x.size(), 21u);
    EXPECT_EQ(p.x[0], -5.0f);
    EXPECT_EQ(p.y[0], -2.0f);
    EXPECT_EQ(p.loss[0], 10.5f);
  }
  EXPECT_EQ(t.paths[0].x[1], -5.0f - 0.4f * (0.2f * -5.0f));  // one SGD step: x -= lr * 0.2 x
  EXPECT_EQ(t.values.height, 16);
  EXPECT_EQ(t.values.values.size(), 256u);
  EXPECT_EQ(t.values.values[0], 0.1f * 36 + 2 * 9.0f);  // the corner (-6, -3)

  m.request_id = 51;
  m.surface = Surface::kSaddle;
  m.surface_start = false;
  m.start_x = 1;
  m.start_y = 0;
  const OptimizersTraced given = only<OptimizersTraced>(run(host, m), 51);
  EXPECT_EQ(given.paths[0].x[0], 1.0f);
  EXPECT_EQ(given.paths[0].y.back(), 0.0f);

  m.request_id = 52;
  m.optimizers.clear();
  EXPECT_NE(only_error(run(host, m), 52).find("1 to 4 start from the same point"), std::string::npos);
  m.request_id = 53;
  m.optimizers = {PathSettings{Optimizer::kMomentum, 0.1f, 1.5f}};
  EXPECT_NE(only_error(run(host, m), 53).find("momentum 1.5 is not in [0, 1)"), std::string::npos);
  m.request_id = 54;
  m.optimizers[0].momentum = 0.9f;
  m.grid = 500;
  EXPECT_NE(only_error(run(host, m), 54).find("surface grid 500"), std::string::npos);
}

}  // namespace
}  // namespace cnn::protocol

// TraceConvBackward through the host: the stepped sums as asked, the kernel's gradients with
// them, and a bad request said.
namespace cnn::protocol {
namespace {

TEST(EngineHostTeach, TraceConvBackwardStepsToTheKernelsGradients) {
  EngineHost host;
  TraceConvBackward m;
  m.request_id = 60;
  m.input = Image{1, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
  m.kernel = Image{1, 2, 2, {1, -1, 2, 0}};
  m.upstream = Upstream::kCounting;
  m.steps = 1;
  const ConvBackwardTraced one = only<ConvBackwardTraced>(run(host, m), 60);
  EXPECT_EQ(one.dz.values, (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(one.steps, 1);
  EXPECT_EQ(one.db, 1.0f);
  EXPECT_EQ(one.dw.values, (std::vector<float>{1, 2, 4, 5}));
  EXPECT_EQ(one.kernel_db, 10.0f);
  EXPECT_FALSE(one.equals_kernel);
  m.request_id = 61;
  m.steps = 4;
  const ConvBackwardTraced all = only<ConvBackwardTraced>(run(host, m), 61);
  EXPECT_TRUE(all.equals_kernel);
  EXPECT_EQ(all.dw.values, all.kernel_dw.values);
  EXPECT_EQ(all.kernel_dx.height, 3);
  m.request_id = 62;
  m.steps = 9;
  EXPECT_NE(only_error(run(host, m), 62).find("9 steps asked of a 2x2 output"), std::string::npos);
}

}  // namespace
}  // namespace cnn::protocol

namespace cnn::protocol {
namespace {

// TraceSeparable through the host: note 002's 6x6x3 example, a cell of each step and the costs.
TEST(EngineHostTeach, TraceSeparableTracesEitherStepWithTheNotesCosts) {
  EngineHost host;
  TraceSeparable m;
  m.request_id = 70;
  m.input = Image{3, 6, 6, std::vector<float>(108, 1.0f)};
  m.depthwise = Image{3, 3, 3, std::vector<float>(27, 0.5f)};
  m.pointwise = Image{5, 3, 1, {1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, -1, 0, 1}};
  const SeparableTraced dw = only<SeparableTraced>(run(host, m), 70);
  EXPECT_EQ(dw.sum, 4.5f);  // 9 x 0.5 x 1
  EXPECT_EQ(dw.depthwise_out.channels, 3);
  EXPECT_EQ(dw.pointwise_out.channels, 5);
  EXPECT_EQ(dw.done_macs, 9);
  m.request_id = 71;
  m.pointwise_step = true;
  m.cell = 3 * 16;  // filter 3 (1, 1, 1) at (0, 0)
  const SeparableTraced pw = only<SeparableTraced>(run(host, m), 71);
  EXPECT_EQ(pw.channel, 3);
  EXPECT_EQ(pw.sum, 13.5f);
  EXPECT_EQ(pw.done_macs, 432 + 49 * 3);
  EXPECT_EQ(pw.normal_macs, 2160);
  m.request_id = 72;
  m.cell = 80;
  EXPECT_NE(only_error(run(host, m), 72).find("outside the 5x4x4 output"), std::string::npos);
}

// TraceDropout through the host: LeNet-5's conv1 maps of 6 x 28 x 28, half of them dropped and
// the rest doubled; a rate of 1 is refused.
TEST(EngineHostTeach, TraceDropoutDropsAboutHalfAndDoublesTheRest) {
  EngineHost host;
  TraceDropout m;
  m.request_id = 80;
  m.input = Image{6, 28, 28, std::vector<float>(4704, 0.25f)};
  const DropoutTraced t = only<DropoutTraced>(run(host, m), 80);
  EXPECT_EQ(t.total, 4704);
  EXPECT_NEAR(double(t.kept), 2352.0, 5 * 34.3);
  for (size_t i = 0; i < t.output.values.size(); ++i)
    ASSERT_EQ(t.output.values[i], t.mask.values[i] == 1.0f ? 0.5f : 0.0f) << i;
  m.request_id = 81;
  m.rate = 1.0f;
  EXPECT_NE(only_error(run(host, m), 81).find("rate"), std::string::npos);
}

}  // namespace
}  // namespace cnn::protocol
