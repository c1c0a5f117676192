// FindTopActivations (feature visualization, note 004 section 8): the test images that excite a
// channel most are the ones InspectNetwork, image by image, finds largest there; each comes
// with its peak's place and that pixel's receptive field; bad requests say what is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "data/dataset.h"
#include "io/file.h"
#include "protocol/engine_host.h"
#include "protocol/protocol_test_util.h"

namespace cnn::protocol {
namespace {

using test::events_of;
using test::load_shipped;
using test::run;

TopActivationsFound search(EngineHost& host, const FindTopActivations& m) {
  std::vector<Event> out = run(host, m);
  for (int i = 0; i < 1000 && host.busy(); ++i) host.tick(5, out);
  for (const ErrorRaised& e : events_of<ErrorRaised>(out)) ADD_FAILURE() << e.message;
  auto found = events_of<TopActivationsFound>(out);
  EXPECT_EQ(found.size(), 1u);
  return found.empty() ? TopActivationsFound{} : found[0];
}

// The largest value of `channel` in statement `statement`'s map for test image i, and where,
// as InspectNetwork shows it (one image at a time, through the same inference).
struct Peak {
  float value;
  int y, x;
};
Peak inspected_peak(EngineHost& host, const Dataset& test, int i, int statement, int channel) {
  Tensor x;
  int32_t label = 0;
  test.slice(i, 1, x, &label);
  auto n = events_of<NetworkInspected>(run(host, InspectNetwork{50, std::vector<float>(x.data(), x.data() + x.size())}));
  EXPECT_EQ(n.size(), 1u);
  const Image& map = n[0].layers[size_t(statement)].output;
  const int plane = map.height * map.width;
  const float* p = map.values.data() + size_t(channel) * size_t(plane);
  const int at = int(std::max_element(p, p + plane) - p);
  return Peak{p[at], at / map.width, at % map.width};
}

TEST(EngineHostTopActivations, TheStrongestTestImagesOfAChannelWithTheirPatches) {
  EngineHost host;
  load_shipped(host);
  const FindTopActivations want{7, 2, 3, 6};  // LeNet-5's second conv ("conv 16 5x5 valid relu"), channel 3
  auto requested = events_of<DatasetRequested>(run(host, want));
  ASSERT_EQ(requested.size(), 1u) << "it waits for the test set";
  EXPECT_FALSE(host.busy());
  const ProvideDataset data = test::make_dataset_command(64, 120, 8);
  run(host, data);
  std::vector<Event> out;
  for (int i = 0; i < 1000 && host.busy(); ++i) host.tick(5, out);
  auto found = events_of<TopActivationsFound>(out);
  ASSERT_EQ(found.size(), 1u);
  const TopActivationsFound& f = found[0];
  EXPECT_EQ(f.request_id, 7u);
  EXPECT_EQ(f.scanned, 120);
  ASSERT_EQ(f.indices.size(), 6u);
  ASSERT_EQ(f.pixels.size(), 6u * 784);
  ASSERT_EQ(f.windows.size(), 24u);

  Expected<Dataset> test = make_dataset(data.test_images.data(), data.test_images.size(), data.test_labels.data(),
                                        data.test_labels.size(), "test");
  ASSERT_TRUE(test.ok()) << test.error();
  std::vector<Peak> peaks;
  for (int i = 0; i < test->count; ++i) peaks.push_back(inspected_peak(host, *test, i, 2, 3));
  std::vector<int> order(size_t(test->count));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return peaks[size_t(a)].value > peaks[size_t(b)].value; });
  for (size_t k = 0; k < 6; ++k) {
    const int i = f.indices[k];
    EXPECT_EQ(i, order[k]) << "rank " << k;
    EXPECT_NEAR(f.activations[k], peaks[size_t(i)].value, 1e-4f * std::max(1.0f, peaks[size_t(i)].value));
    EXPECT_EQ(f.positions[2 * k], peaks[size_t(i)].y);
    EXPECT_EQ(f.positions[2 * k + 1], peaks[size_t(i)].x);
    // conv2's receptive field (teach/receptive_field.h): 14 pixels a side from row 2y - 2,
    // clipped to the image.
    const int y0 = -2 + 2 * f.positions[2 * k], x0 = -2 + 2 * f.positions[2 * k + 1];
    EXPECT_EQ(f.windows[4 * k], std::max(0, y0));
    EXPECT_EQ(f.windows[4 * k + 1], std::max(0, x0));
    EXPECT_EQ(f.windows[4 * k + 2], std::min(27, y0 + 13));
    EXPECT_EQ(f.windows[4 * k + 3], std::min(27, x0 + 13));
    Tensor x;
    int32_t label = 0;
    test->slice(i, 1, x, &label);
    EXPECT_TRUE(std::equal(x.data(), x.data() + 784, f.pixels.begin() + long(k) * 784)) << "rank " << k;
    EXPECT_EQ(f.labels[k], label);
  }
  EXPECT_GE(f.activations[0], f.activations[5]);
}

TEST(EngineHostTopActivations, BadRequestsSayWhatIsWrong) {
  EngineHost host;
  load_shipped(host);
  run(host, test::make_dataset_command(64, 40, 2));
  auto message = [&](const FindTopActivations& m) {
    auto errors = events_of<ErrorRaised>(run(host, m));
    EXPECT_EQ(errors.size(), 1u);
    EXPECT_FALSE(host.busy());
    return errors.empty() ? std::string() : errors[0].message;
  };
  EXPECT_NE(message(FindTopActivations{1, 0, 6, 9}).find("has channels 0..5, not 6"), std::string::npos);
  const std::string dense = message(FindTopActivations{1, 5, 0, 9});
  EXPECT_NE(dense.find("dense 120 relu gives"), std::string::npos) << dense;
  EXPECT_NE(dense.find("not a feature map"), std::string::npos) << dense;
  EXPECT_NE(message(FindTopActivations{1, 0, 0, 17}).find("17 images is not in 1..16"), std::string::npos);
  EXPECT_NE(message(FindTopActivations{1, 99, 0, 9}).find("statement 99 is not in 0..7"), std::string::npos);
  // Inside a block: resnet-mini's first statement of a residual path.
  auto built = events_of<ModelLoaded>(run(host, BuildModel{3, "resnet-mini", 1}));
  ASSERT_EQ(built.size(), 1u);
  const auto& rows = built[0].summary.rows;
  const int inner = int(std::find_if(rows.begin(), rows.end(), [](const SummaryRow& r) { return r.depth > 0; }) - rows.begin());
  ASSERT_LT(inner, int(rows.size()));
  EXPECT_NE(message(FindTopActivations{1, inner, 0, 9}).find("is inside a block; choose a statement outside it"), std::string::npos);
}

TEST(EngineHostTopActivations, ANewModelStopsTheSearch) {
  EngineHost host;
  load_shipped(host);
  run(host, test::make_dataset_command(64, 2000, 2));
  run(host, FindTopActivations{4, 0, 1, 9});
  ASSERT_TRUE(host.busy());
  auto errors = events_of<ErrorRaised>(run(host, BuildModel{5, "lenet5", 1}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].request_id, 4u);
  EXPECT_FALSE(host.busy());
  // And a search of the new model answers.
  const TopActivationsFound f = search(host, FindTopActivations{6, 1, 0, 3});
  EXPECT_EQ(f.indices.size(), 3u);
  EXPECT_EQ(f.scanned, 2000);
}

}  // namespace
}  // namespace cnn::protocol
