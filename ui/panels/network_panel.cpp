// Your network: the spec text of a network, edited, with the engine's summary of it beside
// it as you type (SummarizeSpec on every change: output shapes, parameters and
// multiply-accumulates, or the engine's message with its line and column). Apply builds it
// with fresh weights (BuildModel); until then the current model stays, and an invalid spec
// or one the playground cannot train (not 28x28x1 -> 10) cannot be applied.
//
// The text starts as the current model's, one statement per line (ModelSummary::spec_lines),
// and follows the model while it is not edited; a preset of the engine can be put in instead.
#include <algorithm>
#include <cstdio>
#include <string>

#include "controls.h"
#include "i18n/language.h"
#include "panels/panels.h"
#include "widgets/flow.h"
#include "widgets/summary_table.h"
#include "widgets/wrapped_text.h"
#include "teaching/architectures.h"
#include "teaching/spec_help.h"

namespace cnn::ui {
namespace {

const ImVec4 kErrorColour(1.0f, 0.45f, 0.45f, 1.0f);
const ImVec4 kGoodColour(0.5f, 0.85f, 0.5f, 1.0f);
const ImVec4 kWarnColour(1.0f, 0.75f, 0.35f, 1.0f);

// ImGui's text field on a std::string (as misc/cpp/imgui_stdlib.cpp does), and a cursor
// placed from outside: `select_from..select_to` are selected once when >= 0.
struct FieldData {
  std::string* text;
  int select_from = -1, select_to = -1;
};

int field_callback(ImGuiInputTextCallbackData* data) {
  auto* field = static_cast<FieldData*>(data->UserData);
  if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
    field->text->resize(size_t(data->BufTextLen));
    data->Buf = field->text->data();
  } else if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways && field->select_from >= 0) {
    data->SelectionStart = std::min(field->select_from, data->BufTextLen);
    data->CursorPos = data->SelectionEnd = std::min(field->select_to, data->BufTextLen);
    field->select_from = field->select_to = -1;
  }
  return 0;
}

// The end of the word at `offset`: what "Show me" selects.
int word_end(const std::string& text, int offset) {
  size_t i = size_t(std::max(offset, 0));
  while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != ';' && text[i] != ')' && text[i] != '|') ++i;
  return int(std::max(i, size_t(offset) + 1));
}

// The line of `text` holding `offset`, and where on it the offset falls.
struct LineAt {
  std::string line;
  size_t start = 0;
};
LineAt line_at(const std::string& text, int offset) {
  const size_t at = std::min(size_t(std::max(offset, 0)), text.size());
  const size_t newline = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
  const size_t start = newline == std::string::npos ? 0 : newline + 1;
  const size_t end = std::min(text.find('\n', at), text.size());
  return {text.substr(start, end - start), start};
}

// The offending line as a compiler shows it, the word underlined in red.
void draw_error_line(const std::string& text, int offset) {
  const LineAt l = line_at(text, offset);
  if (l.line.empty()) return;
  ImGui::TextDisabled(tr("line %d:"), int(std::count(text.begin(), text.begin() + long(l.start), '\n')) + 1);
  ImGui::SameLine();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::TextUnformatted(l.line.c_str());
  const size_t from = size_t(offset) - l.start;
  const size_t to = std::min(size_t(word_end(text, offset)) - l.start, l.line.size());
  const float x0 = at.x + ImGui::CalcTextSize(l.line.c_str(), l.line.c_str() + from).x;
  const float x1 = std::max(at.x + ImGui::CalcTextSize(l.line.c_str(), l.line.c_str() + to).x, x0 + ImGui::GetFontSize() * 0.5f);
  const float y = at.y + ImGui::GetFontSize() + 1.0f;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(x0, y), ImVec2(x1, y), ImGui::GetColorU32(kErrorColour),
                                      std::max(2.0f, ImGui::GetFontSize() * 0.12f));
}

void put_text(NetworkPanelState& st, const std::string& text) {
  st.text = st.loaded_text = text;
  st.select_from = -1;
}

// The text, the check under it and the buttons.
void draw_editor(NetworkPanelState& st, const EngineView& view, CommandSink& sink, float height) {
  const float line = ImGui::GetTextLineHeightWithSpacing();
  // Where to start: the current model, or a preset that trains here.
  const std::vector<Architecture>& archs = architectures();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(tr("Start from"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 14));
  // start_label holds the English label ("the current model" or an architecture's): it is
  // translated where it is shown.
  if (ImGui::BeginCombo("##network_start", tr(st.start_label.c_str()), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(tr("the current model"), false) && view.has_model) {
      put_text(st, view.summary.spec_lines);
      st.start_label = "the current model";
      st.pending_preset.clear();
    }
    note_control("network_start_current");
    for (const Architecture& a : archs) {
      if (!a.for_mnist) continue;
      if (ImGui::Selectable(tr(a.label), false)) {
        st.pending_preset = a.preset;  // its text comes with its summary
        st.start_label = a.label;
      }
      note_full_width_control((std::string("network_start_") + a.preset).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(a.note));
    }
    ImGui::EndCombo();
  }
  note_control("network_start", tr(st.start_label.c_str()));
  if (!st.pending_preset.empty()) {
    if (const proto::SpecSummarized* p = ask_spec_summary(st.questions, view, sink, st.pending_preset)) {
      put_text(st, p->summary.spec_lines);
      st.pending_preset.clear();
    }
  }

  // The text, or the same as a list of layers. Room is left below for the check, the buttons
  // and their notes.
  same_line_if_fits(toggle_width(tr("Text")) + toggle_width(tr("Layer list")) + ImGui::GetStyle().ItemSpacing.x * 2);
  ImGui::RadioButton(tr("Text"), &st.as_list, 0);
  note_control("network_as_text");
  ImGui::SameLine();
  ImGui::RadioButton(tr("Layer list"), &st.as_list, 1);
  note_control("network_as_list");
  const float field_h = std::max(line * 6, height * 0.45f);
  if (st.as_list) {
    draw_layer_list(st.text, field_h);
  } else {
    FieldData field{&st.text, st.select_from, st.select_to};
    if (st.select_from >= 0) ImGui::SetKeyboardFocusHere();
    ImGui::InputTextMultiline("##network_text", st.text.data(), st.text.capacity() + 1, ImVec2(-1, field_h),
                              ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_CallbackAlways, field_callback,
                              &field);
    st.select_from = field.select_from;
    st.select_to = field.select_to;
    note_control("network_text");
  }

  // The engine's check of exactly this text (asked as soon as it changed).
  const proto::SpecSummarized* answer = ask_spec_summary(st.questions, view, sink, st.text);
  if (answer && answer->error.empty()) st.summary_of = st.text;
  st.status.clear();
  if (!answer) {
    ImGui::TextDisabled("%s", tr("checking..."));
    st.status = tr("Your network: checking");
  } else if (!answer->error.empty()) {
    text_wrapped_colored(kErrorColour, "%s", answer->error.c_str());
    note_control("network_error");
    if (answer->error_offset >= 0) {
      draw_error_line(st.text, answer->error_offset);
      ImGui::SameLine();
      if (ImGui::SmallButton(tr("Show me"))) {
        st.as_list = 0;  // the word is shown in the text
        st.select_from = answer->error_offset;
        st.select_to = word_end(st.text, answer->error_offset);
      }
      note_control("network_show_error");
    }
    st.status = trf("Your network: %s", answer->error.c_str());
  } else {
    const proto::ModelSummary& s = answer->summary;
    ImGui::PushStyleColor(ImGuiCol_Text, kGoodColour);
    text_wrapped(tr("Valid: %s parameters, %s multiply-accumulates per image"), grouped(s.params).c_str(),
                       grouped(s.macs).c_str());
    ImGui::PopStyleColor();
    note_control("network_valid");
    st.status = trf("Your network: valid, %s parameters (%s trainable), %s multiply-accumulates per image",
                    grouped(s.params).c_str(), grouped(s.trainable).c_str(), grouped(s.macs).c_str());
    if (!answer->build_problem.empty()) {
      text_wrapped_colored(kWarnColour, tr("Cannot be trained here: %s"), answer->build_problem.c_str());
      note_control("network_build_problem");
      st.status += trf("; cannot be trained here: %s", answer->build_problem.c_str());
    }
  }

  // Apply: only a valid spec the playground can train, and not during a run (it would end it).
  const bool idle = view.ready && view.training == TrainingState::kIdle;
  const bool can_apply = answer && answer->error.empty() && answer->build_problem.empty();
  ImGui::BeginDisabled(!idle || !can_apply);
  if (ImGui::Button(tr("Apply: build it with fresh weights"))) {
    protocol::BuildModel m;
    m.spec = st.text;
    m.seed = uint64_t(st.seed);
    st.apply_request = sink.send(m);
    st.applied_note.clear();
  }
  note_control("network_apply");
  ImGui::EndDisabled();
  same_line_if_fits(ImGui::GetFontSize() * 4 + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(tr("seed")).x);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 4);
  ImGui::InputInt(tr_id("seed", "network_seed"), &st.seed, 0, 0);
  st.seed = std::clamp(st.seed, 1, 1 << 30);
  note_control("network_seed");
  same_line_if_fits(button_width(tr("Revert")));
  ImGui::BeginDisabled(!view.has_model || st.text == view.summary.spec_lines);
  if (ImGui::Button(tr("Revert"))) {
    put_text(st, view.summary.spec_lines);
    st.start_label = "the current model";
  }
  note_control("network_revert");
  ImGui::EndDisabled();
  if (!view.ready) ImGui::TextDisabled("%s", tr("The engine is starting."));
  else if (view.training != TrainingState::kIdle) ImGui::TextDisabled("%s", tr("Training is running: stop it to apply a network."));

  // What Apply did: the model it made, or the engine's refusal (the current model is kept).
  if (st.apply_request != 0 && view.last_error_id == st.apply_request && !view.last_error.empty()) {
    st.applied_note = view.last_error;
    st.apply_request = 0;
  }
  if (!st.applied_note.empty()) {
    text_wrapped_colored(kErrorColour, "%s", st.applied_note.c_str());
  } else if (st.applied_generation == view.model_generation) {
    ImGui::TextColored(kGoodColour, tr("Built with fresh weights (seed %d): now the model."), st.applied_seed);
    same_line_if_fits(button_width(tr("Train it")));
    if (ImGui::Button(tr("Train it"))) st.want_train = true;
    note_control("network_train");
  }

  // The statements, each with an example (tests/ui/spec_help_test.cpp parses every one), in
  // the room that is left.
  ImGui::Spacing();
  text_wrapped_disabled("%s", tr("How to write it: one statement per line; in a block ';' between statements, '|' between paths"));
  ImGui::BeginChild("##network_help", ImVec2(0, std::max(line * 3, height - ImGui::GetCursorPosY())), true);
  for (const SpecHelp& h : spec_help()) {
    ImGui::TextUnformatted(h.syntax);
    ImGui::Indent();
    text_wrapped_disabled(tr("%s, e.g. %s"), tr(h.what), h.example);  // the example stays as typed
    ImGui::Unindent();
  }
  note_scroll_area("network_help");
  ImGui::EndChild();
}

}  // namespace

void draw_network_panel(NetworkPanelState& st, const EngineView& view, CommandSink& sink) {
  // The text follows the model while it is not edited; after Apply it becomes the model's own
  // (canonical) text, which shows every default ("conv 6 5x5" -> "conv 6 5x5 valid").
  if (view.has_model && view.model_generation != st.model_generation) {
    st.model_generation = view.model_generation;
    const bool applied = st.apply_request != 0 && view.model_request == st.apply_request;
    if (applied) {
      st.applied_generation = view.model_generation;
      st.applied_seed = st.seed;
      st.apply_request = 0;
    }
    if (applied || st.text == st.loaded_text) {
      put_text(st, view.summary.spec_lines);
      st.start_label = "the current model";
    }
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const bool wide = avail.x >= avail.y * 1.2f;
  const float line = ImGui::GetTextLineHeightWithSpacing();
  if (wide) {
    ImGui::BeginChild("##network_left", ImVec2(avail.x * 0.46f, avail.y), false, ImGuiWindowFlags_NoScrollbar);
    draw_editor(st, view, sink, avail.y);
    ImGui::EndChild();
    ImGui::SameLine();
  } else {
    ImGui::BeginChild("##network_top", ImVec2(avail.x, avail.y * 0.55f), false, ImGuiWindowFlags_NoScrollbar);
    draw_editor(st, view, sink, avail.y * 0.55f);
    ImGui::EndChild();
  }

  // The summary of the text, or of its last valid form while it has an error.
  ImGui::BeginGroup();
  const proto::ModelSummary* s = st.summary_of.empty() ? nullptr : find_spec_summary(view, st.summary_of);
  if (s) {
    if (st.summary_of != st.text) ImGui::TextDisabled("%s", tr("The text as it was before the error:"));
    else ImGui::TextDisabled("%s", tr("What the engine makes of it:"));
    draw_summary_table("network_summary", *s, std::max(line * 4, ImGui::GetContentRegionAvail().y - line * 2.5f),
                       "network_summary_rows");
    note_control("network_summary");
    if (s->params != s->trainable)
      ImGui::TextDisabled(tr("%s trainable, %s non-trainable (batch-norm statistics)"), grouped(s->trainable).c_str(),
                          grouped(s->params - s->trainable).c_str());
  } else {
    ImGui::TextDisabled("%s", tr("The summary appears here once the text is a valid network."));
  }
  ImGui::EndGroup();
}

}  // namespace cnn::ui
