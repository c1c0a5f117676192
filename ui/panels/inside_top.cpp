// Inside the network, feature visualization (note 004, section 8, after Zeiler and Fergus): for
// the map clicked, the test images that excite it most, each with the patch of the digit its
// strongest pixel sees. The engine searches the test set (FindTopActivations) and gives the
// images, the values and the patches; this draws them under the map's row.
#include <algorithm>
#include <string>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "theme.h"
#include "widgets/flow.h"
#include "widgets/image_view.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

constexpr int kTopImages = 9;

bool asks_for(const InsidePanelState& st, const protocol::TopActivationsFound& f) {
  return f.statement == st.top_layer && f.channel == st.top_channel && !f.indices.empty();
}

void images(const protocol::TopActivationsFound& f, float width) {
  const int n = int(f.indices.size());
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float side = std::min(ImGui::GetFontSize() * 4.0f, (width - gap * (kTopImages - 1)) / kTopImages);
  for (int i = 0; i < n; ++i) {
    if (i > 0) same_line_if_fits(side);
    ImGui::BeginGroup();
    ImGui::PushID(i);
    ImageViewStyle s;
    s.numbers = false;
    const int* w = f.windows.data() + size_t(i) * 4;
    s.boxes.push_back(CellBox{w[0], w[1], w[2] - w[0] + 1, w[3] - w[1] + 1, kWindowMark, 2.0f, false});
    draw_image_view("##top", f.pixels.data() + size_t(i) * protocol::kDigitPixels, protocol::kDigitSide,
                    protocol::kDigitSide, side, s);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(tr("test image %d, a %d: the map's largest value %.4g at (%d, %d); the box is what that pixel sees"),
                        f.indices[size_t(i)], f.labels[size_t(i)], double(f.activations[size_t(i)]), f.positions[size_t(i) * 2],
                        f.positions[size_t(i) * 2 + 1]);
    ImGui::TextDisabled("%.3g", double(f.activations[size_t(i)]));
    ImGui::PopID();
    ImGui::EndGroup();
    if (i == 0) note_control("inside_top_first");
  }
}

}  // namespace

void draw_top_activations(InsidePanelState& st, const EngineView& view, CommandSink& sink, float width) {
  const protocol::LayerActivation& l = st.shown.layers[size_t(st.layer)];
  if (l.depth != 0 || l.output.height * l.output.width < 2) return;  // a map outside any block
  if (st.top_generation != view.model_generation) st.top_layer = -1;  // other weights: stale
  const bool this_map = st.top_layer == st.layer && st.top_channel == st.channel;
  if (!this_map) {
    if (ImGui::Button(trf("Which test images excite map %d most?", st.channel).c_str())) {
      st.top_layer = st.layer;
      st.top_channel = st.channel;
      st.top_generation = view.model_generation;
    }
    note_control("inside_top_find");
    return;
  }
  protocol::FindTopActivations want;
  want.statement = st.top_layer;
  want.channel = st.top_channel;
  want.count = kTopImages;
  const bool answered = view.has_top_activations && view.top_activations.request_id == st.top.id();
  const bool failed = st.top.id() != 0 && view.last_error_id == st.top.id();
  const double now = ImGui::GetTime();
  if (view.ready && view.training != TrainingState::kRunning && st.top.due(want, answered, failed, now))
    st.top.sent(sink.send(want), want, now);
  if (answered) st.top_shown = view.top_activations;
  if (failed) {
    text_wrapped_colored(ImVec4(1.0f, 0.6f, 0.4f, 1.0f), "%s", view.last_error.c_str());
    return;
  }
  const protocol::TopActivationsFound& f = st.top_shown;
  if (!asks_for(st, f)) {
    ImGui::TextDisabled("%s", view.training == TrainingState::kDownloading ? trf("downloading %s's test set...", dataset_title(view.dataset)).c_str()
                                                                           : tr("looking through the test set..."));
    return;
  }
  text_wrapped_disabled(tr("The %d of the %s test images that excite map %d of %s most, the strongest first; each box is the patch its strongest pixel sees:"),
                        int(f.indices.size()), grouped(f.scanned).c_str(), f.channel, l.text.c_str());
  images(f, width);
  st.status += trf("; the test images that excite map %d most: %d of %s, the strongest %.3g (test image %d, a %d)", f.channel,
                   int(f.indices.size()), grouped(f.scanned).c_str(), double(f.activations[0]), f.indices[0], f.labels[0]);
}

}  // namespace cnn::ui
