#include "scrolling.h"

#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "imgui_internal.h"  // HoveredWindow, SetScrollY(window, y): no public API in 1.86

namespace cnn::ui {
namespace {
constexpr float kLinesPerImGuiUnit = 5.0f;  // imgui.cpp UpdateMouseWheel(): 5 * font size
}  // namespace

WheelUnits wheel_units(double dx, double dy, WheelUnit unit, float pixel_ratio, float line_px, float page_px) {
  auto lines = [&](double d) {
    switch (unit) {
      case WheelUnit::kPixels: return float(d) * pixel_ratio / std::max(1.0f, line_px);
      case WheelUnit::kLines: return float(d);
      case WheelUnit::kPages: return float(d) * page_px / std::max(1.0f, line_px);
    }
    return 0.0f;
  };
  // The DOM counts down (and right) as positive, ImGui up (and left).
  return WheelUnits{-lines(dx) / kLinesPerImGuiUnit, -lines(dy) / kLinesPerImGuiUnit};
}

void add_wheel(double dx, double dy, WheelUnit unit, float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  const float line = ImGui::GetFontSize() > 0 ? ImGui::GetFontSize() : 16.0f;
  const WheelUnits u = wheel_units(dx, dy, unit, pixel_ratio, line, io.DisplaySize.y * 0.67f);
  io.MouseWheelH += u.x;
  io.MouseWheel += u.y;
}

namespace {
int g_kept_frame = -10;   // the last frame an active item kept the drag
bool g_scrolling = false;  // this press has become a scroll

// The window a drag over `w` scrolls: itself, or the nearest parent with room to scroll.
ImGuiWindow* scroll_target(ImGuiWindow* w) {
  while (w && w->ScrollMax.y <= 0 && (w->Flags & ImGuiWindowFlags_ChildWindow)) w = w->ParentWindow;
  if (!w || w->ScrollMax.y <= 0 || (w->Flags & ImGuiWindowFlags_NoScrollWithMouse)) return nullptr;
  return w;
}
}  // namespace

void keep_finger_drag() { g_kept_frame = ImGui::GetFrameCount(); }

void finger_drag_scroll(bool finger_down) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImGuiIO& io = g.IO;
  if (!finger_down || !io.MouseDown[0] || io.MouseClicked[0]) {
    g_scrolling = false;
    return;
  }
  ImGuiWindow* w = scroll_target(g.HoveredWindow);
  if (!w) return;
  if (!g_scrolling) {
    if (g_kept_frame >= ImGui::GetFrameCount() - 1) return;
    const ImVec2 moved(io.MousePos.x - io.MouseClickedPos[0].x, io.MousePos.y - io.MouseClickedPos[0].y);
    // Half a line, mostly vertical: a scroll, not a tap or a slider's sideways drag.
    if (std::fabs(moved.y) < ImGui::GetFontSize() * 0.5f || std::fabs(moved.y) < 2 * std::fabs(moved.x)) return;
    if (ImGui::IsAnyItemActive()) ImGui::ClearActiveID();
    g_scrolling = true;
  }
  ImGui::SetScrollY(w, std::clamp(w->Scroll.y - io.MouseDelta.y, 0.0f, w->ScrollMax.y));
}

}  // namespace cnn::ui
