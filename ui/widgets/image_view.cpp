#include "widgets/image_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "i18n/language.h"
#include "theme.h"

namespace cnn::ui {

void short_number(char* buf, size_t size, float value, int digits) {
  const double v = double(value) + 0.0;  // -0 becomes 0
  if (v == std::round(v) && std::fabs(v) < 1e6) std::snprintf(buf, size, "%.0f", v);
  else if (std::fabs(v) >= 100) std::snprintf(buf, size, "%.0f", v);
  else std::snprintf(buf, size, "%.*g", digits, v);
}

void narrow_number(char* buf, size_t size, float value) {
  short_number(buf, size, value, 2);
  char* zero = std::strstr(buf, "0.");
  if (zero && (zero == buf || (zero == buf + 1 && buf[0] == '-'))) std::memmove(zero, zero + 1, std::strlen(zero));
}

float shown_value(ColorMap map, float v) {
  if (map == ColorMap::kAbs) return std::fabs(v);
  if (map == ColorMap::kPositive) return std::max(v, 0.0f);
  return v;
}

ImU32 map_color(ColorMap map, float v, float lo, float hi) {
  if (map == ColorMap::kSigned) {
    const float t = std::clamp(v / std::max(hi, 1e-12f), -1.0f, 1.0f);
    if (t >= 0) return IM_COL32(int(255 * t), int(150 * t), int(40 * t), 255);   // orange
    return IM_COL32(int(50 * -t), int(130 * -t), int(255 * -t), 255);            // blue
  }
  float t = 0;
  if (map == ColorMap::kGrey) t = std::clamp(v, 0.0f, 1.0f);
  else if (map == ColorMap::kAbs || map == ColorMap::kPositive)
    t = hi > 0 ? std::clamp((map == ColorMap::kAbs ? std::fabs(v) : v) / hi, 0.0f, 1.0f) : 0.0f;
  else t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0f, 1.0f) : 0.0f;
  const int g = int(t * 255.0f + 0.5f);
  return IM_COL32(g, g, g, 255);
}

ImageViewResult draw_image_view(const char* id, const float* values, int height, int width, float side,
                                const ImageViewStyle& st) {
  ImageViewResult r;
  if (height < 1 || width < 1) return r;
  const float cell = std::floor(side / float(std::max(height, width)) * 4.0f) / 4.0f;
  const ImVec2 size(cell * width, cell * height);
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f)));
  r.min = o;
  r.max = ImVec2(o.x + size.x, o.y + size.y);
  r.hovered = ImGui::IsItemHovered();
  r.clicked = ImGui::IsItemClicked();
  if (r.hovered) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    r.cell_x = std::clamp(int((m.x - o.x) / cell), 0, width - 1);
    r.cell_y = std::clamp(int((m.y - o.y) / cell), 0, height - 1);
  }

  float lo = values[0], hi = values[0];
  for (int i = 0; i < height * width; ++i) {
    lo = std::min(lo, values[i]);
    hi = std::max(hi, values[i]);
  }
  if (st.map == ColorMap::kGreyAuto && st.hi > st.lo) lo = st.lo, hi = st.hi;
  if (st.map == ColorMap::kSigned || st.map == ColorMap::kAbs)
    hi = st.range > 0 ? st.range : std::max(std::fabs(lo), std::fabs(hi));
  if (st.map == ColorMap::kPositive && st.range > 0) hi = st.range;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const bool numbers = st.numbers && cell >= line * 1.05f;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const size_t i = size_t(y) * width + x;
      const ImVec2 a(o.x + x * cell, o.y + y * cell), b(a.x + cell, a.y + cell);
      const bool padding = y < st.border || x < st.border || y >= height - st.border || x >= width - st.border;
      ImU32 c = map_color(st.map, values[i], lo, hi);
      if (padding) c = IM_COL32(60, 45, 80, 255);  // the zero border: its own colour, not black
      dl->AddRectFilled(a, b, c);
      const bool dim = st.lit && i < st.lit->size() && !(*st.lit)[i];
      if (dim) dl->AddRectFilled(a, b, IM_COL32(20, 20, 24, 235));
      if (numbers && !dim) {
        char buf[24];
        if (st.number_format) {
          std::snprintf(buf, sizeof buf, st.number_format, double(shown_value(st.map, values[i])) + 0.0);  // no "-0"
        } else {
          // As many digits as the cell has room for: 3.75 where it fits, 3.8 where it does not,
          // .11 for box blur's 1/9 in a narrow cell (it was left blank).
          for (int digits = 4; digits >= 2; --digits) {
            short_number(buf, sizeof buf, shown_value(st.map, values[i]), digits);
            if (ImGui::CalcTextSize(buf).x <= cell - 2) break;
          }
          if (ImGui::CalcTextSize(buf).x > cell - 2) narrow_number(buf, sizeof buf, shown_value(st.map, values[i]));
        }
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        if (ts.x > cell - 2) continue;  // does not fit: the colour says enough
        // Dark text on light cells, light text on dark ones.
        const ImVec4 f = ImGui::ColorConvertU32ToFloat4(c);
        const bool light = f.x * 0.3f + f.y * 0.55f + f.z * 0.15f > 0.55f;
        dl->AddText(ImVec2(a.x + (cell - ts.x) / 2, a.y + (cell - ts.y) / 2),
                    light ? IM_COL32(0, 0, 0, 255) : IM_COL32(235, 235, 235, 255), buf);
      }
    }
  if (cell >= 6.0f) {  // grid lines when cells are big enough to tell apart
    for (int y = 0; y <= height; ++y)
      dl->AddLine(ImVec2(o.x, o.y + y * cell), ImVec2(o.x + size.x, o.y + y * cell), IM_COL32(255, 255, 255, 30));
    for (int x = 0; x <= width; ++x)
      dl->AddLine(ImVec2(o.x + x * cell, o.y), ImVec2(o.x + x * cell, o.y + size.y), IM_COL32(255, 255, 255, 30));
  }
  for (const CellBox& box : st.boxes) {
    const ImVec2 a(o.x + box.x * cell, o.y + box.y * cell), b(a.x + box.w * cell, a.y + box.h * cell);
    if (box.fill) dl->AddRectFilled(a, b, (box.color & 0x00FFFFFF) | 0x40000000);
    dl->AddRect(a, b, box.color, 0.0f, 0, stroke(box.thickness));
  }
  dl->AddRect(o, r.max, ImGui::GetColorU32(ImGuiCol_Border));
  // The exact value under the pointer: cells show it rounded, or only as a colour.
  if (r.hovered && r.cell_y >= 0) {
    const float v = values[size_t(r.cell_y) * width + r.cell_x];
    if (shown_value(st.map, v) != v)
      ImGui::SetTooltip(tr("row %d, column %d: %.6g (%s of %.6g)"), r.cell_y, r.cell_x, double(shown_value(st.map, v)) + 0.0,
                        st.map == ColorMap::kAbs ? tr("the absolute value") : "ReLU", double(v) + 0.0);
    else
      ImGui::SetTooltip(tr("row %d, column %d: %.6g"), r.cell_y, r.cell_x, double(v) + 0.0);
  }
  return r;
}

PlanesResult draw_planes(const char* id, const char* caption, int channels, int height, int width, const float* values,
                         float side, const ImageViewStyle& style, int boxed, const std::vector<CellBox>& plane_boxes) {
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", caption);
  PlanesResult result;
  const int c = std::max(1, channels);
  const float each = c == 1 ? side : (side - ImGui::GetStyle().ItemSpacing.x * float(c - 1)) / float(c);
  const size_t plane = size_t(height) * size_t(width);
  std::vector<unsigned char> lit;
  for (int k = 0; k < c; ++k) {
    if (k) ImGui::SameLine();
    ImageViewStyle one = style;
    if (style.lit) {
      lit.assign(style.lit->begin() + std::min(style.lit->size(), plane * size_t(k)),
                 style.lit->begin() + std::min(style.lit->size(), plane * size_t(k + 1)));
      one.lit = &lit;
    }
    if (k == boxed) one.boxes.insert(one.boxes.end(), plane_boxes.begin(), plane_boxes.end());
    ImGui::PushID(k);
    const ImageViewResult r = draw_image_view(id, values + plane * size_t(k), height, width, each, one);
    if (r.clicked || (r.hovered && !result.view.clicked)) result = PlanesResult{r, k};
    ImGui::PopID();
  }
  ImGui::EndGroup();
  return result;
}

}  // namespace cnn::ui
