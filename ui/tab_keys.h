// Tab and Shift+Tab move the keyboard focus from control to control (issue 11, item 20).
//
// Dear ImGui 1.86 tabs only between text fields. Outside one, Tab is handed to its keyboard
// navigation as Down (Shift+Tab as Up): the focus goes to the next control below, or to the
// side where nothing is below, as the arrow keys move it. Inside a text field Tab keeps its
// meaning there (the next field). Ctrl+Tab still switches windows.
#pragma once

namespace cnn::ui {

struct TabKeys {
  bool tab_down = false, shift_down = false;  // the keys as pressed, from the platform's events
  int injected = -1;                          // the arrow key set down for the last frame
};

// Between the platform backend's NewFrame and ImGui::NewFrame.
void tab_moves_focus(TabKeys& keys);

}  // namespace cnn::ui
