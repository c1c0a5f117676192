#include "widgets/confusion_matrix.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "i18n/language.h"
#include "imgui.h"

namespace cnn::ui {

void confusion_cell_text(char* buf, size_t size, const std::vector<int32_t>& counts, int classes, MatrixCell cell) {
  int64_t row_total = 0;
  for (int p = 0; p < classes; ++p) row_total += counts[size_t(cell.row * classes + p)];
  const int n = counts[size_t(cell.row * classes + cell.col)];
  const double share = row_total > 0 ? 100.0 * n / double(row_total) : 0.0;
  if (cell.row == cell.col)
    std::snprintf(buf, size, tr("true %d, predicted %d: %d right (%.1f%% of the %lld %ds)"), cell.row, cell.col, n, share,
                  (long long)row_total, cell.row);
  else if (n == 1)
    std::snprintf(buf, size, tr("true %d, predicted %d: %d test image (%.1f%% of the %lld %ds)"), cell.row, cell.col, n,
                  share, (long long)row_total, cell.row);
  else
    std::snprintf(buf, size, tr("true %d, predicted %d: %d test images (%.1f%% of the %lld %ds)"), cell.row, cell.col, n,
                  share, (long long)row_total, cell.row);
}

MatrixCell draw_confusion_matrix(const char* id, const std::vector<int32_t>& counts, int classes, float side) {
  MatrixCell clicked;
  if (classes <= 0 || counts.size() != size_t(classes) * size_t(classes)) return clicked;
  const float cell = side / float(classes + 1);  // one more for the labels
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, ImVec2(side, side));
  const bool hovered = ImGui::IsItemHovered();
  const bool pressed = ImGui::IsItemClicked();
  ImDrawList* dl = ImGui::GetWindowDrawList();

  int most_wrong = 1;
  for (int t = 0; t < classes; ++t)
    for (int p = 0; p < classes; ++p)
      if (t != p) most_wrong = std::max(most_wrong, int(counts[size_t(t * classes + p)]));
  const ImU32 label = ImGui::GetColorU32(ImGuiCol_TextDisabled), text = ImGui::GetColorU32(ImGuiCol_Text);
  char buf[16];
  for (int k = 0; k < classes; ++k) {
    std::snprintf(buf, sizeof buf, "%d", k);
    const ImVec2 size = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(at.x + cell * (k + 1.5f) - size.x / 2, at.y + (cell - size.y) / 2), label, buf);  // predicted
    dl->AddText(ImVec2(at.x + (cell - size.x) / 2, at.y + cell * (k + 1.5f) - size.y / 2), label, buf);  // true
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  MatrixCell under;
  for (int t = 0; t < classes; ++t) {
    int64_t row_total = 0;
    for (int p = 0; p < classes; ++p) row_total += counts[size_t(t * classes + p)];
    for (int p = 0; p < classes; ++p) {
      const int n = counts[size_t(t * classes + p)];
      const ImVec2 a(at.x + cell * float(p + 1), at.y + cell * float(t + 1));
      const ImVec2 b(a.x + cell - 1, a.y + cell - 1);
      ImU32 fill;
      if (t == p) {
        const float share = row_total > 0 ? float(n) / float(row_total) : 0.0f;
        fill = IM_COL32(40, int(60 + 120 * share), 60, 255);
      } else {
        const float level = n > 0 ? 0.15f + 0.85f * std::sqrt(float(n) / float(most_wrong)) : 0.0f;
        fill = IM_COL32(int(35 + 190 * level), int(35 + 20 * level), int(40 + 10 * level), 255);
      }
      dl->AddRectFilled(a, b, fill);
      if (n > 0) {
        std::snprintf(buf, sizeof buf, "%d", n);
        // Smaller where it does not fit (a 1,135 on a tablet's cell showed nothing), down to 60%.
        ImVec2 size = ImGui::CalcTextSize(buf);
        const float scale = std::min(1.0f, (cell - 4) / std::max(1.0f, size.x));
        if (scale >= 0.6f) {
          size = ImVec2(size.x * scale, size.y * scale);
          dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * scale, ImVec2(a.x + (cell - size.x) / 2, a.y + (cell - size.y) / 2),
                      text, buf);
        }
      }
      if (hovered && mouse.x >= a.x && mouse.x < a.x + cell && mouse.y >= a.y && mouse.y < a.y + cell) under = {t, p};
    }
  }
  if (under.row >= 0) {
    dl->AddRect(ImVec2(at.x + cell * float(under.col + 1), at.y + cell * float(under.row + 1)),
                ImVec2(at.x + cell * float(under.col + 2), at.y + cell * float(under.row + 2)), IM_COL32(255, 215, 80, 255),
                0, 0, 2);
    char tip[160];
    confusion_cell_text(tip, sizeof tip, counts, classes, under);
    ImGui::SetTooltip("%s", tip);
    if (pressed) clicked = under;
  }
  return clicked;
}

}  // namespace cnn::ui
