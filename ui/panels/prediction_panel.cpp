// Prediction: the top class large, ten probability bars, and the 28x28 image the network
// received (the draw pad after MNIST-style preprocessing, as the engine made it).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/image_view.h"
#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

// The 28x28 image as the network saw it (0 black .. 1 white), or a black square.
void draw_digit_image(const std::vector<float>& input, float side) {
  static const std::vector<float> kBlank(protocol::kDigitPixels, 0.0f);
  ImageViewStyle style;
  style.map = ColorMap::kGrey;
  style.numbers = false;
  const bool shown = input.size() == size_t(protocol::kDigitPixels);
  draw_image_view("##network_input", shown ? input.data() : kBlank.data(), protocol::kDigitSide,
                  protocol::kDigitSide, side, style);
  note_control("network_input");
}

}  // namespace

void draw_prediction_panel(PredictionPanelState& st, const EngineView& view, CommandSink&) {
  const bool show = st.has_ink && view.has_prediction;
  const float width = ImGui::GetContentRegionAvail().x;
  const float line = ImGui::GetTextLineHeight();

  // Top class, large, with the network's input beside it.
  const float image_side = std::min(width * 0.45f, line * 6.0f);
  ImGui::BeginGroup();
  // A digit in the big font (it holds digits, '%', '.' and '?' only); a word such as "Ankle
  // boot" in the text font, scaled up as far as the space beside the image allows.
  const std::string top_name = show ? class_name(view.model_dataset, view.top_class) : "?";
  const bool word = top_name.find_first_not_of("0123456789?") != std::string::npos;
  const bool big = st.fonts.big && !word;
  if (big) ImGui::PushFont(st.fonts.big);
  if (word)
    ImGui::SetWindowFontScale(std::clamp((width - image_side) * 0.9f / std::max(1.0f, ImGui::CalcTextSize(top_name.c_str()).x), 1.0f, 2.0f));
  ImGui::TextColored(show ? ImVec4(1.0f, 0.85f, 0.3f, 1.0f) : ImVec4(0.5f, 0.5f, 0.55f, 1.0f), "%s", top_name.c_str());
  if (word) ImGui::SetWindowFontScale(1.0f);
  if (big) ImGui::PopFont();
  const std::string doubt = show ? prediction_doubt(view) : "";
  if (show && doubt.empty())
    ImGui::Text(tr("%.1f%% sure"), view.top_prob * 100.0);
  else if (show)
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), tr("%.1f%%, but..."), view.top_prob * 100.0);
  else
    ImGui::TextDisabled("%s", st.has_ink ? tr("thinking...") : view.dataset == proto::DatasetName::kFashion ? tr("press Test image") : tr("draw a digit"));
  ImGui::EndGroup();
  ImGui::SameLine(width - image_side);
  ImGui::BeginGroup();
  draw_digit_image(show ? view.input : std::vector<float>{}, image_side);
  if (st.test_index >= 0) ImGui::TextDisabled(tr("test image %d"), st.test_index);  // its label is on the pad
  else ImGui::TextDisabled("%s", tr("network input"));
  ImGui::EndGroup();
  // A dot or a dash still gets a confident answer (everything is scaled up to 20x20): say so.
  if (!doubt.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.3f, 1.0f));
    text_wrapped(tr("%c%s."), std::toupper(static_cast<unsigned char>(doubt[0])), doubt.c_str() + 1);
    ImGui::PopStyleColor();
    note_control("prediction_doubt");
  }
  if (view.model_dataset != view.dataset) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.75f, 0.3f, 1.0f));
    text_wrapped(tr("This model has not learned %s: its answers are %s classes. Train it on the Train tab."),
                 dataset_title(view.dataset), dataset_title(view.model_dataset));
    ImGui::PopStyleColor();
    note_control("prediction_other_dataset");
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::Spacing();

  // Ten bars: label (the class's name), bar, percentage.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  std::string names[10];
  float label_w = 0;
  for (int k = 0; k < 10; ++k) {
    names[k] = class_name(view.model_dataset, k);
    label_w = std::max(label_w, ImGui::CalcTextSize((names[k] + " ").c_str()).x);
  }
  const float pct_w = ImGui::CalcTextSize("100.0%").x;
  const float bar_w = std::max(20.0f, width - label_w - pct_w - ImGui::GetStyle().ItemSpacing.x * 2);
  const float row_h = std::max(line * 1.25f, (ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y * 10) / 10);
  for (int k = 0; k < 10; ++k) {
    const float p = show && size_t(k) < view.probs.size() ? view.probs[size_t(k)] : 0.0f;
    const bool top = show && k == view.top_class;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, row_h));
    const float ty = o.y + (row_h - line) / 2;
    dl->AddText(ImVec2(o.x, ty), top ? IM_COL32(255, 217, 77, 255) : ImGui::GetColorU32(ImGuiCol_Text),
                names[k].c_str());
    const ImVec2 b0(o.x + label_w, o.y + row_h * 0.15f), b1(o.x + label_w + bar_w, o.y + row_h * 0.85f);
    dl->AddRectFilled(b0, b1, IM_COL32(45, 48, 56, 255), 3.0f);
    if (p > 0.0f)
      dl->AddRectFilled(b0, ImVec2(b0.x + std::max(2.0f, bar_w * p), b1.y),
                        top ? IM_COL32(255, 190, 50, 255) : IM_COL32(90, 140, 220, 255), 3.0f);
    char pct[16];
    std::snprintf(pct, sizeof pct, "%5.1f%%", p * 100.0);
    dl->AddText(ImVec2(b1.x + ImGui::GetStyle().ItemSpacing.x, ty), ImGui::GetColorU32(ImGuiCol_Text), pct);
  }
}

}  // namespace cnn::ui
