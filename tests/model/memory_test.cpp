// The memory budget (model/memory.h) and the counts under it (util/count.h), issue 13: a 45 KB
// model file whose spec asked for a 4.35 GB workspace aborted the engine, and a spec whose
// counts wrapped around read as "65,536 params, 0 MACs".
#include "model/memory.h"

#include <gtest/gtest.h>

#include "io/crc32.h"
#include "io/model_file.h"
#include "model/model.h"
#include "protocol/engine_host.h"
#include "protocol/protocol_test_util.h"

namespace cnn {
namespace {

TEST(Count, RemembersOverflowThroughSumsAndProducts) {
  const Count big = Count(int64_t(1) << 40);
  EXPECT_FALSE((big * 1000).overflowed());
  EXPECT_TRUE((big * big).overflowed());
  EXPECT_TRUE((big * big + 1).overflowed());
  EXPECT_TRUE((Count(INT64_MAX) + 1).overflowed());
  EXPECT_EQ((Count(6) * 7 + 0).value(), 42);
}

TEST(MemoryBudget, AWorkspaceThatDoesNotFitIsRefusedBeforeTheBuild) {
  Expected<Model> m = Model::build("conv 1 1x1028 pad 500; flatten; dense 10", 1);
  ASSERT_FALSE(m.ok()) << "4.3 GB of workspace was allocated";
  EXPECT_EQ(m.error(),
            "the model needs 4.3 GB (the workspace of layer 1 (conv 1 1x1028 pad 500) alone is 4.3 GB), more than the "
            "memory budget of 1.0 GB");
}

TEST(MemoryBudget, CountsThatOverflowAreAnErrorNotAWrappedNumber) {
  Expected<ModelSpec> spec = parse_spec("input 8192x8192x4; flatten; conv 65536 1024x1024 pad 512");
  ASSERT_TRUE(spec.ok()) << spec.error();  // the shapes work out; the counts do not
  Expected<Summary> s = summarize(*spec);
  ASSERT_FALSE(s.ok()) << "counted " << s->params << " parameters";
  EXPECT_NE(s.error().find("too many to count"), std::string::npos) << s.error();
}

TEST(MemoryBudget, LeNet5FitsAndItsWeightsAreCountedExactly) {
  Expected<ModelSpec> spec = parse_spec("lenet5");
  ASSERT_TRUE(spec.ok());
  Expected<MemoryNeed> inference = memory_need(*spec, MemoryUse{});
  ASSERT_TRUE(inference.ok());
  EXPECT_EQ(inference->weights.value(), 61706 * 2 * 4) << "values and gradients";
  EXPECT_EQ(inference->optimizer.value(), 0);
  Expected<MemoryNeed> adam = memory_need(*spec, MemoryUse{64, 500, true, OptimizerKind::kAdam});
  ASSERT_TRUE(adam.ok());
  EXPECT_EQ(adam->optimizer.value(), 61706 * 2 * 4) << "Adam's two moments";
  EXPECT_GT(adam->activations.value(), inference->activations.value() * 400) << "batch 500 against batch 1";
  EXPECT_LT(adam->total().value(), 50 * 1000 * 1000) << "LeNet-5 at batch 64 needs well under 50 MB";
  EXPECT_TRUE(check_memory(*spec, MemoryUse{64, 500, true, OptimizerKind::kAdam}, "training").ok());
}

// The activation cap is per sample; the batch multiplies it (item 3). The engine host refuses
// the batch, names what is too large, and keeps the model.
TEST(MemoryBudget, ATrainingBatchThatDoesNotFitIsRefusedAndTheModelStays) {
  protocol::EngineHost host;
  Expected<Model> wide = Model::build("conv 64 3x3 same relu; flatten; dense 10", 1);
  ASSERT_TRUE(wide.ok()) << wide.error();
  std::vector<protocol::Event> out;
  host.handle(protocol::LoadModel{1, "wide.bin", save_model(*wide)}, out);
  ASSERT_EQ(test::events_of<protocol::ModelLoaded>(out).size(), 1u);
  out.clear();
  host.handle(test::make_dataset_command(2000, 10), out);
  out.clear();
  protocol::TrainSettings s;
  s.batch = 1024;
  host.handle(protocol::StartTraining{2, s}, out);
  auto errors = test::events_of<protocol::ErrorRaised>(out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("training wide.bin with batch 1024 needs"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("more than the memory budget of 1.0 GB: try a smaller batch"), std::string::npos)
      << errors[0].message;
  EXPECT_FALSE(host.busy());
  EXPECT_TRUE(host.has_model());
  s.batch = 32;  // the same model at a batch that fits
  out.clear();
  host.handle(protocol::StartTraining{3, s}, out);
  EXPECT_EQ(test::events_of<protocol::TrainingStarted>(out).size(), 1u);
}

// A hostile model file: a small file whose spec asks for the 4.3 GB workspace.
TEST(MemoryBudget, AHostileModelFileIsRefusedAndTheCurrentModelStays) {
  protocol::EngineHost host;
  Expected<Model> lenet = Model::build("lenet5", 1);
  std::vector<protocol::Event> out;
  host.handle(protocol::LoadModel{1, "lenet5.bin", save_model(*lenet)}, out);
  out.clear();
  // The file format by hand (io/model_file.h): the spec, then enough tensor bytes for it.
  std::vector<uint8_t> bytes = save_model(*lenet);
  const std::string hostile = "conv 1 1x1028 pad 500; flatten; dense 10";
  std::vector<uint8_t> file(bytes.begin(), bytes.begin() + 12);  // magic and version
  const uint32_t n = uint32_t(hostile.size());
  for (int i = 0; i < 4; ++i) file.push_back(uint8_t(n >> (8 * i)));
  file.insert(file.end(), hostile.begin(), hostile.end());
  file.resize(file.size() + 46000, 0);
  const uint32_t crc = crc32(file.data(), file.size());
  for (int i = 0; i < 4; ++i) file.push_back(uint8_t(crc >> (8 * i)));
  host.handle(protocol::LoadModel{2, "hostile.bin", file}, out);
  auto errors = test::events_of<protocol::ErrorRaised>(out);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("hostile.bin: its spec does not build: the model needs 4.3 GB"), std::string::npos)
      << errors[0].message;
  EXPECT_NE(errors[0].message.find("(the current model is kept)"), std::string::npos) << errors[0].message;
  out.clear();
  host.handle(protocol::GetSummary{3}, out);
  auto loaded = test::events_of<protocol::ModelLoaded>(out);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].name, "lenet5.bin");
}

}  // namespace
}  // namespace cnn
