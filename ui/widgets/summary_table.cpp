#include "widgets/summary_table.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "controls.h"
#include "engine_view.h"
#include "i18n/language.h"
#include "imgui.h"

namespace cnn::ui {
namespace {

const ImVec4 kBlockColour(0.55f, 0.8f, 1.0f, 1.0f);
const ImVec4 kTotalColour(1.0f, 0.85f, 0.3f, 1.0f);

}  // namespace

float fit_column_width(const char* header, const std::vector<std::string>& texts) {
  float w = ImGui::CalcTextSize(header).x;
  for (const std::string& t : texts) w = std::max(w, ImGui::CalcTextSize(t.c_str()).x);
  return w + ImGui::GetStyle().CellPadding.x * 2;
}

std::string short_count(int64_t n) {
  char buf[32];
  if (n >= 1000000000) std::snprintf(buf, sizeof buf, "%.2f G", double(n) / 1e9);
  else if (n >= 1000000) std::snprintf(buf, sizeof buf, "%.1f M", double(n) / 1e6);
  else if (n >= 100000) std::snprintf(buf, sizeof buf, "%.0f k", double(n) / 1e3);
  else if (n >= 10000) std::snprintf(buf, sizeof buf, "%.1f k", double(n) / 1e3);
  else return grouped(n);  // small counts whole: the notes' 2,160 is not "2 k"
  return buf;
}

void draw_summary_table(const char* id, const protocol::ModelSummary& s, float height, const char* scroll_control) {
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  std::vector<std::string> outputs{s.input}, params{grouped(s.params)}, macs{short_count(s.macs)};
  for (const protocol::SummaryRow& r : s.rows) {
    outputs.push_back(r.output);
    params.push_back(grouped(r.params));
    macs.push_back(short_count(r.macs));
  }
  if (!ImGui::BeginTable(id, 4, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(tr("Layer"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(tr("Output"), ImGuiTableColumnFlags_WidthFixed, fit_column_width(tr("Output"), outputs));
  ImGui::TableSetupColumn(tr("Params"), ImGuiTableColumnFlags_WidthFixed, fit_column_width(tr("Params"), params));
  ImGui::TableSetupColumn(tr("MACs"), ImGuiTableColumnFlags_WidthFixed, fit_column_width(tr("MACs"), macs));
  ImGui::TableHeadersRow();
  ImGui::TableNextRow();
  ImGui::TableNextColumn(); ImGui::TextDisabled("input");
  ImGui::TableNextColumn(); ImGui::TextUnformatted(s.input.c_str());
  for (const protocol::SummaryRow& r : s.rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (r.depth > 0) ImGui::Indent(ImGui::GetFontSize() * float(r.depth));
    if (r.block) ImGui::TextColored(kBlockColour, "%s", r.text.c_str());
    else if (r.depth > 0 && r.path > 0) ImGui::Text("| %s", r.text.c_str());
    else ImGui::TextUnformatted(r.text.c_str());
    if (r.depth > 0) ImGui::Unindent(ImGui::GetFontSize() * float(r.depth));
    // The whole statement, which a narrow column cuts, and Keras' name for the layer.
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", r.text.c_str(), r.name.c_str());
    ImGui::TableNextColumn(); ImGui::TextUnformatted(r.output.c_str());
    ImGui::TableNextColumn(); ImGui::TextUnformatted(grouped(r.params).c_str());
    ImGui::TableNextColumn(); ImGui::TextUnformatted(short_count(r.macs).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("%s multiply-accumulates"), grouped(r.macs).c_str());
  }
  ImGui::TableNextRow();
  ImGui::TableNextColumn(); ImGui::TextColored(kTotalColour, "%s", tr("Total"));
  ImGui::TableNextColumn();
  ImGui::TableNextColumn(); ImGui::TextColored(kTotalColour, "%s", grouped(s.params).c_str());
  ImGui::TableNextColumn(); ImGui::TextColored(kTotalColour, "%s", short_count(s.macs).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip(tr("%s multiply-accumulates per image"), grouped(s.macs).c_str());
  note_scroll_area(scroll_control);
  ImGui::EndTable();
}

}  // namespace cnn::ui
