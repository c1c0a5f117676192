// The dropout view: the settings and the counts on the left; on the right the first layer's
// maps of a test image, the mask one training step draws on them, and what the layer passes
// on. Three questions to the engine in turn (the image, its maps, the dropout), each asked
// again when what it depends on changes.
#include "panels/dropout_panel.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "theme.h"
#include "widgets/image_view.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

namespace proto = cnn::protocol;

// The first top-level statement with feature maps (more than one pixel): LeNet-5's conv1.
const proto::LayerActivation* first_maps(const proto::NetworkInspected& n) {
  for (const proto::LayerActivation& l : n.layers)
    if (l.depth == 0 && l.output.height > 1 && l.output.width > 1) return &l;
  return nullptr;
}

void settings(DropoutPanelState& st, const EngineView& view) {
  text_wrapped(tr("In training, dropout keeps each value with probability 1 - p and multiplies it by 1 / (1 - p), so the next layer gets the same on average; the values dropped change at every step. At test time it passes everything unchanged. No unit can count on another being there: the network cannot lean on a few."));
  ImGui::Spacing();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  ImGui::SliderFloat(tr_id("rate p", "drop_rate"), &st.rate, 0.0f, DropoutPanelState::kMaxRate, "%.2f");
  note_control("drop_rate");
  st.rate = std::clamp(st.rate, 0.0f, DropoutPanelState::kMaxRate);
  if (ImGui::Button(tr_id("Next training step", "drop_next"))) ++st.seed;
  note_control("drop_next");
  ImGui::SameLine();
  ImGui::TextDisabled(tr("step %d"), st.seed);
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("00000").x + style.FramePadding.x * 2 +
                          (ImGui::GetFrameHeight() + style.ItemInnerSpacing.x) * 2);
  ImGui::InputInt(tr_id("test image", "drop_image"), &st.test_index, 1, 10);
  note_control("drop_image");
  st.test_index = std::clamp(st.test_index, 0, std::max(0, (view.has_test_image ? view.test_image.count : 10000) - 1));
}

}  // namespace

void draw_dropout_panel(DropoutPanelState& st, const EngineView& view, CommandSink& sink) {
  const double now = ImGui::GetTime();
  const auto failed = [&](const Request& r) { return r.id() != 0 && view.last_error_id == r.id(); };
  // 1. The test image.
  proto::GetTestImage get;
  get.index = st.test_index;
  const bool have_image = view.has_test_image && view.test_image.request_id == st.image.id();
  if (view.ready && st.image.due(get, have_image, failed(st.image), now)) st.image.sent(sink.send(get), get, now);
  if (have_image) st.shown_image = view.test_image;
  const bool image_known = !st.shown_image.pixels.empty() && st.shown_image.index == st.test_index;
  // 2. The current model's maps of it (asked again after training changed the model).
  proto::InspectNetwork inspect;
  inspect.input = st.shown_image.pixels;
  const bool have_maps = view.has_inspection && view.inspection.request_id == st.inspect.id();
  if (have_maps) st.shown_maps = view.inspection;
  if (st.inspect.id() != 0 && st.maps_generation != view.model_generation && (have_maps || failed(st.inspect)))
    st.inspect = Request{};  // another model since: its maps
  if (image_known && view.ready && view.has_model && st.inspect.due(inspect, have_maps, failed(st.inspect), now)) {
    st.inspect.sent(sink.send(inspect), inspect, now);
    st.maps_generation = view.model_generation;
  }
  const proto::LayerActivation* maps = st.shown_maps.input == st.shown_image.pixels ? first_maps(st.shown_maps) : nullptr;
  // 3. The dropout of one training step on them.
  proto::TraceDropout trace;
  if (maps) trace.input = maps->output;
  trace.rate = st.rate;
  trace.seed = uint64_t(st.seed);
  const bool have_trace = view.has_dropout && view.dropout.request_id == st.trace.id();
  if (maps && view.ready && st.trace.due(trace, have_trace, failed(st.trace), now)) st.trace.sent(sink.send(trace), trace, now);
  if (have_trace) st.shown = view.dropout;

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x > avail.y * 1.2f;
  ImGui::BeginChild("drop_settings", ImVec2(wide ? std::max(ImGui::GetFontSize() * 15, avail.x * 0.28f) : avail.x,
                                            wide ? 0 : avail.y * 0.35f), false);
  settings(st, view);
  const proto::DropoutTraced& t = st.shown;
  const bool known = maps && !t.mask.values.empty() && t.mask.channels == maps->output.channels &&
                     t.mask.height == maps->output.height && t.mask.width == maps->output.width;
  if (known) {
    ImGui::Spacing();
    const double kept = t.total ? double(t.kept) / double(t.total) : 0;
    text_wrapped_colored(kValueText, tr("Kept %s of %s values (%.1f%%), each x %.3g; dropped %s."), grouped(t.kept).c_str(),
                         grouped(t.total).c_str(), kept * 100, 1.0 / (1.0 - double(st.rate)), grouped(t.total - t.kept).c_str());
    note_control("drop_counts");
  }
  for (const Request* r : {&st.image, &st.inspect, &st.trace})
    if (failed(*r)) text_wrapped_colored(ImVec4(1, 0.5f, 0.5f, 1), "%s", view.last_error.c_str());
  ImGui::EndChild();
  if (wide) ImGui::SameLine();
  ImGui::BeginChild("drop_maps", ImVec2(0, 0), false);
  if (!known) {
    ImGui::TextDisabled("%s", tr("asking the engine..."));
    st.status = trf("Dropout: rate %.2f, step %d, test image %d: asking the engine", double(st.rate), st.seed, st.test_index);
    ImGui::EndChild();
    return;
  }
  const proto::Image& in = maps->output;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const ImVec2 area = ImGui::GetContentRegionAvail();
  const float side = std::max(16.0f, std::min(area.x, (area.y - line * 4) / 3 * float(in.channels)));
  // Each row on its own scale (one scale left the maps too dark to read at p = 0.9); the
  // captions say by how much the kept values grew.
  ImageViewStyle positive;
  positive.map = ColorMap::kPositive;
  positive.numbers = false;
  draw_planes("##drop_in", trf("%s's maps of test image %d (label %s)", maps->text.c_str(), st.test_index,
                               class_name(view.dataset, st.shown_image.label).c_str()).c_str(),
              in.channels, in.height, in.width, in.values.data(), side, positive);
  note_control("drop_in");
  ImageViewStyle mask;
  mask.map = ColorMap::kGrey;
  mask.numbers = false;
  draw_planes("##drop_mask", tr("The mask of this step: white kept, black dropped"), t.mask.channels, t.mask.height,
              t.mask.width, t.mask.values.data(), side, mask);
  note_control("drop_mask");
  draw_planes("##drop_out", trf("What the next layer gets: the kept values x %.3g, the rest 0", 1.0 / (1.0 - double(st.rate))).c_str(),
              t.output.channels, t.output.height, t.output.width, t.output.values.data(), side, positive);
  note_control("drop_out");
  ImGui::EndChild();
  st.status = trf("Dropout: rate %.2f, step %d, test image %d: kept %lld of %lld values (%.1f%%), each x %.3g", double(st.rate),
                  st.seed, st.test_index, (long long)t.kept, (long long)t.total, t.total ? 100.0 * double(t.kept) / double(t.total) : 0.0,
                  1.0 / (1.0 - double(st.rate)));
}

void write_link(const DropoutPanelState& st, LinkWriter& out) {
  const DropoutPanelState defaults;
  if (st.rate != defaults.rate) out.number("drop.rate", st.rate);
  if (st.seed != defaults.seed) out.integer("drop.seed", st.seed);
  if (st.test_index != defaults.test_index) out.integer("drop.image", st.test_index);
}

void read_link(DropoutPanelState& st, LinkReader& in) {
  in.number("drop.rate", 0.0f, DropoutPanelState::kMaxRate, &st.rate);
  in.integer("drop.seed", 1, 1 << 30, &st.seed);
  in.integer("drop.image", 0, 9999, &st.test_index);
}

}  // namespace cnn::ui
