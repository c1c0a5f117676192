// How much each layer is taught (Train tab, under the epochs): the gradient norm of each weight
// tensor in the run's last batch (TrainingProgressed.grad_norms, the engine's), input side
// first, on a log scale. In a deep plain stack the first layers' bars fall away: the vanishing
// gradient that residual connections cure (notes 000-002).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {

void draw_grad_norms(const EngineView& view) {
  const std::vector<float>& g = view.progress.grad_norms;
  if (!view.has_progress || g.empty()) return;
  float lo = 0, hi = 0;
  for (float v : g)
    if (std::isfinite(v) && v > 0) lo = lo > 0 ? std::min(lo, v) : v, hi = std::max(hi, v);
  if (hi <= 0) return;
  // Whole powers of ten around the values, at least one decade.
  const int p0 = int(std::floor(std::log10(lo))), p1 = std::max(p0 + 1, int(std::ceil(std::log10(hi))));
  ImGui::Spacing();
  text_wrapped_disabled(tr("How much each layer is taught: its weights' gradient norm in the last batch, input side first, from 1e%d to 1e%d (log scale)"),
                        p0, p1);
  const float line = ImGui::GetTextLineHeight();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x, h = line * 4;
  ImGui::Dummy(ImVec2(w, h));
  std::string values;  // for the page's tests: "0.0123 0.456 ..."
  for (float v : g) values += (values.empty() ? "" : " ") + compact_value(v, 4);
  note_control_value("train_grad_norms", values);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + w, o.y + h), IM_COL32(30, 33, 40, 255), 3.0f);
  const int n = int(g.size());
  const float slot = w / float(n), gap = std::min(4.0f, slot * 0.2f);
  const float mouse_x = ImGui::GetIO().MousePos.x;
  for (int i = 0; i < n; ++i) {
    const float v = g[size_t(i)];
    const float f = v > 0 && std::isfinite(v) ? std::clamp((std::log10(v) - float(p0)) / float(p1 - p0), 0.0f, 1.0f) : 0.0f;
    const float x0 = o.x + slot * float(i) + gap / 2, x1 = o.x + slot * float(i + 1) - gap / 2;
    dl->AddRectFilled(ImVec2(x0, o.y + h * (1 - f)), ImVec2(x1, o.y + h), IM_COL32(90, 140, 220, 255), 2.0f);
    if (ImGui::IsItemHovered() && mouse_x >= x0 && mouse_x < x1) ImGui::SetTooltip(tr("layer %d of %d: %.3g"), i + 1, n, double(v));
  }
}

}  // namespace cnn::ui
