// Model: the layer table (output shape, parameters, multiply-accumulates), the spec text,
// and the model file buttons. Loading goes through the platform's file chooser (the app
// sends LoadModel with the bytes); saving asks the engine for the file (ModelSaved), which
// the platform then offers as a download.
#include "controls.h"
#include "panels/panels.h"

namespace cnn::ui {
namespace {

std::string with_commas(int64_t n) {
  std::string s = std::to_string(n < 0 ? -n : n);
  for (int i = int(s.size()) - 3; i > 0; i -= 3) s.insert(size_t(i), ",");
  return n < 0 ? "-" + s : s;
}

}  // namespace

void draw_model_panel(ModelPanelState& st, const EngineView& view, CommandSink& sink) {
  ImGui::BeginDisabled(!view.ready || view.training != TrainingState::kIdle);
  if (ImGui::Button("Load model...")) st.want_open_file = true;
  note_control("model_load");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!view.has_model);
  if (ImGui::Button("Save model")) sink.send(protocol::SaveModel{});
  note_control("model_save");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", view.has_model ? view.model_name.c_str() : "no model");

  if (!view.has_model) return;
  const protocol::ModelSummary& s = view.summary;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  const float h = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 3;
  if (ImGui::BeginTable("summary", 4, flags, ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Layer", ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn("Output", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("Params", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("MACs", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    ImGui::TableNextColumn(); ImGui::TextDisabled("input");
    ImGui::TableNextColumn(); ImGui::TextUnformatted(s.input.c_str());
    for (const protocol::SummaryRow& r : s.rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.text.c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.name.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.output.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(with_commas(r.params).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(with_commas(r.macs).c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn(); ImGui::TextColored(ImVec4(1, 0.85f, 0.3f, 1), "Total");
    ImGui::TableNextColumn();
    ImGui::TableNextColumn(); ImGui::TextColored(ImVec4(1, 0.85f, 0.3f, 1), "%s", with_commas(s.params).c_str());
    ImGui::TableNextColumn(); ImGui::TextColored(ImVec4(1, 0.85f, 0.3f, 1), "%s", with_commas(s.macs).c_str());
    ImGui::EndTable();
  }
  ImGui::TextDisabled("Spec");
  ImGui::TextWrapped("%s", s.spec_text.c_str());
}

}  // namespace cnn::ui
