#include "protocol/top_search.h"

#include <algorithm>
#include <chrono>

namespace cnn::protocol {
namespace {

constexpr int kBatch = 250;

}  // namespace

Expected<TopActivationSearch> TopActivationSearch::start(const FindTopActivations& m, Model& model) {
  if (m.count < 1 || m.count > kMaxTopImages)
    return make_error("top activations: " + std::to_string(m.count) + " images is not in 1.." + std::to_string(kMaxTopImages));
  Expected<Summary> summary = summarize(model.spec());
  if (!summary) return make_error(summary.error());
  const std::vector<cnn::SummaryRow>& rows = summary->rows;
  if (m.statement < 0 || m.statement >= int(rows.size()))
    return make_error("top activations: statement " + std::to_string(m.statement) + " is not in 0.." +
                      std::to_string(rows.size() - 1));
  const cnn::SummaryRow& row = rows[size_t(m.statement)];
  if (row.depth != 0) return make_error("top activations: " + row.text + " is inside a block; choose a statement outside it");
  // The statement is the k-th top-level one: the k-th engine layer that is not an attached
  // activation, whose output is after its attached activation, if any.
  const int k = int(std::count_if(rows.begin(), rows.begin() + m.statement, [](const cnn::SummaryRow& r) { return r.depth == 0; }));
  int opened = -1, last = -1;
  for (int i = 0; i < model.layer_count(); ++i) {
    if (i == 0 || !model.layer(i).spec().attached) ++opened;
    if (opened == k) last = i;
    if (opened > k) break;
  }
  if (last < 0) return make_error("top activations: statement " + std::to_string(m.statement) + " has no layer");
  const Shape3 map = model.layer(last).out_shape();
  if (map.h * map.w < 2)
    return make_error("top activations: " + row.text + " gives " + map.str() + ", not a feature map; choose a convolution or pooling");
  if (m.channel < 0 || m.channel >= map.c)
    return make_error("top activations: " + row.text + " has channels 0.." + std::to_string(map.c - 1) + ", not " +
                      std::to_string(m.channel));
  TopActivationSearch s;
  s.output_ = last + 1;
  s.map_ = map;
  s.field_ = teach::receptive_fields(model.spec())[size_t(last)];
  s.count_ = m.count;
  s.found_.request_id = m.request_id;
  s.found_.statement = m.statement;
  s.found_.channel = m.channel;
  return s;
}

bool TopActivationSearch::step(Model& model, const Dataset& test, double budget_ms, TopActivationsFound& found) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  std::vector<int32_t> labels(kBatch);
  const int plane = map_.h * map_.w;
  do {
    const int n = std::min(kBatch, test.count - position_);
    if (n <= 0) break;
    test.slice(position_, n, x_, labels.data());
    model.forward(x_, Mode::kInference);
    const Tensor& out = model.activation(output_);
    for (int i = 0; i < n; ++i) {
      const float* p = out.sample(i) + int64_t(found_.channel) * plane;
      const int at = int(std::max_element(p, p + plane) - p);  // the first of equal peaks
      const Hit hit{p[at], position_ + i, at / map_.w, at % map_.w};
      // Strongest first; an equal value keeps the earlier image ahead.
      auto where = std::upper_bound(best_.begin(), best_.end(), hit, [](const Hit& a, const Hit& b) { return a.value > b.value; });
      if (where - best_.begin() < count_) {
        best_.insert(where, hit);
        if (int(best_.size()) > count_) best_.pop_back();
      }
    }
    position_ += n;
  } while (std::chrono::duration<double, std::milli>(Clock::now() - t0).count() < budget_ms);
  if (position_ < test.count) return false;

  found_.scanned = position_;
  const int side_y = test.rows, side_x = test.cols;
  Tensor image;
  int32_t label = 0;
  for (const Hit& h : best_) {
    found_.indices.push_back(h.index);
    found_.activations.push_back(h.value);
    found_.positions.push_back(h.y);
    found_.positions.push_back(h.x);
    // The peak pixel's receptive field, clipped to the image (rows y0..y1, columns x0..x1).
    const int y0 = field_.whole ? 0 : field_.y.first + h.y * field_.y.jump;
    const int x0 = field_.whole ? 0 : field_.x.first + h.x * field_.x.jump;
    const int y1 = field_.whole ? side_y - 1 : y0 + field_.y.size - 1, x1 = field_.whole ? side_x - 1 : x0 + field_.x.size - 1;
    found_.windows.insert(found_.windows.end(), {std::max(0, y0), std::max(0, x0), std::min(side_y - 1, y1), std::min(side_x - 1, x1)});
    test.slice(h.index, 1, image, &label);
    found_.pixels.insert(found_.pixels.end(), image.data(), image.data() + image.size());
    found_.labels.push_back(label);
  }
  found = std::move(found_);
  return true;
}

}  // namespace cnn::protocol
