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

// The teaching views' two marks: the window or cell being computed (an outline), and the line
// that gives its value (text).
constexpr ImU32 kWindowMark = IM_COL32(255, 210, 60, 255);
inline const ImVec4 kValueText = ImVec4(1.0f, 0.85f, 0.3f, 1.0f);

// High-contrast colours and borders over `style` (already scaled to the font).
void apply_presenter_style(ImGuiStyle& style);

// The colour the page is cleared with each frame: the panels' background (ImGuiCol_WindowBg
// over the old page grey, as they looked when each panel filled its own). The panels draw
// none (ImGuiWindowFlags_NoBackground in ui/app.cpp), so every pixel is filled once fewer.
// In headless Chromium's software WebGL that was 75 -> 42 ms of rendering per frame at
// 1280x720 and 145 -> 73 ms at 1920x1080; a tablet's GPU is as much spared.
ImVec4 page_background(const ImGuiStyle& style);
// The lighter grey between the panels (ui/widgets/page_gaps.h).
ImVec4 page_gap_color();

}  // namespace cnn::ui
