#include "tab_keys.h"

#include "imgui.h"

namespace cnn::ui {

void tab_moves_focus(TabKeys& keys) {
  ImGuiIO& io = ImGui::GetIO();
  if (keys.injected >= 0) {  // the arrow was ours: up again (a real press sets it anew)
    io.KeysDown[keys.injected] = false;
    keys.injected = -1;
  }
  const int tab = io.KeyMap[ImGuiKey_Tab];
  if (tab < 0) return;
  // WantTextInput is last frame's: a text field that had the keyboard keeps Tab.
  if (!keys.tab_down || io.WantTextInput) {
    io.KeysDown[tab] = keys.tab_down;
    return;
  }
  io.KeysDown[tab] = false;  // no text-field tabbing on top of the move
  const int arrow = io.KeyMap[keys.shift_down ? ImGuiKey_UpArrow : ImGuiKey_DownArrow];
  if (arrow >= 0 && !io.KeysDown[arrow]) {
    io.KeysDown[arrow] = true;
    keys.injected = arrow;
  }
}

}  // namespace cnn::ui
