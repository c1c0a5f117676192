// The page between the panels. The panels draw no background of their own
// (ImGuiWindowFlags_NoBackground, ui/app.cpp): the page is cleared with their colour
// (page_background, ui/theme.h), so every pixel under a panel is filled once fewer, and the
// lighter gaps between them are painted here, behind every window, rounded corners included.
#pragma once

#include "imgui.h"

namespace cnn::ui {

class PageGaps {
 public:
  static constexpr int kMaxBoxes = 8;  // the top bar, the status bar and at most 3 panels today

  void clear() { count_ = 0; }
  void add(ImVec2 min, ImVec2 max) {
    if (count_ < kMaxBoxes) boxes_[count_++] = {min, max};
  }
  // Everything of the display that no box covers, and the corners each box's `rounding`
  // leaves, in `color`.
  void paint(ImDrawList* list, ImVec2 display, float rounding, ImU32 color) const;

 private:
  struct Rect {
    ImVec2 min, max;
  };
  Rect boxes_[kMaxBoxes] = {};
  int count_ = 0;
};

}  // namespace cnn::ui
