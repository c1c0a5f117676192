// Items that flow onto the next line when the panel is too narrow for them beside the last
// one, so that nothing is cut at the panel's edge (the screens test checks at 800x600).
#pragma once

namespace cnn::ui {

// The next item on this line when `width` more fits, else on the next line.
void same_line_if_fits(float width);
// A button's width for `label` (its text and frame padding).
float button_width(const char* label);
// A radio button's or checkbox's width for `label` (the box, the gap, the text).
float toggle_width(const char* label);

}  // namespace cnn::ui
