#include "widgets/norm_bars.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "i18n/language.h"

namespace cnn::ui {

NormRange norm_range(const NormSeries* series, int count) {
  float lo = 0, hi = 0;
  for (int s = 0; s < count; ++s)
    for (int i = 0; i < series[s].count; ++i) {
      const float v = series[s].values[i];
      if (std::isfinite(v) && v > 0) lo = lo > 0 ? std::min(lo, v) : v, hi = std::max(hi, v);
    }
  if (hi <= 0) return {};
  const int p0 = int(std::floor(std::log10(lo)));
  return {p0, std::max(p0 + 1, int(std::ceil(std::log10(hi))))};
}

void draw_norm_bars(const NormSeries* series, int count, NormRange range, float height) {
  int layers = 0;
  for (int s = 0; s < count; ++s) layers = std::max(layers, series[s].count);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x, h = height;
  ImGui::Dummy(ImVec2(w, h));
  if (layers == 0 || range.empty()) return;
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(o, ImVec2(o.x + w, o.y + h), IM_COL32(30, 33, 40, 255), 3.0f);
  const float slot = w / float(layers), gap = std::min(4.0f, slot * 0.2f);
  const float bar = (slot - gap) / float(count);
  const float mouse_x = ImGui::GetIO().MousePos.x;
  for (int i = 0; i < layers; ++i) {
    const float x = o.x + slot * float(i) + gap / 2;
    for (int s = 0; s < count; ++s) {
      if (i >= series[s].count) continue;
      const float v = series[s].values[i];
      const float f = v > 0 && std::isfinite(v)
                          ? std::clamp((std::log10(v) - float(range.lo)) / float(range.hi - range.lo), 0.0f, 1.0f)
                          : 0.0f;
      const float x0 = x + bar * float(s);
      dl->AddRectFilled(ImVec2(x0, o.y + h * (1 - f)), ImVec2(x0 + bar, o.y + h), series[s].color, 2.0f);
    }
    if (hovered && mouse_x >= x - gap / 2 && mouse_x < x + slot - gap / 2) {
      if (count == 1) {
        ImGui::SetTooltip(tr("layer %d of %d: %.3g"), i + 1, layers, double(series[0].values[i]));
      } else {
        std::string tip = trf("layer %d of %d", i + 1, layers);
        for (int s = 0; s < count; ++s)
          if (i < series[s].count) {
            char value[32];
            std::snprintf(value, sizeof value, ": %.3g", double(series[s].values[i]));
            tip += "\n" + std::string(series[s].label) + value;
          }
        ImGui::SetTooltip("%s", tip.c_str());
      }
    }
  }
}

}  // namespace cnn::ui
