#include "widgets/stepper.h"

#include <algorithm>
#include <string>

#include "controls.h"
#include "i18n/language.h"
#include "imgui.h"

namespace cnn::ui {
namespace {

bool noted_button(const char* label, const char* prefix, const char* name) {
  const bool pressed = ImGui::Button(label);
  note_control((std::string(prefix) + "_" + name).c_str());
  return pressed;
}

}  // namespace

void draw_stepper(Stepper& s, int positions, const char* prefix) {
  const double now = ImGui::GetTime();
  s.position = std::clamp(s.position, 0, std::max(0, positions - 1));
  if (noted_button("|<", prefix, "first")) s.position = 0, s.playing = false;
  ImGui::SameLine();
  if (noted_button(tr("< Back"), prefix, "back")) s.position = std::max(0, s.position - 1), s.playing = false;
  ImGui::SameLine();
  if (noted_button(tr("Step >"), prefix, "step")) s.position = std::min(positions - 1, s.position + 1), s.playing = false;
  ImGui::SameLine();
  if (noted_button(s.playing ? tr("Pause") : tr("Play"), prefix, "play")) {
    s.playing = !s.playing;
    if (s.playing && s.position >= positions - 1) s.position = 0;
    s.next_step_time = now;
  }
  ImGui::SameLine();
  if (noted_button(">|", prefix, "last")) s.position = positions - 1, s.playing = false;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(80.0f, ImGui::GetContentRegionAvail().x));
  ImGui::SliderFloat("##speed", &s.speed, 1.0f, 30.0f, tr("%.0f steps/s"), ImGuiSliderFlags_Logarithmic);
  note_control((std::string(prefix) + "_speed").c_str());
  if (s.playing && now >= s.next_step_time) {
    if (s.position + 1 < positions) ++s.position;
    else s.playing = false;
    s.next_step_time = now + 1.0 / s.speed;
  }
}

bool noted_combo(const char* id, int* current, const char* const items[], int count) {
  bool changed = false;
  ImGui::PushID(id);
  if (ImGui::BeginCombo("##combo", items[*current])) {
    for (int i = 0; i < count; ++i) {
      if (ImGui::Selectable(items[i], i == *current)) {
        changed = i != *current;
        *current = i;
      }
      note_full_width_control((std::string(id) + "_" + std::to_string(i)).c_str());
    }
    ImGui::EndCombo();
  }
  ImGui::PopID();
  note_control(id, items[*current]);
  return changed;
}

}  // namespace cnn::ui
