// Codec of engine/protocol/messages.h: every message survives encode -> decode unchanged,
// and garbage (random bytes, truncations, absurd counts) decodes to an error, never a crash.
#include <gtest/gtest.h>

#include <random>

#include "protocol/messages.h"

namespace cnn::protocol {
namespace {

// Equality through the codec itself: two messages are equal when they encode alike. The
// round trip then checks decode(encode(m)) encodes to the same bytes as m, and that the
// variant index and request id survive.
template <typename Variant>
void expect_round_trip(const Variant& m) {
  const std::vector<uint8_t> bytes = encode(m);
  Expected<Variant> back = [&] {
    if constexpr (std::is_same_v<Variant, Command>) return decode_command(bytes.data(), bytes.size());
    else return decode_event(bytes.data(), bytes.size());
  }();
  ASSERT_TRUE(back.ok()) << name_of(m) << ": " << back.error();
  EXPECT_EQ(back->index(), m.index()) << name_of(m);
  EXPECT_EQ(request_id_of(*back), request_id_of(m)) << name_of(m);
  EXPECT_EQ(encode(*back), bytes) << name_of(m);
}

std::vector<Command> sample_commands() {
  TrainSettings s;
  s.start = StartFrom::kFreshInit;
  s.epochs = 3; s.batch = 17; s.lr = 0.25f; s.optimizer = Optimizer::kMomentum; s.seed = 0xFFFFFFFFFFull; s.limit = 99;
  s.lr_decay = 0.2f;
  s.decay_every = 3;
  s.momentum = 0.5f;
  s.beta1 = 0.8f;
  s.beta2 = 0.99f;
  s.weight_decay = 5e-4f;
  s.augment = Augmentation{2, 15, 0.1f};
  s.patience = 3;
  return {
      LoadModel{1, "lenet5-mnist.bin", {0, 1, 2, 255}},
      Predict{2, 3, 2, true, {0.f, 0.5f, 1.f, 0.25f, -0.f, 1e-30f}},
      StartTraining{3, s},
      PauseTraining{4}, ResumeTraining{5}, StopTraining{6}, StepBatch{7}, SaveModel{8}, GetSummary{9},
      ProvideDataset{10, {1, 2}, {3}, {}, {4, 5, 6}, ""},
      TraceConvolution{11, Image{2, 1, 3, {1, 2, 3, 4, 5, 6}}, Image{2, 1, 1, {0.5f, -1}}, 0.25f, 8, 3, true, 4, 5},
      TracePooling{12, Image{1, 2, 2, {1, -2, 3, 4}}, PoolMode::kAverage, 3, 1, 0, 7},
      InspectNetwork{13, std::vector<float>(784, 0.25f)},
      SummarizeSpec{14, "conv 6 5x5 same relu; maxpool 2; flatten; dense 10"},
      GetTestImage{15, 9999},
      FindTestImages{20, 4, 9, 12},
      LoadModel{0xFFFFFFFFu, "", {}},
      ProvideDataset{10, {}, {}, {}, {}, "could not download MNIST: Failed to fetch"},
      RestoreShippedModel{16},
      LoadModel{17, "lenet5-mnist.bin", {7}, true},
      BuildModel{18, "resnet-mini", 0xFFFFFFFFFFFFull},
      BuildModel{19, "input 28x28x1; residual(conv 1 3x3 same | conv 1 1x1); flatten; dense 10", 0},
      TraceOptimizers{21, Surface::kRosenbrock, false, -1.5f, 2.5f, 500,
                      {PathSettings{Optimizer::kSgd, 1e-3f}, PathSettings{Optimizer::kAdam, 0.05f, 0.9f, 0.8f, 0.99f}}, 32},
      TraceConvBackward{22, Image{2, 1, 3, {1, 2, 3, 4, 5, 6}}, Image{2, 1, 1, {0.5f, -1}}, 3, 2, Upstream::kOneCell, 5, 9},
      TraceSeparable{23, Image{2, 1, 3, {1, 2, 3, 4, 5, 6}}, Image{2, 1, 1, {0.5f, -1}}, Image{3, 2, 1, {1, 0, 0, 1, 1, 1}}, 2,
                     3, true, 7},
      PreviewTraining{24, s, 8},
      FindTopActivations{25, 2, 15, 9},
      ProvideDataset{26, {7}, {}, {8}, {}, "", DatasetName::kFashion},
      ChooseDataset{27, DatasetName::kFashion},
      TraceDropout{28, Image{2, 1, 2, {1, -2, 3, 0.5f}}, 0.25f, 99},
  };
}

std::vector<Event> sample_events() {
  ModelSummary summary;
  summary.spec_text = "conv 6 5x5 same relu; maxpool 2";
  summary.input = "28x28x1";
  summary.rows = {{"conv2d", "conv 6 5x5 same relu", "28x28x6", 156, 117600},
                  {"max_pooling2d", "maxpool 2", "14x14x6", 0, 0}};
  summary.params = 156; summary.trainable = 156; summary.macs = 117600;
  TrainingProgressed p;
  p.request_id = 3; p.epoch = 1; p.epochs = 2; p.samples_done = 70000; p.total_samples = 120000;
  p.samples_per_s = 8123.5; p.seconds_left = 6.1; p.loss = 0.07; p.accuracy = 0.98; p.lr = 1e-3f;
  p.grad_norms = {0.5f, 0.25f, 1e-7f};
  ConvolutionTraced conv;
  conv.request_id = 11;
  conv.padded = Image{1, 3, 3, {0, 0, 0, 0, 1, 0, 0, 0, 0}};
  conv.kernel = Image{1, 2, 2, {1, 2, 3, 4}};
  conv.output = Image{1, 2, 2, {4, 3, 2, 1}};
  conv.out_y = 1; conv.out_x = 0; conv.window_y = 1; conv.window_x = 0;
  conv.patch = {0, 1, 0, 0}; conv.products = {0, 2, 0, 0}; conv.channel_sums = {2}; conv.bias = -0.5f; conv.sum = 1.5f;
  ConvBackwardTraced backward;
  backward.request_id = 22;
  backward.padded = Image{1, 3, 3, {0, 0, 0, 0, 2, 0, 0, 0, 0}};
  backward.dz = Image{1, 2, 2, {1, 2, 3, 4}};
  backward.steps = 3; backward.out_y = 1; backward.out_x = 0; backward.window_y = 1; backward.window_x = 0;
  backward.d_padded = Image{1, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, -0.0f}};
  backward.dw = Image{1, 2, 2, {0, 2, 4, 0}}; backward.db = 6;
  backward.kernel_dx = Image{1, 1, 1, {5}}; backward.kernel_dw = Image{1, 2, 2, {0, 2, 4, 8}}; backward.kernel_db = 10;
  backward.equals_kernel = true;
  PoolingTraced pool;
  pool.request_id = 12;
  pool.output = Image{1, 1, 2, {5, 6}};
  pool.out_x = 1; pool.window_x = 2; pool.patch = {1, 6, 2, 3}; pool.argmax = 1; pool.value = 6;
  pool.input_gradient = Image{1, 2, 4, {0, 0, 0, 1, 0, 0, 0, 0}};
  LayerActivation conv1;
  conv1.name = "conv2d"; conv1.text = "conv 2 3x1 same relu";
  conv1.output = Image{2, 2, 2, {1, 2, 3, 4, 5, 6, 7, 8}};
  conv1.field = ReceptiveField{3, 1, -1}; conv1.field_x = ReceptiveField{1, 1, 0};
  conv1.kernels = Image{2, 3, 1, {1, 2, 3, 4, 5, 6}}; conv1.kernel_inputs = 1; conv1.biases = {0.5f, -0.5f};
  LayerActivation dense;
  dense.name = "dense"; dense.text = "dense 10";
  dense.output = Image{10, 1, 1, std::vector<float>(10, 1.0f)};
  dense.field = ReceptiveField{28, 1, 0}; dense.field_x = dense.field; dense.biases.assign(10, 0.125f);
  return {
      EngineReady{0},
      ModelLoaded{1, "lenet5-mnist.bin", summary, false, {}, ""},
      Predicted{2, std::vector<float>(10, 0.1f), std::vector<float>(784, 0.5f), ""},
      DatasetRequested{3},
      DatasetDownloadProgressed{0, 1234567, 9912422},
      DatasetLoaded{3, 60000, 10000},
      TrainingStarted{3, TrainSettings{}, 60000},
      p,
      EpochFinished{3, 1, 0.2, 0.95, 0.1, 0.97, 7.5, std::vector<int32_t>(100, 3)},
      TrainingPaused{4}, TrainingResumed{5}, TrainingStopped{6, StopReason::kFinished, "", 60000},
      ModelSaved{8, {9, 8, 7}},
      ErrorRaised{1, "model.bin: checksum mismatch"},
      conv,
      pool,
      NetworkInspected{13, std::vector<float>(784, 0.5f), {conv1, dense}, std::vector<float>(10, 0.1f)},
      SpecSummarized{14, "lenet5", summary, "", -1, ""},
      SpecSummarized{16, "conv 6 5y5", ModelSummary{}, "spec column 8 ('5y5'): expected a kernel size such as 5x5", 7,
                     ""},
      SpecSummarized{17, "vgg16", summary, "", -1, "this network takes 224x224x3 inputs and gives 1000; ..."},
      TestImageProvided{15, 42, 7, 10000, std::vector<float>(784, 1.0f)},
      TestImagesFound{18, 4, 9, 5000, {3, 7}, std::vector<float>(2 * 784, 0.25f), std::vector<float>(20, 0.05f)},
      TrainingStopped{7, StopReason::kDiverged, "Training diverged at epoch 1, sample 640: ...", 0},
      Predicted{2, std::vector<float>(10, 0.1f), std::vector<float>(784, 0.5f), "it is very small (a dot?)"},
      ModelLoaded{1, "resnet-mini", summary, true, TrainSettings{StartFrom::kCurrentWeights, 1, 32, 3e-3f, Optimizer::kAdam, 1, 0, 0.2f},
                  "batch norm allows a larger first step"},
      OptimizersTraced{21, Surface::kSaddle, "f = x^2 + y^4 / 4 - y^2 / 2", -2, 2, -2, 2, 0, 1,
                       Image{1, 2, 2, {4, 3, 2, 1}},
                       {OptimizerPath{Optimizer::kMomentum, {-1.8f, -1.7f}, {0.01f, 0.02f}, {3.24f, 2.89f}, -1},
                        OptimizerPath{Optimizer::kSgd, {1, 2e4f}, {0, 0}, {1, 4e8f}, 1}}},
      backward,
      SeparableTraced{23, Image{1, 1, 2, {1, 2}}, Image{2, 1, 2, {3, 4, 5, 6}}, true, 3, 1, 0, 1, -1, -2, {1, 2}, {0.5f, 2},
                      {0.5f, 4}, 4.5f, 432, 240, 2160, 672},
      EpochFinished{3, 5, 0.2, 0.95, 0.1, 0.97, 7.5, std::vector<int32_t>(100, 3), 4},
      TrainingStopped{3, StopReason::kEarlyStopped, "Stopped early after epoch 7: ...", 240000},
      TrainingPreviewed{24, {1e-3f, 2e-4f}, Image{1, 1, 2, {0, 1}}, Image{1, 1, 2, {0.5f, 0.25f}}, {7}},
      TopActivationsFound{25, 2, 15, 10000, {42, 7}, {3.5f, 3.25f}, {1, 2, 0, 4}, {0, 0, 13, 13, 0, 6, 11, 19},
                          std::vector<float>(2 * 784, 0.5f), {3, 8}},
      DatasetRequested{27, DatasetName::kFashion},
      DatasetChosen{27, DatasetName::kFashion},
      DropoutTraced{28, Image{1, 1, 2, {2, 0}}, Image{1, 1, 2, {1, 0}}, 1, 2},
      DatasetLoaded{27, 60000, 10000, DatasetName::kFashion},
  };
}

// Which alternatives of the variant a list of samples covers.
template <typename Variant>
std::vector<bool> covered(const std::vector<Variant>& samples) {
  std::vector<bool> seen(std::variant_size_v<Variant>, false);
  for (const Variant& m : samples) seen[m.index()] = true;
  return seen;
}

TEST(ProtocolCodec, EveryCommandRoundTrips) {
  std::vector<Command> commands = sample_commands();
  const std::vector<bool> seen = covered(commands);
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_TRUE(seen[i]) << "no sample of command alternative " << i;
  for (const Command& c : commands) expect_round_trip(c);
}

TEST(ProtocolCodec, EveryEventRoundTrips) {
  std::vector<Event> events = sample_events();
  const std::vector<bool> seen = covered(events);
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_TRUE(seen[i]) << "no sample of event alternative " << i;
  for (const Event& e : events) expect_round_trip(e);
}

TEST(ProtocolCodec, FieldsSurviveExactly) {
  const std::vector<uint8_t> bytes = encode(Command(sample_commands()[2]));
  Expected<Command> back = decode_command(bytes.data(), bytes.size());
  ASSERT_TRUE(back.ok()) << back.error();
  const auto& s = std::get<StartTraining>(*back).settings;
  EXPECT_EQ(s.start, StartFrom::kFreshInit);
  EXPECT_EQ(s.epochs, 3);
  EXPECT_EQ(s.batch, 17);
  EXPECT_EQ(s.lr, 0.25f);
  EXPECT_EQ(s.optimizer, Optimizer::kMomentum);
  EXPECT_EQ(s.seed, 0xFFFFFFFFFFull);
  EXPECT_EQ(s.limit, 99);
  EXPECT_EQ(s.augment.shift, 2);
  EXPECT_EQ(s.augment.rotate, 15);
  EXPECT_EQ(s.augment.scale, 0.1f);
  EXPECT_EQ(s.patience, 3);

  const std::vector<uint8_t> ev = encode(Event(sample_events()[1]));
  Expected<Event> e = decode_event(ev.data(), ev.size());
  ASSERT_TRUE(e.ok()) << e.error();
  const ModelLoaded& m = std::get<ModelLoaded>(*e);
  EXPECT_EQ(m.name, "lenet5-mnist.bin");
  ASSERT_EQ(m.summary.rows.size(), 2u);
  EXPECT_EQ(m.summary.rows[0].output, "28x28x6");
  EXPECT_EQ(m.summary.rows[0].macs, 117600);
}

// The teaching messages: nested images, receptive fields and lists of layers come back
// field by field, and names are the ones the UI logs.
TEST(ProtocolCodec, TeachingMessagesSurviveExactly) {
  const std::vector<Command> commands = sample_commands();
  const std::vector<uint8_t> tc = encode(commands[10]);
  Expected<Command> c = decode_command(tc.data(), tc.size());
  ASSERT_TRUE(c.ok()) << c.error();
  ASSERT_TRUE(std::holds_alternative<TraceConvolution>(*c));
  const TraceConvolution& t = std::get<TraceConvolution>(*c);
  EXPECT_EQ(name_of(*c), std::string("TraceConvolution"));
  EXPECT_EQ(t.input.channels, 2);
  EXPECT_EQ(t.input.height, 1);
  EXPECT_EQ(t.input.width, 3);
  EXPECT_EQ(t.input.values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(t.kernel.values, (std::vector<float>{0.5f, -1}));
  EXPECT_EQ(t.bias, 0.25f);
  EXPECT_EQ(t.padding, 8);
  EXPECT_EQ(t.stride, 3);
  EXPECT_TRUE(t.flip);
  EXPECT_EQ(t.out_y, 4);
  EXPECT_EQ(t.out_x, 5);

  const std::vector<uint8_t> tp = encode(commands[11]);
  Expected<Command> p = decode_command(tp.data(), tp.size());
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_EQ(std::get<TracePooling>(*p).mode, PoolMode::kAverage);
  EXPECT_EQ(std::get<TracePooling>(*p).window, 3);
  EXPECT_EQ(std::get<TracePooling>(*p).out_x, 7);

  const std::vector<Event> events = sample_events();
  const std::vector<uint8_t> ni = encode(events[16]);
  Expected<Event> e = decode_event(ni.data(), ni.size());
  ASSERT_TRUE(e.ok()) << e.error();
  EXPECT_EQ(name_of(*e), std::string("NetworkInspected"));
  const NetworkInspected& n = std::get<NetworkInspected>(*e);
  ASSERT_EQ(n.layers.size(), 2u);
  EXPECT_EQ(n.layers[0].text, "conv 2 3x1 same relu");
  EXPECT_EQ(n.layers[0].output.channels, 2);
  EXPECT_EQ(n.layers[0].output.values[7], 8.0f);
  EXPECT_EQ(n.layers[0].field.size, 3);
  EXPECT_EQ(n.layers[0].field.first, -1);
  EXPECT_EQ(n.layers[0].field_x.size, 1);
  EXPECT_EQ(n.layers[0].kernels.height, 3);
  EXPECT_EQ(n.layers[0].kernel_inputs, 1);
  EXPECT_EQ(n.layers[0].biases, (std::vector<float>{0.5f, -0.5f}));
  EXPECT_EQ(n.layers[1].output.channels, 10);
  EXPECT_EQ(n.layers[1].kernel_inputs, 0);
  EXPECT_EQ(n.probs.size(), 10u);

  const std::vector<uint8_t> pt = encode(events[15]);
  Expected<Event> pe = decode_event(pt.data(), pt.size());
  ASSERT_TRUE(pe.ok()) << pe.error();
  EXPECT_EQ(std::get<PoolingTraced>(*pe).argmax, 1);
  EXPECT_EQ(std::get<PoolingTraced>(*pe).input_gradient.values[3], 1.0f);
}

TEST(ProtocolCodec, PoolModeOutOfRangeIsAnError) {
  std::vector<uint8_t> bytes = encode(Command(TracePooling{1, Image{1, 0, 0, {}}, PoolMode::kMax, 2, 2, 0, 0}));
  // Header (2) + request id (4) + image: channels, height, width (12) and an empty values
  // array (4): the mode byte follows.
  const size_t at = 2 + 4 + 12 + 4;
  ASSERT_EQ(bytes[at], uint8_t(PoolMode::kMax));
  bytes[at] = 2;
  Expected<Command> c = decode_command(bytes.data(), bytes.size());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().find("pool mode value 2 is out of range"), std::string::npos) << c.error();
}

TEST(ProtocolCodec, WrongVersionUnknownIndexAndTrailingBytesAreErrors) {
  std::vector<uint8_t> bytes = encode(Command(PauseTraining{1}));
  bytes[0] = kProtocolVersion + 1;
  Expected<Command> v = decode_command(bytes.data(), bytes.size());
  ASSERT_FALSE(v.ok());
  EXPECT_NE(v.error().find("protocol version"), std::string::npos) << v.error();

  bytes = encode(Command(PauseTraining{1}));
  bytes[1] = 200;
  Expected<Command> idx = decode_command(bytes.data(), bytes.size());
  ASSERT_FALSE(idx.ok());
  EXPECT_NE(idx.error().find("unknown message index 200"), std::string::npos) << idx.error();

  bytes = encode(Command(PauseTraining{1}));
  bytes.push_back(0);
  Expected<Command> trailing = decode_command(bytes.data(), bytes.size());
  ASSERT_FALSE(trailing.ok());
  EXPECT_NE(trailing.error().find("unexpected bytes at the end"), std::string::npos) << trailing.error();

  EXPECT_FALSE(decode_command(nullptr, 0).ok());
  EXPECT_FALSE(decode_event(bytes.data(), 1).ok());
}

TEST(ProtocolCodec, AbsurdCountIsRefusedBeforeAllocating) {
  std::vector<uint8_t> bytes = encode(Command(LoadModel{1, "m", {1, 2, 3}}));
  // Header (2) + request id (4) + name count (4) + "m" (1): the bytes count follows.
  const size_t at = 2 + 4 + 4 + 1;
  bytes[at] = bytes[at + 1] = bytes[at + 2] = bytes[at + 3] = 0xFF;
  Expected<Command> c = decode_command(bytes.data(), bytes.size());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().find("4294967295 elements"), std::string::npos) << c.error();
}

TEST(ProtocolCodec, EveryTruncationIsAnError) {
  for (const Command& c : sample_commands()) {
    const std::vector<uint8_t> bytes = encode(c);
    for (size_t n = 0; n < bytes.size(); ++n)
      EXPECT_FALSE(decode_command(bytes.data(), n).ok()) << name_of(c) << " cut at " << n;
  }
  for (const Event& e : sample_events()) {
    const std::vector<uint8_t> bytes = encode(e);
    for (size_t n = 0; n < bytes.size(); ++n)
      EXPECT_FALSE(decode_event(bytes.data(), n).ok()) << name_of(e) << " cut at " << n;
  }
}

TEST(ProtocolCodec, RandomBytesAndBitFlipsNeverCrash) {
  std::mt19937 rng(1234);
  int decoded = 0;
  for (int round = 0; round < 20000; ++round) {
    std::vector<uint8_t> bytes;
    if (round % 2 == 0) {
      bytes.resize(rng() % 64);
      for (uint8_t& b : bytes) b = uint8_t(rng());
      if (!bytes.empty()) bytes[0] = kProtocolVersion;  // get past the version check
    } else {
      const std::vector<Event> events = sample_events();
      bytes = encode(events[rng() % events.size()]);
      for (int k = 0; k < 3; ++k) bytes[rng() % bytes.size()] ^= uint8_t(1u << (rng() % 8));
    }
    Expected<Command> c = decode_command(bytes.data(), bytes.size());
    Expected<Event> e = decode_event(bytes.data(), bytes.size());
    decoded += c.ok() + e.ok();
    if (!c.ok()) { EXPECT_FALSE(c.error().empty()); }
    if (!e.ok()) { EXPECT_FALSE(e.error().empty()); }
  }
  EXPECT_GT(decoded, 0);  // some flips land in values and still decode: fine, but not all
}

}  // namespace
}  // namespace cnn::protocol
