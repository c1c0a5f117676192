// Model: the layer table (output shape, parameters, multiply-accumulates), the spec text,
// and the model file buttons. The table also shows the architectures of the course notes
// (LeNet-5, AlexNet, VGG-16; ResNet-50, MobileNet, MobileNetV2, InceptionV3 with the counts
// Keras prints; the small versions that train on MNIST) as summaries the engine makes from
// their presets (SummarizeSpec), so a student can compare what each costs per image. Rows
// inside a residual or parallel block are indented under it, each path after the first
// marked with '|', and the block's own row (add, concatenate) closes it. Loading goes through the platform's file chooser (the app
// sends LoadModel with the bytes); saving asks the engine for the file (ModelSaved), which
// the platform then offers as a download.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "panels/panels.h"

namespace cnn::ui {
namespace {

struct Architecture {
  const char* label;
  const char* preset;   // the engine's spec preset
  const char* control;  // note_control name
  const char* note;
  const char* group;    // classic, modern, mini: a heading in the list where it changes
};
constexpr Architecture kArchitectures[] = {
    {"LeNet-5", "lenet5", "model_preset_lenet5", "LeCun et al. 1998: digits, 28x28 grey, trained here in the page.",
     "classic"},
    {"AlexNet", "alexnet", "model_preset_alexnet",
     "Krizhevsky et al. 2012, as in the course notes: 227x227 colour images; needed two GPUs to train.", "classic"},
    {"VGG-16", "vgg16", "model_preset_vgg16", "Simonyan and Zisserman 2014: 3x3 convolutions only, 16 layers with weights.",
     "classic"},
    {"ResNet-50 (course)", "resnet50-course", "model_preset_resnet50-course",
     "The course's ResNet50(input_shape=(64, 64, 3), classes=6): identity and convolutional blocks, the shortcut "
     "added before the ReLU.", "modern"},
    {"ResNet-50", "resnet50", "model_preset_resnet50",
     "He et al. 2015, as Keras builds it: 224x224x3, 1000 classes, 16 bottleneck blocks (1x1, 3x3, 1x1).", "modern"},
    {"MobileNet", "mobilenet", "model_preset_mobilenet",
     "Howard et al. 2017: depthwise-separable convolutions (a 3x3 per channel, then a 1x1 across channels).", "modern"},
    {"MobileNetV2", "mobilenetv2", "model_preset_mobilenetv2",
     "Sandler et al. 2018: expansion 1x1, depthwise 3x3, projection 1x1, and a residual where the shapes agree.",
     "modern"},
    {"InceptionV3", "inceptionv3", "model_preset_inceptionv3",
     "Szegedy et al. 2015: 1x1, 3x3, 5x5 (as 1x7 and 7x1) and pooling branches stacked along channels.", "modern"},
    {"ResNet mini", "resnet-mini", "model_preset_resnet-mini",
     "Residual blocks with batch norm, small enough to train on MNIST here.", "mini"},
    {"MobileNet mini", "mobilenet-mini", "model_preset_mobilenet-mini",
     "Depthwise-separable blocks with batch norm and ReLU6, small enough to train on MNIST here.", "mini"},
    {"Inception mini", "inception-mini", "model_preset_inception-mini",
     "Two Inception modules (1x1, 3x3, 5x5 and pooling branches), small enough to train on MNIST here.", "mini"},
};
constexpr int kArchitectureCount = int(sizeof kArchitectures / sizeof kArchitectures[0]);

// "1.2 G", "416 k": multiply-accumulates at a glance.
std::string short_count(int64_t n) {
  char buf[32];
  if (n >= 1000000000) std::snprintf(buf, sizeof buf, "%.2f G", double(n) / 1e9);
  else if (n >= 1000000) std::snprintf(buf, sizeof buf, "%.1f M", double(n) / 1e6);
  else if (n >= 1000) std::snprintf(buf, sizeof buf, "%.0f k", double(n) / 1e3);
  else std::snprintf(buf, sizeof buf, "%lld", (long long)n);
  return buf;
}

// The widest of `texts` and `header`, plus the cell padding: a number column that never cuts
// its digits ("102,764,5" for 102,764,544 at 1280x720 before).
float fit_width(const char* header, const std::vector<std::string>& texts) {
  float w = ImGui::CalcTextSize(header).x;
  for (const std::string& t : texts) w = std::max(w, ImGui::CalcTextSize(t.c_str()).x);
  return w + ImGui::GetStyle().CellPadding.x * 2;
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
  // Back to the model the page opened with, whatever was loaded or trained since.
  ImGui::BeginDisabled(!view.ready || view.training != TrainingState::kIdle);
  if (ImGui::Button("Restore the shipped model")) sink.send(protocol::RestoreShippedModel{});
  note_control("model_restore_shipped");
  ImGui::EndDisabled();
  ImGui::TextDisabled("%s", view.has_model ? view.model_name.c_str() : "no model");

  // Which summary: the current model, or one of the course's architectures, from one combo
  // (eleven radio buttons took four lines and left the table four rows at 1280x720). Its
  // items are noted as model_preset_current and model_preset_<preset>.
  ImGui::TextUnformatted("Show");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16));
  const char* current_label = st.shown == 0 ? "this model" : kArchitectures[st.shown - 1].label;
  if (ImGui::BeginCombo("##model_shown", current_label, ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable("this model", st.shown == 0)) st.shown = 0;
    note_control("model_preset_current");
    const char* group = "";
    for (int i = 0; i < kArchitectureCount; ++i) {
      if (std::string(kArchitectures[i].group) != group) {
        group = kArchitectures[i].group;
        ImGui::TextDisabled("%s", std::string(group) == "classic" ? "The first half of the course"
                                  : std::string(group) == "modern" ? "The second half (summaries)"
                                                                   : "Small versions that train on MNIST");
      }
      if (ImGui::Selectable(kArchitectures[i].label, st.shown == i + 1)) st.shown = i + 1;
      note_control(kArchitectures[i].control);
    }
    ImGui::EndCombo();
  }
  note_control("model_shown");
  const protocol::ModelSummary* shown = view.has_model ? &view.summary : nullptr;
  st.status.clear();
  if (st.shown > 0) {
    const Architecture& a = kArchitectures[st.shown - 1];
    shown = find_spec_summary(view, a.preset);
    if (!shown && std::find(st.asked.begin(), st.asked.end(), a.preset) == st.asked.end() && view.ready) {
      protocol::SummarizeSpec m;
      m.spec = a.preset;
      sink.send(m);
      st.asked.push_back(a.preset);
    }
    ImGui::TextWrapped("%s", a.note);
    // The networks for MNIST can become the model: fresh weights, then train them in the
    // Train tab (with the preset's own settings, which the engine suggests).
    const bool for_mnist = std::string(a.group) == "mini" || std::string(a.preset) == "lenet5";
    if (for_mnist) {
      ImGui::BeginDisabled(!view.ready || view.training != TrainingState::kIdle);
      if (ImGui::Button("Use this network (fresh weights)")) {
        protocol::BuildModel m;
        m.spec = a.preset;
        m.seed = 1;
        sink.send(m);
        st.built = a.preset;
      }
      note_control("model_build");
      ImGui::EndDisabled();
      if (!st.built.empty() && view.model_name == st.built) {
        ImGui::SameLine();
        ImGui::TextDisabled("now the model: train it in the Train tab");
      }
    }
    if (shown) {
      st.status = std::string(a.label) + ": " + grouped(shown->params) + " parameters (" +
                  grouped(shown->params - shown->trainable) + " non-trainable), " + grouped(shown->macs) +
                  " multiply-accumulates per image";
      const protocol::ModelSummary* lenet = find_spec_summary(view, "lenet5");
      if (lenet && lenet->macs > 0 && st.shown != 1)
        ImGui::TextWrapped("%s multiply-accumulates per image: %.0f times LeNet-5's %s.", short_count(shown->macs).c_str(),
                           double(shown->macs) / double(lenet->macs), short_count(lenet->macs).c_str());
      else if (!lenet && view.ready && std::find(st.asked.begin(), st.asked.end(), "lenet5") == st.asked.end()) {
        protocol::SummarizeSpec m;
        m.spec = "lenet5";
        sink.send(m);
        st.asked.push_back("lenet5");
      }
    }
  }
  if (!shown) return;
  const protocol::ModelSummary& s = *shown;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp;
  const float h = std::max(ImGui::GetTextLineHeightWithSpacing() * 4,
                           ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 5);
  std::vector<std::string> outputs{s.input}, params{grouped(s.params)}, macs{short_count(s.macs)};
  for (const protocol::SummaryRow& r : s.rows) {
    outputs.push_back(r.output);
    params.push_back(grouped(r.params));
    macs.push_back(short_count(r.macs));
  }
  if (ImGui::BeginTable("summary", 4, flags, ImVec2(0, h))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Layer", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Output", ImGuiTableColumnFlags_WidthFixed, fit_width("Output", outputs));
    ImGui::TableSetupColumn("Params", ImGuiTableColumnFlags_WidthFixed, fit_width("Params", params));
    ImGui::TableSetupColumn("MACs", ImGuiTableColumnFlags_WidthFixed, fit_width("MACs", macs));
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    ImGui::TableNextColumn(); ImGui::TextDisabled("input");
    ImGui::TableNextColumn(); ImGui::TextUnformatted(s.input.c_str());
    for (const protocol::SummaryRow& r : s.rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (r.depth > 0) ImGui::Indent(ImGui::GetFontSize() * float(r.depth));
      if (r.block) ImGui::TextColored(ImVec4(0.55f, 0.8f, 1.0f, 1.0f), "%s", r.text.c_str());
      else if (r.depth > 0 && r.path > 0) ImGui::Text("| %s", r.text.c_str());
      else ImGui::TextUnformatted(r.text.c_str());
      if (r.depth > 0) ImGui::Unindent(ImGui::GetFontSize() * float(r.depth));
      // The whole statement, which a narrow column cuts, and Keras' name for the layer.
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s", r.text.c_str(), r.name.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(r.output.c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(grouped(r.params).c_str());
      ImGui::TableNextColumn(); ImGui::TextUnformatted(short_count(r.macs).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s multiply-accumulates", grouped(r.macs).c_str());
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn(); ImGui::TextColored(ImVec4(1, 0.85f, 0.3f, 1), "Total");
    ImGui::TableNextColumn();
    ImGui::TableNextColumn(); ImGui::TextColored(ImVec4(1, 0.85f, 0.3f, 1), "%s", grouped(s.params).c_str());
    ImGui::TableNextColumn(); ImGui::TextColored(ImVec4(1, 0.85f, 0.3f, 1), "%s", short_count(s.macs).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s multiply-accumulates per image", grouped(s.macs).c_str());
    note_scroll_area("model_summary_rows");
    ImGui::EndTable();
  }
  note_control("model_summary");
  if (s.params != s.trainable)
    ImGui::TextWrapped("%s trainable, %s non-trainable (the batch-norm moving means and variances)",
                        grouped(s.trainable).c_str(), grouped(s.params - s.trainable).c_str());
  ImGui::TextDisabled("Spec");
  ImGui::TextWrapped("%s", s.spec_text.c_str());
}

}  // namespace cnn::ui
