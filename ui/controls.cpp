#include "controls.h"

#include "imgui.h"

namespace cnn::ui {

std::vector<ControlRect>& noted_controls() {
  static std::vector<ControlRect> rects;
  return rects;
}

void note_control(const char* name, const char* shown) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ControlRect r{name, a.x, a.y, b.x - a.x, b.y - a.y};
  r.focused = ImGui::IsItemFocused();
  // Past the panel's content region (no panel here scrolls sideways).
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  r.cut = b.x > right + 1.0f;
  if (shown) {  // a combo's frame: padding, the text, the arrow button
    const ImGuiStyle& style = ImGui::GetStyle();
    r.cut = r.cut || ImGui::CalcTextSize(shown).x + style.FramePadding.x * 2 + ImGui::GetFrameHeight() > r.w + 0.5f;
  }
  noted_controls().push_back(r);
}

void note_control_value(const char* name, const std::string& value) {
  note_control(name);
  noted_controls().back().value = value;
}

void note_full_width_control(const char* name) {
  note_control(name);
  noted_controls().back().cut = false;
}

void note_scroll_area(const char* name) {
  const ImVec2 a = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  noted_controls().push_back(
      ControlRect{name, a.x, a.y, size.x, size.y, ImGui::GetScrollY(), ImGui::GetScrollMaxY()});
}

}  // namespace cnn::ui
