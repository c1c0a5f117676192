#include "protocol/test_search.h"

#include <chrono>
#include <vector>

#include "loss/softmax_xent.h"

namespace cnn::protocol {
namespace {

constexpr int kBatch = 250;

}  // namespace

TestImageSearch::TestImageSearch(const FindTestImages& m, int classes) : max_(m.max), classes_(classes) {
  found_.request_id = m.request_id;
  found_.label = m.label;
  found_.predicted = m.predicted;
}

bool TestImageSearch::step(Model& model, const Dataset& test, double budget_ms, TestImagesFound& found) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::vector<int32_t> labels(kBatch);
  const size_t pixels = size_t(test.rows) * size_t(test.cols);
  do {
    const int n = std::min(kBatch, test.count - position_);
    if (n <= 0) break;
    test.slice(position_, n, x_, labels.data());
    const Tensor& logits = model.forward(x_, Mode::kInference);
    probs_.resize(n, Shape3{classes_, 1, 1});
    f32_softmax_xent__scalar(n, classes_, logits.data(), labels.data(), probs_.data(), nullptr);
    for (int i = 0; i < n && int(found_.indices.size()) < max_; ++i) {
      if (labels[size_t(i)] != found_.label) continue;
      const float* z = logits.data() + size_t(i) * size_t(classes_);
      int best = 0;  // the answer as the loss and the confusion matrix count it: ties to the lowest
      for (int k = 1; k < classes_; ++k)
        if (z[k] > z[best]) best = k;
      if (best != found_.predicted) continue;
      found_.indices.push_back(position_ + i);
      const float* image = x_.data() + size_t(i) * pixels;
      found_.pixels.insert(found_.pixels.end(), image, image + pixels);
      const float* p = probs_.data() + size_t(i) * size_t(classes_);
      found_.probs.insert(found_.probs.end(), p, p + classes_);
    }
    position_ += n;
    found_.scanned = position_;
    if (int(found_.indices.size()) >= max_) {  // looked at up to the last one found
      found_.scanned = found_.indices.back() + 1;
      break;
    }
  } while (std::chrono::duration<double, std::milli>(Clock::now() - t0).count() < budget_ms);
  if (position_ < test.count && int(found_.indices.size()) < max_) return false;
  found = std::move(found_);
  return true;
}

}  // namespace cnn::protocol
