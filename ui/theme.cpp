#include "theme.h"

#include <algorithm>

namespace cnn::ui {
namespace {
bool g_presenting = false;
}  // namespace

bool presenting() { return g_presenting; }
void set_presenting(bool on) { g_presenting = on; }

float stroke(float normal) {
  if (!g_presenting) return normal;
  return normal * std::max(1.5f, ImGui::GetFontSize() / 16.0f);
}

void apply_presenter_style(ImGuiStyle& style) {
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.80f, 0.80f, 0.84f, 1.0f);  // hints stay readable from the back row
  c[ImGuiCol_WindowBg] = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);  // the page's black already
  c[ImGuiCol_PopupBg] = ImVec4(0.05f, 0.05f, 0.08f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.85f, 0.85f, 0.90f, 0.9f);
  c[ImGuiCol_FrameBg] = ImVec4(0.10f, 0.18f, 0.36f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.18f, 0.32f, 0.62f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.24f, 0.42f, 0.80f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.16f, 0.34f, 0.70f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.48f, 0.92f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.34f, 0.58f, 1.0f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.16f, 0.34f, 0.70f, 1.0f);
  c[ImGuiCol_Tab] = ImVec4(0.12f, 0.24f, 0.50f, 1.0f);
  c[ImGuiCol_TabActive] = ImVec4(0.30f, 0.55f, 1.0f, 1.0f);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = ImVec4(0.10f, 0.22f, 0.48f, 1.0f);
  c[ImGuiCol_CheckMark] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  // Not white: a slider's value is written in white over its grab ("8%" on the brush).
  c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] = ImVec4(0.30f, 0.60f, 1.0f, 1.0f);
  c[ImGuiCol_PlotLines] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  const float px = std::max(1.0f, style.FramePadding.y / 4);
  style.FrameBorderSize = px;
  style.WindowBorderSize = 2 * px;
  style.ChildBorderSize = px;
  style.TabBorderSize = px;
}

ImVec4 page_gap_color() { return ImVec4(0.10f, 0.10f, 0.12f, 1.0f); }

ImVec4 page_background(const ImGuiStyle& style) {
  const ImVec4 behind = page_gap_color();
  const ImVec4 bg = style.Colors[ImGuiCol_WindowBg];
  const auto over = [&](float fg, float back) { return fg * bg.w + back * (1.0f - bg.w); };
  return ImVec4(over(bg.x, behind.x), over(bg.y, behind.y), over(bg.z, behind.z), 1.0f);
}

}  // namespace cnn::ui
