// Scrolling that follows the hand: the wheel in its own units, and a finger dragging a list.
//
// ImGui 1.86 scrolls a window by 5 lines (5 x its font size) per unit of io.MouseWheel; the
// browser reports a wheel as pixels (Chromium: 100 a notch; touchpads: a few at a time), lines
// (Firefox: 3 a notch) or pages. add_wheel() converts each to lines of the current font and
// then to ImGui units, so a notch moves about three to five lines and a touchpad follows the
// fingers pixel for pixel.
//
// A finger dragged up or down over a scrollable window scrolls it, the way a list scrolls on
// a tablet, even when the drag began on a button or a row (the press is then cancelled, as
// a browser cancels a tap that becomes a scroll). Items that need the drag themselves (the
// draw pad) say so with keep_finger_drag(). ImGui has no such gesture; finger_drag_scroll()
// adds it each frame.
#pragma once

namespace cnn::ui {

enum class WheelUnit { kPixels = 0, kLines = 1, kPages = 2 };  // DOM WheelEvent.deltaMode

// The wheel as ImGui's io.MouseWheel(H) units. dx, dy: the DOM's deltas (down and right
// positive), `pixel_ratio`: framebuffer pixels per CSS pixel, `line_px`: the font's line in
// framebuffer pixels, `page_px`: the height scrolled by one page.
struct WheelUnits {
  float x = 0, y = 0;
};
WheelUnits wheel_units(double dx, double dy, WheelUnit unit, float pixel_ratio, float line_px, float page_px);

// Adds a DOM wheel event to ImGui's input (between frames).
void add_wheel(double dx, double dy, WheelUnit unit, float pixel_ratio);

// Call after ImGui::NewFrame(): while `finger_down`, a drag that no item took scrolls the
// window under the finger (or its nearest scrollable parent) by the drag's distance.
void finger_drag_scroll(bool finger_down);
// Called by an item while it is active: the finger's drag is its own, never a scroll.
void keep_finger_drag();

}  // namespace cnn::ui
