#include "controls.h"

#include "imgui.h"

namespace cnn::ui {

std::vector<ControlRect>& noted_controls() {
  static std::vector<ControlRect> rects;
  return rects;
}

void note_control(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ControlRect r{name, a.x, a.y, b.x - a.x, b.y - a.y};
  r.focused = ImGui::IsItemFocused();
  noted_controls().push_back(r);
}

void note_scroll_area(const char* name) {
  const ImVec2 a = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  noted_controls().push_back(
      ControlRect{name, a.x, a.y, size.x, size.y, ImGui::GetScrollY(), ImGui::GetScrollMaxY()});
}

}  // namespace cnn::ui
