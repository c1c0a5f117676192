#include "widgets/surface_map.h"

#include <algorithm>
#include <cmath>

#include "theme.h"

namespace cnn::ui {
namespace {
constexpr int kBands = 14;
}  // namespace

SurfaceMapResult draw_surface_map(const char* id, const float* values, int grid, ImVec2 room, const SurfaceMapStyle& st) {
  SurfaceMapResult r;
  if (grid < 2 || !values || !(st.x1 > st.x0) || !(st.y1 > st.y0)) return r;
  const float aspect = (st.x1 - st.x0) / (st.y1 - st.y0);
  const float w = std::max(1.0f, std::min(room.x, room.y * aspect)), h = w / aspect;
  const ImVec2 o = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(w, h));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const auto to_screen = [&](float x, float y) {
    return ImVec2(o.x + (x - st.x0) / (st.x1 - st.x0) * w, o.y + (st.y1 - y) / (st.y1 - st.y0) * h);
  };
  // Bands of log(1 + f - lowest): a bowl's and a valley's contours alike, the lowest band dark.
  float lo = values[0], hi = values[0];
  for (int i = 0; i < grid * grid; ++i) {
    lo = std::min(lo, values[i]);
    hi = std::max(hi, values[i]);
  }
  const float top = std::log1p(std::max(hi - lo, 1e-6f));
  const float cell_w = w / float(grid), cell_h = h / float(grid);
  dl->PushClipRect(o, ImVec2(o.x + w, o.y + h), true);
  for (int i = 0; i < grid; ++i)
    for (int j = 0; j < grid; ++j) {
      const float t = std::log1p(values[size_t(i) * grid + j] - lo) / top;
      const float band = std::floor(t * kBands) / kBands;
      const ImU32 col = IM_COL32(int(20 + 60 * band), int(30 + 120 * band), int(70 + 150 * band), 255);
      // Row i is the grid's y = y0 + i * step: drawn from the bottom up.
      const ImVec2 a(o.x + float(j) * cell_w, o.y + h - float(i + 1) * cell_h);
      dl->AddRectFilled(a, ImVec2(a.x + cell_w + 0.5f, a.y + cell_h + 0.5f), col);
    }
  if (st.has_minimum) {
    const ImVec2 m = to_screen(st.min_x, st.min_y);
    const float k = ImGui::GetFontSize() * 0.35f;
    dl->AddLine(ImVec2(m.x - k, m.y - k), ImVec2(m.x + k, m.y + k), IM_COL32_WHITE, 2.0f);
    dl->AddLine(ImVec2(m.x - k, m.y + k), ImVec2(m.x + k, m.y - k), IM_COL32_WHITE, 2.0f);
  }
  std::vector<ImVec2> points;
  for (const SurfacePath& p : st.paths) {
    if (p.count < 1) continue;
    points.clear();
    for (int i = 0; i < p.count; ++i) points.push_back(to_screen(p.xs[i], p.ys[i]));
    if (points.size() > 1) dl->AddPolyline(points.data(), int(points.size()), p.color, 0, stroke(st.line));
    dl->AddCircleFilled(points.front(), stroke(st.line) * 2.0f, IM_COL32_WHITE);
    dl->AddCircleFilled(points.back(), stroke(st.line) * 2.5f, p.color);
  }
  dl->PopClipRect();
  dl->AddRect(o, ImVec2(o.x + w, o.y + h), ImGui::GetColorU32(ImGuiCol_Border));
  r.hovered = ImGui::IsItemHovered();
  r.clicked = ImGui::IsItemClicked();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  r.x = st.x0 + (mouse.x - o.x) / w * (st.x1 - st.x0);
  r.y = st.y1 - (mouse.y - o.y) / h * (st.y1 - st.y0);
  return r;
}

}  // namespace cnn::ui
