// How much each layer is taught (Train tab, under the epochs): the gradient norm of each weight
// tensor in the run's last batch (TrainingProgressed.grad_norms, the engine's), input side
// first, on a log scale. In a deep plain stack the first layers' bars fall away: the vanishing
// gradient that residual connections cure (notes 000-002).
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/norm_bars.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {

void draw_grad_norms(const EngineView& view) {
  const std::vector<float>& g = view.progress.grad_norms;
  if (!view.has_progress || g.empty()) return;
  const NormSeries series{"", g.data(), int(g.size()), IM_COL32(90, 140, 220, 255)};
  const NormRange range = norm_range(&series, 1);
  if (range.empty()) return;
  ImGui::Spacing();
  text_wrapped_disabled(tr("How much each layer is taught: its weights' gradient norm in the last batch, input side first, from 1e%d to 1e%d (log scale)"),
                        range.lo, range.hi);
  std::string values;  // for the page's tests: "0.0123 0.456 ..."
  for (float v : g) values += (values.empty() ? "" : " ") + compact_value(v, 4);
  draw_norm_bars(&series, 1, range, ImGui::GetTextLineHeight() * 4);
  note_control_value("train_grad_norms", values);
}

}  // namespace cnn::ui
