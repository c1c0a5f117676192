// The training panel's look ahead, asked of the engine (PreviewTraining): the learning rate of
// every epoch as the schedule will give it, and the first batch's first images as they are
// stored and as the run will train on them, augmented. Folded away until opened: its images
// need the training set, which is then downloaded.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/flow.h"
#include "widgets/image_view.h"
#include "widgets/line_plot.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

constexpr int kPreviewImages = 8;
constexpr ImU32 kRateColor = IM_COL32(240, 150, 70, 255);

// The learning rate against the epoch, on a log axis once it falls by more than ten times.
void rate_plot(const proto::TrainingPreviewed& p) {
  const int n = int(p.lr.size());
  std::vector<float> epochs(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) epochs[size_t(i)] = float(i + 1);
  float lo = 1e30f, hi = 0;
  for (float r : p.lr) lo = std::min(lo, r), hi = std::max(hi, r);
  if (n == 0) lo = 0, hi = 1;
  const PlotSeries rate{tr("learning rate"), epochs.data(), p.lr.data(), n, kRateColor, n <= 30};
  PlotAxes axes{1, float(std::max(2, n)), 0, hi * 1.05f, 1.0f, "", tr("epochs"), ""};
  if (lo > 0 && hi > lo * 10) {
    axes.log_y = true;
    axes.y_min = lo;
    axes.y_max = hi;
  }
  axes.legend_decimals = -1;
  const float h = ImGui::GetTextLineHeight() * 7;
  draw_line_plot("##rate", ImVec2(ImGui::GetContentRegionAvail().x, h), axes, &rate, 1);
  note_control("train_preview_rate");
}

// One row of 28x28 images, wrapping where the panel ends.
void image_row(const proto::Image& images, const char* id, const char* first_control) {
  const float side = ImGui::GetFontSize() * 2.8f;
  ImageViewStyle style;
  style.numbers = false;
  const int n = images.channels;
  const size_t size = size_t(images.height) * size_t(images.width);
  if (images.values.size() != size * size_t(std::max(n, 0))) return;
  for (int i = 0; i < n; ++i) {
    if (i > 0) same_line_if_fits(side);
    ImGui::PushID(id);
    ImGui::PushID(i);
    draw_image_view("##image", images.values.data() + size * size_t(i), images.height, images.width, side, style);
    ImGui::PopID();
    ImGui::PopID();
    if (i == 0) note_control(first_control);
  }
}

}  // namespace

void draw_run_preview(TrainingPanelState& st, const EngineView& view, CommandSink& sink) {
  const bool open = ImGui::CollapsingHeader(tr_id("Preview: learning rate and first batch", "train_preview"));
  note_full_width_control("train_preview");
  if (!open) return;
  proto::PreviewTraining want;
  want.settings = settings_of(st);
  want.count = kPreviewImages;
  const bool answered = view.has_preview && view.preview.request_id == st.preview.id();
  const bool failed = st.preview.id() != 0 && view.last_error_id == st.preview.id();
  const double now = ImGui::GetTime();
  if (view.ready && view.training == TrainingState::kIdle && st.preview.due(want, answered, failed, now))
    st.preview.sent(sink.send(want), want, now);
  if (answered) st.preview_shown = view.preview;
  if (failed) {
    text_wrapped_colored(ImVec4(1.0f, 0.6f, 0.4f, 1.0f), "%s", view.last_error.c_str());
    return;
  }
  const proto::TrainingPreviewed& p = st.preview_shown;
  if (p.lr.empty()) {
    ImGui::TextDisabled("%s", view.training == TrainingState::kDownloading ? trf("downloading %s for the preview...", dataset_title(view.dataset)).c_str()
                                                                           : tr("asking the engine..."));
    return;
  }
  rate_plot(p);
  if (p.augmented.values.empty()) return;
  const bool augmented = p.augmented.values != p.originals.values;
  text_wrapped_disabled("%s", tr("The first batch's first images, as stored:"));
  image_row(p.originals, "stored", "train_preview_stored");
  text_wrapped_disabled("%s", augmented ? tr("... and as this run trains on them, moved, turned and resized at random (new draws every epoch):")
                                        : tr("... and as this run trains on them: the same, with no augmentation."));
  image_row(p.augmented, "trained", "train_preview_trained");
  note_control_value("train_preview_images", augmented ? "augmented" : "plain");
}

}  // namespace cnn::ui
