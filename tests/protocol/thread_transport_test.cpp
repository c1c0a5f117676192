// ThreadTransport end to end: commands and events cross a real thread as encoded bytes.
#ifndef __EMSCRIPTEN__  // the browser runs the host in a Web Worker instead (web/engine_worker.cpp)

#include "protocol/thread_transport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "io/file.h"
#include "protocol/protocol_test_util.h"

namespace cnn::protocol {
namespace {

using test::events_of;

// Polls until `done(events so far)` or the deadline; returns everything received.
template <typename Done>
std::vector<Event> wait_for(Transport& t, Done done, double seconds = 60) {
  std::vector<Event> all;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done(all) && std::chrono::steady_clock::now() < deadline) {
    for (Event& e : t.poll()) all.push_back(std::move(e));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return all;
}

template <typename T>
auto has(uint32_t id = 0) {
  return [id](const std::vector<Event>& events) {
    for (const Event& e : events)
      if (std::holds_alternative<T>(e) && (id == 0 || request_id_of(e) == id)) return true;
    return false;
  };
}

TEST(ThreadTransport, ReadyLoadPredictErrorAndTraining) {
  std::unique_ptr<Transport> t = make_thread_transport();
  ASSERT_EQ(events_of<EngineReady>(wait_for(*t, has<EngineReady>())).size(), 1u);

  Expected<std::vector<uint8_t>> model = read_file(std::string(CNN_ASSETS_DIR) + "/lenet5-mnist.bin");
  ASSERT_TRUE(model.ok()) << model.error();
  t->send(LoadModel{1, "lenet5-mnist.bin", *model});
  auto loaded = events_of<ModelLoaded>(wait_for(*t, has<ModelLoaded>(1)));
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].summary.params, 61706);

  t->send(LoadModel{2, "junk.bin", {1, 2, 3}});
  auto errors = events_of<ErrorRaised>(wait_for(*t, has<ErrorRaised>(2)));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].message.find("junk.bin"), std::string::npos);

  // Training runs on the engine thread while predictions keep being answered.
  t->send(test::make_dataset_command(2000, 100, 3));
  TrainSettings s;
  s.epochs = 3;
  t->send(StartTraining{4, s});
  std::vector<Event> seen = wait_for(*t, has<TrainingProgressed>(4));
  ASSERT_FALSE(events_of<TrainingProgressed>(seen).empty());
  Predict p;
  p.request_id = 5;
  p.width = p.height = 28;
  p.pixels.assign(784, 0.0f);
  t->send(p);
  seen = wait_for(*t, has<Predicted>(5), 10);
  ASSERT_EQ(events_of<Predicted>(seen).size(), 1u) << "a prediction waited for training";

  t->send(PauseTraining{6});
  ASSERT_FALSE(events_of<TrainingPaused>(wait_for(*t, has<TrainingPaused>(6))).empty());
  t->send(StopTraining{7});
  auto stopped = events_of<TrainingStopped>(wait_for(*t, has<TrainingStopped>(4)));
  ASSERT_EQ(stopped.size(), 1u);
  EXPECT_FALSE(stopped[0].finished());
}

TEST(ThreadTransport, LoadsMnistFromDiskWhenAsked) {
  const std::string dir = CNN_MNIST_DIR;
  ASSERT_TRUE(read_file(dir + "/t10k-labels-idx1-ubyte").ok()) << "MNIST not installed in " << dir << " (tools/install_deps.sh npm)";
  std::unique_ptr<Transport> t = make_thread_transport(dir);
  Expected<std::vector<uint8_t>> model = read_file(std::string(CNN_ASSETS_DIR) + "/lenet5-mnist.bin");
  ASSERT_TRUE(model.ok());
  t->send(LoadModel{1, "m", *model});
  TrainSettings s;
  s.limit = 256;
  t->send(StartTraining{2, s});
  std::vector<Event> seen = wait_for(*t, has<TrainingStopped>(2));
  auto data = events_of<DatasetLoaded>(seen);
  ASSERT_EQ(data.size(), 1u);
  EXPECT_EQ(data[0].train_count, 60000);
  EXPECT_EQ(data[0].test_count, 10000);
  auto epochs = events_of<EpochFinished>(seen);
  ASSERT_EQ(epochs.size(), 1u);
  EXPECT_GT(epochs[0].test_accuracy, 0.9);  // from the shipped weights, 256 more samples
}

// A teaching command crosses the thread like any other: the trace comes back whole.
TEST(ThreadTransport, TracesAConvolution) {
  std::unique_ptr<Transport> t = make_thread_transport();
  TraceConvolution c;
  c.request_id = 3;
  c.input = Image{1, 5, 5, std::vector<float>(25, 0.0f)};
  c.input.values[12] = 1;  // an impulse in the middle
  c.kernel = Image{1, 3, 3, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
  c.padding = 1;
  c.flip = true;
  c.out_y = 1;
  c.out_x = 2;
  t->send(c);
  auto traced = events_of<ConvolutionTraced>(wait_for(*t, has<ConvolutionTraced>(3)));
  ASSERT_EQ(traced.size(), 1u);
  EXPECT_EQ(traced[0].output.height, 5);
  EXPECT_EQ(traced[0].output.values[size_t(1 * 5 + 2)], 2.0f);  // convolution stamps the kernel itself
  EXPECT_EQ(traced[0].sum, 2.0f);
  EXPECT_EQ(traced[0].padded.width, 7);
  EXPECT_EQ(traced[0].products.size(), 9u);
}

// GetTestImage before any dataset: the engine thread reads MNIST from disk, answers the
// image and trains nothing.
TEST(ThreadTransport, GetTestImageLoadsMnistFromDisk) {
  const std::string dir = CNN_MNIST_DIR;
  ASSERT_TRUE(read_file(dir + "/t10k-labels-idx1-ubyte").ok()) << "MNIST not installed in " << dir << " (tools/install_deps.sh npm)";
  std::unique_ptr<Transport> t = make_thread_transport(dir);
  t->send(GetTestImage{1, 0});
  t->send(GetTestImage{2, 9999});
  std::vector<Event> seen = wait_for(*t, has<TestImageProvided>(2));
  auto images = events_of<TestImageProvided>(seen);
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].request_id, 1u);
  EXPECT_EQ(images[0].label, 7);  // the first MNIST test digit is a 7
  EXPECT_EQ(images[0].count, 10000);
  EXPECT_EQ(images[0].pixels.size(), 784u);
  EXPECT_EQ(images[1].index, 9999);
  EXPECT_EQ(events_of<DatasetLoaded>(seen).size(), 1u);
  EXPECT_TRUE(events_of<TrainingStarted>(seen).empty());
  EXPECT_TRUE(events_of<ErrorRaised>(seen).empty());
}

// Fashion-MNIST, once chosen, comes from its own folder (unpacked by the build from Debian's
// dataset-fashion-mnist): its first test image is an ankle boot (class 9).
TEST(ThreadTransport, LoadsFashionMnistFromItsFolderOnceChosen) {
  const std::string dir = CNN_FASHION_DIR;
  ASSERT_TRUE(read_file(dir + "/t10k-labels-idx1-ubyte").ok()) << "Fashion-MNIST not unpacked in " << dir;
  std::unique_ptr<Transport> t = make_thread_transport(CNN_MNIST_DIR, dir);
  t->send(ChooseDataset{1, DatasetName::kFashion});
  t->send(GetTestImage{2, 0});
  std::vector<Event> seen = wait_for(*t, has<TestImageProvided>(2));
  auto images = events_of<TestImageProvided>(seen);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0].label, 9);
  EXPECT_EQ(images[0].count, 10000);
  auto loaded = events_of<DatasetLoaded>(seen);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].dataset, DatasetName::kFashion);
  EXPECT_EQ(loaded[0].train_count, 60000);
  EXPECT_TRUE(events_of<ErrorRaised>(seen).empty());
}

// A dataset that cannot be read answers what waited with an error instead of leaving it
// waiting forever: one error, with the real cause (issue 11, item 4: a second error about the
// empty files used to replace it).
TEST(ThreadTransport, UnreadableMnistAnswersTheWaitingImageWithAnError) {
  std::unique_ptr<Transport> t = make_thread_transport("/nonexistent-mnist-dir");
  t->send(GetTestImage{5, 0});
  std::vector<Event> seen = wait_for(*t, [](const std::vector<Event>& events) {
    return !events_of<ErrorRaised>(events).empty();
  }, 10);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // a second error would arrive by now
  for (Event& e : t->poll()) seen.push_back(std::move(e));
  auto errors = events_of<ErrorRaised>(seen);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 5u);
  EXPECT_NE(errors[0].message.find("/nonexistent-mnist-dir"), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[0].message.find("too short"), std::string::npos) << errors[0].message;
  EXPECT_TRUE(events_of<TestImageProvided>(seen).empty());
}

}  // namespace
}  // namespace cnn::protocol

#endif  // __EMSCRIPTEN__
