// The network as a list of layers (Your network, "Layer list"), for those who would rather click
// than type: one row per line of the text, with buttons to move it up or down or remove it,
// and fields for the settings of the kinds layer_line.h reads (filters, kernel, stride,
// padding, activation, units, rate); any other line is a small text field. Every click
// rewrites the text, which stays the network: the engine checks it and the summary follows.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "controls.h"
#include "i18n/language.h"
#include "layer_line.h"
#include "panels/panels.h"
#include "widgets/flow.h"

namespace cnn::ui {
namespace {

// What "Add a layer" offers: a statement of each kind with usual settings.
constexpr const char* kNewLayers[] = {"conv 8 3x3 same relu", "dwconv 3x3 same relu", "maxpool 2", "avgpool 2",
                                      "batchnorm",           "dropout 0.25",         "dense 64 relu", "relu",
                                      "flatten"};
constexpr int kNewLayerCount = int(sizeof kNewLayers / sizeof kNewLayers[0]);
constexpr const char* kPaddings[] = {"valid", "same", "pad"};  // LayerLine::padding 1..3

// A whole-number field `value` in lo..hi, followed by its word; true when it changed. A row's
// controls are noted as <row>_<what> (layer_2_count) for the page's tests.
bool number(const std::string& row, const char* id, int* value, int lo, int hi, const char* word) {
  // Wide enough for its value, and for three digits at least.
  const float w = ImGui::CalcTextSize(std::to_string(std::max(*value, 100)).c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  same_line_if_fits(w + ImGui::CalcTextSize(word).x + ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::SetNextItemWidth(w);
  int v = *value;
  const bool changed = ImGui::InputInt(id, &v, 0, 0) && std::clamp(v, lo, hi) != *value;
  if (changed) *value = std::clamp(v, lo, hi);
  note_control((row + "_" + (id + 2)).c_str());
  if (*word) {
    ImGui::SameLine(0, ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::TextUnformatted(word);
  }
  return changed;
}

// A combo as wide as its widest item.
bool choice(const std::string& row, const char* id, int* index, const char* const items[], int count) {
  float width = 0;
  for (int i = 0; i < count; ++i) width = std::max(width, ImGui::CalcTextSize(items[i]).x);
  width += ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight();
  same_line_if_fits(width);
  ImGui::SetNextItemWidth(width);
  const bool changed = ImGui::Combo(id, index, items, count);
  note_control((row + "_" + (id + 2)).c_str(), items[*index]);
  return changed;
}

// The fields of one line; true when it changed.
bool fields(LayerLine& l, const std::string& row) {
  const float em = ImGui::GetFontSize();
  bool changed = false;
  switch (l.kind) {
    case LayerKind::kConv: changed |= number(row, "##count", &l.count, 1, 4096, tr("filters")); break;
    case LayerKind::kDense: changed |= number(row, "##count", &l.count, 1, 65536, tr("units")); break;
    case LayerKind::kDropout: {
      same_line_if_fits(em * 4);
      ImGui::SetNextItemWidth(em * 3.5f);
      float rate = l.rate;
      if (ImGui::InputFloat("##rate", &rate, 0, 0, "%.3g") && rate >= 0 && rate < 1 && rate != l.rate) {
        l.rate = rate;
        changed = true;
      }
      return changed;
    }
    default: break;
  }
  if (l.kind != LayerKind::kDense) {
    const bool pool = l.kind == LayerKind::kMaxpool || l.kind == LayerKind::kAvgpool;
    changed |= number(row, "##kernel", &l.kernel, 1, 64, pool ? tr("window") : tr("kernel"));
    int stride = l.stride ? l.stride : default_stride(l);
    if (number(row, "##stride", &stride, 1, 64, tr("stride"))) {
      l.stride = stride == default_stride(l) ? 0 : stride;
      changed = true;
    }
    if (pool) {
      bool same = l.padding == 2;
      same_line_if_fits(toggle_width("same"));
      if (ImGui::Checkbox("same", &same)) {
        l.padding = same ? 2 : 0;
        changed = true;
      }
    } else {
      int padding = std::max(l.padding, 1) - 1;
      if (choice(row, "##padding", &padding, kPaddings, 3)) {
        l.padding = padding + 1;
        if (l.padding == 3 && l.pad == 0) l.pad = 1;
        changed = true;
      }
      if (l.padding == 3) changed |= number(row, "##pad", &l.pad, 1, 64, "");
    }
  }
  if (l.kind != LayerKind::kMaxpool && l.kind != LayerKind::kAvgpool)
    changed |= choice(row, "##act", &l.activation, kLayerActivations, kLayerActivationCount);
  return changed;
}

}  // namespace

void draw_layer_list(std::string& text, float height) {
  std::vector<std::string> lines = split_lines(text);
  bool changed = false;
  ImGui::BeginChild("##layer_list", ImVec2(-1, height), true);
  const int n = int(lines.size());
  int move_from = -1, move_to = -1, remove = -1;
  for (int i = 0; i < n; ++i) {
    ImGui::PushID(i);
    const std::string row = "layer_" + std::to_string(i);
    ImGui::BeginDisabled(i == 0);
    if (ImGui::ArrowButton("##up", ImGuiDir_Up)) move_from = i, move_to = i - 1;
    ImGui::EndDisabled();
    note_control((row + "_up").c_str());
    ImGui::SameLine(0, 2);
    ImGui::BeginDisabled(i + 1 == n);
    if (ImGui::ArrowButton("##down", ImGuiDir_Down)) move_from = i, move_to = i + 1;
    ImGui::EndDisabled();
    note_control((row + "_down").c_str());
    ImGui::SameLine(0, 2);
    if (ImGui::Button("x")) remove = i;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("Remove this layer"));
    note_control((row + "_remove").c_str());
    LayerLine l = read_layer_line(lines[size_t(i)]);
    ImGui::SameLine();
    if (l.kind == LayerKind::kText) {
      char buf[512];
      std::snprintf(buf, sizeof buf, "%s", lines[size_t(i)].c_str());
      ImGui::SetNextItemWidth(-1);
      if (ImGui::InputText("##text", buf, sizeof buf)) {
        lines[size_t(i)] = buf;
        changed = true;
      }
    } else {
      ImGui::AlignTextToFramePadding();
      ImGui::TextUnformatted(lines[size_t(i)].substr(0, lines[size_t(i)].find(' ')).c_str());
      if (fields(l, row)) {
        lines[size_t(i)] = layer_line_text(l);
        changed = true;
      }
    }
    note_control_value(row.c_str(), lines[size_t(i)]);
    ImGui::PopID();
  }
  if (move_from >= 0) std::swap(lines[size_t(move_from)], lines[size_t(move_to)]);
  if (remove >= 0) lines.erase(lines.begin() + remove);
  changed |= move_from >= 0 || remove >= 0;
  // New layers go in before the last one: the output layer stays the output.
  int add = -1;
  const char* add_label = tr("Add a layer before the last");
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::CalcTextSize(add_label).x +
                                                                          ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight()));
  if (ImGui::BeginCombo("##layer_add", add_label)) {
    for (int k = 0; k < kNewLayerCount; ++k) {
      if (ImGui::Selectable(kNewLayers[k])) add = k;
      note_control(("layer_add_" + std::to_string(k)).c_str());
    }
    ImGui::EndCombo();
  }
  note_control("layer_add");
  if (add >= 0) {
    lines.insert(lines.end() - (lines.size() > 1 ? 1 : 0), kNewLayers[add]);
    changed = true;
  }
  note_scroll_area("layer_list");
  ImGui::EndChild();
  if (changed) text = join_lines(lines);
}

}  // namespace cnn::ui
