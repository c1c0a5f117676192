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
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/flow.h"
#include "widgets/summary_table.h"
#include "widgets/wrapped_text.h"
#include "spec_questions.h"
#include "teaching/architectures.h"

namespace cnn::ui {

void draw_model_panel(ModelPanelState& st, const EngineView& view, CommandSink& sink) {
  ImGui::BeginDisabled(!view.ready || view.training != TrainingState::kIdle);
  if (ImGui::Button(tr("Load model..."))) st.want_open_file = true;
  note_control("model_load");
  ImGui::EndDisabled();
  same_line_if_fits(button_width(tr("Save model")));
  ImGui::BeginDisabled(!view.has_model);
  if (ImGui::Button(tr("Save model"))) sink.send(protocol::SaveModel{});
  note_control("model_save");
  ImGui::EndDisabled();
  // Back to the model the page opened with, whatever was loaded or trained since.
  same_line_if_fits(button_width(tr("Restore the shipped model")));
  ImGui::BeginDisabled(!view.ready || view.training != TrainingState::kIdle);
  if (ImGui::Button(tr("Restore the shipped model"))) sink.send(protocol::RestoreShippedModel{});
  note_control("model_restore_shipped");
  ImGui::EndDisabled();
  ImGui::TextDisabled("%s", view.has_model ? view.model_name.c_str() : tr("no model"));

  // Which summary: the current model, or one of the course's architectures, from one combo
  // (eleven radio buttons took four lines and left the table four rows at 1280x720). Its
  // items are noted as model_preset_current and model_preset_<preset>.
  ImGui::TextUnformatted(tr("Show"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 16));
  const std::vector<Architecture>& archs = architectures();
  // The architectures' labels and notes are English in their table (N_), translated here.
  const char* current_label = st.shown == 0 ? tr("this model") : tr(archs[size_t(st.shown - 1)].label);
  if (ImGui::BeginCombo("##model_shown", current_label, ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(tr("this model"), st.shown == 0)) st.shown = 0;
    note_full_width_control("model_preset_current");
    for (size_t i = 0; i < archs.size(); ++i) {
      if (i == 0 || archs[i].group != archs[i - 1].group) ImGui::TextDisabled("%s", tr(group_heading(archs[i].group)));
      if (ImGui::Selectable(tr(archs[i].label), st.shown == int(i) + 1)) st.shown = int(i) + 1;
      note_full_width_control(archs[i].control);
    }
    ImGui::EndCombo();
  }
  note_control("model_shown", current_label);
  const protocol::ModelSummary* shown = view.has_model ? &view.summary : nullptr;
  st.status.clear();
  if (st.shown > 0) {
    const Architecture& a = archs[size_t(st.shown - 1)];
    const protocol::SpecSummarized* answer = ask_spec_summary(st.questions, view, sink, a.preset);
    shown = answer && answer->error.empty() ? &answer->summary : nullptr;
    text_wrapped("%s", tr(a.note));
    // The networks for MNIST can become the model: fresh weights, then train them in the
    // Train tab (with the preset's own settings, which the engine suggests).
    if (a.for_mnist) {
      ImGui::BeginDisabled(!view.ready || view.training != TrainingState::kIdle);
      if (ImGui::Button(tr("Use this network (fresh weights)"))) {
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
        ImGui::TextDisabled("%s", tr("now the model: train it in the Train tab"));
      }
    }
    if (shown) {
      st.status = trf("%s: %s parameters (%s non-trainable), %s multiply-accumulates per image", tr(a.label),
                      grouped(shown->params).c_str(), grouped(shown->params - shown->trainable).c_str(),
                      grouped(shown->macs).c_str());
      const protocol::SpecSummarized* lenet = ask_spec_summary(st.questions, view, sink, "lenet5");
      if (lenet && lenet->summary.macs > 0 && st.shown != 1)
        text_wrapped(tr("%s multiply-accumulates per image: %.0f times LeNet-5's %s."), short_count(shown->macs).c_str(),
                           double(shown->macs) / double(lenet->summary.macs), short_count(lenet->summary.macs).c_str());
    }
  }
  if (!shown) return;
  const protocol::ModelSummary& s = *shown;
  const float h = std::max(ImGui::GetTextLineHeightWithSpacing() * 4,
                           ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 5);
  draw_summary_table("summary", s, h, "model_summary_rows");
  note_control("model_summary");
  if (s.params != s.trainable)
    text_wrapped(tr("%s trainable, %s non-trainable (the batch-norm moving means and variances)"),
                        grouped(s.trainable).c_str(), grouped(s.params - s.trainable).c_str());
  ImGui::TextDisabled("%s", tr("Spec"));
  text_wrapped("%s", s.spec_text.c_str());
}

}  // namespace cnn::ui
