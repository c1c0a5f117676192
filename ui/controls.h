// Named control rectangles, noted while drawing and published by the platform layer
// (window.cnnPlayground.layout() in the page), so tests and assistive tools can find the
// draw pad and the buttons without reading pixels. Coordinates are ImGui's (framebuffer
// pixels); ui/main.cpp converts them to CSS pixels.
#pragma once

#include <string>
#include <vector>

namespace cnn::ui {

struct ControlRect {
  std::string name;
  float x = 0, y = 0, w = 0, h = 0;
  float scroll_y = -1, scroll_max_y = 0;  // scroll areas only (note_scroll_area); -1 otherwise
  bool focused = false;                   // the keyboard's current control
  std::string value{};                    // what it shows, for controls whose value matters to a
                                          // test or a screen reader (note_control_value)
  bool cut = false;                       // its text does not fit: it runs past the edge of its
                                          // panel ("Bru" for Brush), or a combo's choice is
                                          // wider than its box ("SGD + mom")
};

// Records the last ImGui item's rectangle under `name` for this frame. `shown`: the text a
// combo box shows in its frame, checked against the frame's width.
void note_control(const char* name, const char* shown = nullptr);
// The same with the value the control shows ("1" for a slider at 1).
void note_control_value(const char* name, const std::string& value);
// The same for an item that reaches past the content region by design: never marked cut. A
// collapsing header spans the panel to its border; a combo list's item spans its popup, which
// is as wide as its widest item, but on the frame the popup appears its width can lag a frame
// behind the items' (the 800x600 test saw the optimizer's three items "cut" now and then).
void note_full_width_control(const char* name);
// Records the current window (a panel, a table's scrolling region) under `name`, with how
// far it is scrolled: the page's tests wheel and drag it and read the scroll back.
void note_scroll_area(const char* name);
// This frame's rectangles; ui/app.cpp clears them at the start of each frame.
std::vector<ControlRect>& noted_controls();

}  // namespace cnn::ui
