// Presenter mode: the page for a projector (the top bar's switch, ?present=1). Text follows the
// screen's size without the laptop cap (at least 28 CSS px at 1920x1080; ui/main.cpp), colours
// are high-contrast, lines thicker, and the settings a lesson rarely touches are folded away.
#pragma once

#include "imgui.h"

namespace cnn::ui {

bool presenting();
void set_presenting(bool on);

// A line's width in framebuffer pixels for `normal`, drawn thicker when presenting (in step
// with the text: a 2 px curve under 40 px text was a hairline on a projector).
float stroke(float normal);

// High-contrast colours and borders over `style` (already scaled to the font).
void apply_presenter_style(ImGuiStyle& style);

}  // namespace cnn::ui
