// Pair races (ui/pair_race.h) and the residual view's stacks (ui/deep_stack.h): the two stacks' specs, the order of its
// commands (save, build plain, train, build residual, train, load the saved model back), what
// it keeps of each run, its ends (an error, a stop, a restart), and against the real engine
// that the plain sigmoid stack's first layer gets a vanishing gradient and the residual one's
// does not.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "model/spec.h"
#include "protocol/engine_host.h"
#include "deep_stack.h"
#include "pair_race.h"

#include "../protocol/protocol_test_util.h"

namespace cnn::ui {
namespace {

namespace proto = cnn::protocol;

// Commands kept for the test to answer by hand.
class Recorder : public proto::Transport {
 public:
  void send(const proto::Command& c) override { sent.push_back(c); }
  std::vector<proto::Event> poll() override { return {}; }
  template <typename C>
  const C& last() const {
    const C* c = std::get_if<C>(&sent.back());
    EXPECT_TRUE(c) << "the last command is another one (index " << sent.back().index() << ")";
    static const C none{};
    return c ? *c : none;
  }
  std::vector<proto::Command> sent;
};

TEST(DeepStack, TheTwoStacksDifferOnlyByTheirShortcuts) {
  for (int a = 0; a < kDeepActivations; ++a) {
    DeepStack s;
    s.blocks = 4;
    s.activation = DeepActivation(a);
    Expected<ModelSpec> plain = parse_spec(deep_stack_spec(s, false));
    Expected<ModelSpec> residual = parse_spec(deep_stack_spec(s, true));
    ASSERT_TRUE(plain.ok()) << plain.error();
    ASSERT_TRUE(residual.ok()) << residual.error();
    Expected<Summary> ps = summarize(*plain), rs = summarize(*residual);
    ASSERT_TRUE(ps.ok() && rs.ok());
    EXPECT_EQ(ps->params, rs->params) << deep_activation_key(s.activation);
    EXPECT_EQ(ps->macs, rs->macs) << "an identity shortcut multiplies nothing";
    int convs = 0;
    for (const SummaryRow& row : ps->rows) convs += row.name == "conv2d";
    EXPECT_EQ(convs, s.conv_layers());
    int adds = 0;
    for (const SummaryRow& row : rs->rows) adds += row.name == "add";
    EXPECT_EQ(adds, s.blocks);
  }
  DeepStack s;
  s.blocks = 1;
  EXPECT_EQ(deep_stack_spec(s, false), "conv 8 3x3 stride 2 same sigmoid; conv 8 3x3 same sigmoid; conv 8 3x3 same sigmoid; flatten; dense 10");
  EXPECT_EQ(deep_stack_spec(s, true), "conv 8 3x3 stride 2 same sigmoid; residual(conv 8 3x3 same sigmoid; conv 8 3x3 same); flatten; dense 10");
}

// The residual view's pair for `stack`.
struct Racers {
  PairRacer r[2];
  Racers(const DeepStack& stack, const proto::TrainSettings& settings) { deep_stack_racers(stack, settings, r); }
};

struct Fixture {
  Recorder transport;
  CommandSink sink{transport};
  EngineView view;
  PairRace race;
  proto::TrainSettings settings;
  Fixture() {
    view.ready = view.has_model = true;
    view.model_name = "mine.bin";
    view.model_dataset = proto::DatasetName::kFashion;
    settings.epochs = 1;
    settings.limit = 300;
    settings.seed = 7;
    settings.start = proto::StartFrom::kFreshInit;
  }
  void answer(proto::Event e) {
    apply(view, e, 0);
    race.on_event(e, view, sink);
  }
  // The model in the engine built from the last BuildModel, then that run trained to its end.
  void build_and_train(proto::StopReason end, float first_norm) {
    const auto build = transport.last<proto::BuildModel>();
    proto::ModelLoaded loaded;
    loaded.request_id = build.request_id;
    loaded.name = "built";
    answer(loaded);
    const auto start = transport.last<proto::StartTraining>();
    EXPECT_EQ(start.settings.limit, 300);
    EXPECT_EQ(start.settings.seed, 7u);
    EXPECT_EQ(start.settings.start, proto::StartFrom::kCurrentWeights) << "the stack just built, not a fresh init";
    answer(proto::TrainingStarted{start.request_id, start.settings, 300});
    proto::TrainingProgressed p;
    p.request_id = start.request_id;
    p.samples_done = 150;
    p.loss = 2.3;
    p.grad_norms = {first_norm, 0.5f, 1.0f};
    answer(p);
    answer(proto::Event(proto::ErrorRaised{start.request_id + 100, "another panel's question was refused"}));
    p.samples_done = 300;
    p.loss = 2.0;
    answer(p);
    proto::EpochFinished f;
    f.request_id = start.request_id;
    f.epoch = 1;
    f.test_accuracy = 0.5;
    f.train_loss = 2.1;
    answer(f);
    proto::TrainingStopped s;
    s.request_id = start.request_id;
    s.reason = end;
    answer(s);
  }
};

TEST(PairRace, SavesBuildsTrainsBothAndLoadsTheModelBack) {
  Fixture f;
  DeepStack stack;
  stack.blocks = 3;
  f.race.start(Racers(stack, f.settings).r, f.view, f.sink);
  ASSERT_TRUE(f.race.active());
  const auto save = f.transport.last<proto::SaveModel>();
  f.answer(proto::ModelSaved{save.request_id, {1, 2, 3}});
  EXPECT_EQ(f.transport.last<proto::BuildModel>().spec, deep_stack_spec(stack, false));
  EXPECT_EQ(f.transport.last<proto::BuildModel>().seed, 7u);
  f.build_and_train(proto::StopReason::kFinished, 1e-9f);
  EXPECT_EQ(f.race.current(), 1);
  EXPECT_EQ(f.transport.last<proto::BuildModel>().spec, deep_stack_spec(stack, true));
  EXPECT_EQ(f.transport.last<proto::BuildModel>().seed, 7u) << "the same seed: the same first weights where they match";
  f.build_and_train(proto::StopReason::kFinished, 0.2f);
  const auto load = f.transport.last<proto::LoadModel>();
  EXPECT_EQ(load.bytes, (std::vector<uint8_t>{1, 2, 3}));
  EXPECT_EQ(load.name, "mine.bin");
  proto::ModelLoaded back;
  back.request_id = load.request_id;
  back.name = "mine.bin";
  f.answer(back);
  EXPECT_FALSE(f.race.active());
  EXPECT_EQ(f.view.model_dataset, proto::DatasetName::kFashion) << "it answers in the classes it answered in before";
  EXPECT_NE(f.race.note().find("mine.bin"), std::string::npos) << f.race.note();
  for (int i = 0; i < 2; ++i) {
    const PairRun& r = f.race.run(i);
    EXPECT_TRUE(r.ended);
    EXPECT_EQ(r.loss, (std::vector<float>{2.3f, 2.0f}));
    EXPECT_EQ(r.samples, (std::vector<float>{150, 300}));
    EXPECT_EQ(r.test_accuracy, 0.5);
    EXPECT_EQ(r.last_loss, 2.1) << "the epoch's loss, not the last progress event's";
    ASSERT_EQ(r.grad_norms.size(), 3u);
  }
  EXPECT_EQ(f.race.run(0).grad_norms[0], 1e-9f);
  EXPECT_EQ(f.race.run(1).grad_norms[0], 0.2f);
  ASSERT_EQ(f.view.runs.size(), 2u);
  EXPECT_EQ(f.view.runs[0].name, "Run 1: plain, 7 sigmoid conv layers");
  EXPECT_EQ(f.view.runs[1].name, "Run 2: residual, 7 sigmoid conv layers");
}

TEST(PairRace, ARefusedBuildEndsItAndTheModelComesBack) {
  Fixture f;
  f.race.start(Racers(DeepStack{}, f.settings).r, f.view, f.sink);
  f.answer(proto::ModelSaved{f.transport.last<proto::SaveModel>().request_id, {4}});
  const uint32_t build = f.transport.last<proto::BuildModel>().request_id;
  f.answer(proto::ErrorRaised{build + 50, "someone else's error"});
  EXPECT_EQ(f.race.phase(), PairRace::Phase::kBuilding) << "an error for another request changes nothing";
  f.answer(proto::ErrorRaised{build, "the model needs 2 GB"});
  EXPECT_EQ(f.race.phase(), PairRace::Phase::kRestoring);
  EXPECT_EQ(f.transport.last<proto::LoadModel>().bytes, (std::vector<uint8_t>{4}));
  EXPECT_NE(f.race.note().find("2 GB"), std::string::npos);
}

TEST(PairRace, StopEndsTheRunAndStartsNoOther) {
  Fixture f;
  f.race.start(Racers(DeepStack{}, f.settings).r, f.view, f.sink);
  f.answer(proto::ModelSaved{f.transport.last<proto::SaveModel>().request_id, {4}});
  proto::ModelLoaded loaded;
  loaded.request_id = f.transport.last<proto::BuildModel>().request_id;
  f.answer(loaded);
  const auto start = f.transport.last<proto::StartTraining>();
  f.answer(proto::TrainingStarted{start.request_id, start.settings, 300});
  f.race.stop(f.sink);
  ASSERT_TRUE(std::holds_alternative<proto::StopTraining>(f.transport.sent.back()));
  proto::TrainingStopped s;
  s.request_id = start.request_id;
  s.reason = proto::StopReason::kStopped;
  f.answer(s);
  EXPECT_EQ(f.transport.last<proto::LoadModel>().bytes, (std::vector<uint8_t>{4})) << "no residual build: the model back";
  EXPECT_EQ(f.race.run(0).reason, proto::StopReason::kStopped);
  EXPECT_FALSE(f.race.run(1).ended);
}

TEST(PairRace, ADivergedPlainStackIsAResultAndTheResidualOneStillRuns) {
  Fixture f;
  f.race.start(Racers(DeepStack{}, f.settings).r, f.view, f.sink);
  f.answer(proto::ModelSaved{f.transport.last<proto::SaveModel>().request_id, {4}});
  f.build_and_train(proto::StopReason::kDiverged, 1.0f);
  EXPECT_EQ(f.race.current(), 1);
  EXPECT_EQ(f.transport.last<proto::BuildModel>().spec, deep_stack_spec(DeepStack{}, true));
}

TEST(PairRace, ARestartedEngineEndsIt) {
  Fixture f;
  f.race.start(Racers(DeepStack{}, f.settings).r, f.view, f.sink);
  f.race.forget();
  EXPECT_FALSE(f.race.active());
  EXPECT_FALSE(f.race.note().empty());
  const size_t sent = f.transport.sent.size();
  f.answer(proto::ModelSaved{1, {4}});
  EXPECT_EQ(f.transport.sent.size(), sent) << "an old answer starts nothing";
}

// The real engine behind it, on the tests' small learnable dataset: the plain sigmoid stack's
// first layer is taught next to nothing, the residual one's as much as its last layers.
class HostTransport : public proto::Transport {
 public:
  void send(const proto::Command& c) override { host.handle(c, queue); }
  std::vector<proto::Event> poll() override {
    if (queue.empty() && host.busy()) host.tick(50, queue);
    std::vector<proto::Event> out;
    out.swap(queue);
    return out;
  }
  proto::EngineHost host;
  std::vector<proto::Event> queue;
};

TEST(PairRace, ThePlainSigmoidStacksGradientVanishesAndTheResidualOnesDoesNot) {
  HostTransport t;
  CommandSink sink(t);
  EngineView view;
  view.ready = true;
  sink.send(test::make_dataset_command(256, 64));
  proto::BuildModel mine;
  mine.spec = "lenet5";
  sink.send(mine);
  PairRace race;
  DeepStack stack;
  stack.blocks = 5;  // 11 conv layers
  proto::TrainSettings s;
  s.epochs = 1;
  s.limit = 128;
  s.batch = 32;
  for (const proto::Event& e : t.poll()) apply(view, e, 0);
  ASSERT_TRUE(view.has_model);
  race.start(Racers(stack, s).r, view, sink);
  for (int i = 0; i < 2000 && race.active(); ++i)
    for (const proto::Event& e : t.poll()) {
      apply(view, e, 0);
      race.on_event(e, view, sink);
    }
  ASSERT_FALSE(race.active());
  EXPECT_EQ(view.model_name, "lenet5") << race.note();
  const PairRun &plain = race.run(0), &residual = race.run(1);
  ASSERT_TRUE(plain.ended && residual.ended);
  ASSERT_EQ(plain.grad_norms.size(), size_t(stack.conv_layers() + 1));  // and the dense layer
  ASSERT_EQ(residual.grad_norms.size(), plain.grad_norms.size());
  // The convolutions' norms, input side first (the dense layer's, last, is left out). On MNIST
  // (cnnplay train --json, 10 blocks) the first was 1.5e-15 plain and 0.21 residual.
  const auto first = [](const PairRun& r) { return r.grad_norms.front(); };
  const auto largest_conv = [](const PairRun& r) { return *std::max_element(r.grad_norms.begin(), r.grad_norms.end() - 1); };
  const auto smallest_conv = [](const PairRun& r) { return *std::min_element(r.grad_norms.begin(), r.grad_norms.end() - 1); };
  std::string all;
  for (int i = 0; i < 2; ++i) {
    all += i ? "\nresidual:" : "plain:";
    for (float v : race.run(i).grad_norms) all += " " + std::to_string(v);
  }
  EXPECT_LT(first(plain), 1e-4f * largest_conv(plain)) << all;
  EXPECT_GT(first(residual), 1e3f * first(plain)) << all;
  EXPECT_GT(smallest_conv(residual), 5e-3f * largest_conv(residual)) << "no layer of the residual stack is left behind\n" << all;
}

}  // namespace
}  // namespace cnn::ui
