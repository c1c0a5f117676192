#include "file_dialog.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "i18n/language.h"
#include "imgui.h"

namespace cnn::ui {

namespace fs = std::filesystem;

void FileDialog::open(const std::string& folder) {
  want_open_ = true;
  list(folder);
}

void FileDialog::list(const std::string& folder) {
  std::error_code ec;
  folder_ = fs::absolute(folder, ec).lexically_normal().string();
  entries_.clear();
  std::vector<std::string> files;
  for (fs::directory_iterator it(folder_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (it->is_directory(ec)) entries_.push_back(name + "/");
    else if (it->path().extension() == ".bin") files.push_back(name);
  }
  std::sort(entries_.begin(), entries_.end());
  std::sort(files.begin(), files.end());
  entries_.insert(entries_.end(), files.begin(), files.end());
  std::snprintf(path_, sizeof path_, "%s/", folder_.c_str());
}

std::optional<std::string> FileDialog::draw() {
  if (want_open_) {
    ImGui::OpenPopup(tr_id("Load model", "load_model"));
    want_open_ = false;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowSize(ImVec2(display.x * 0.5f, display.y * 0.6f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(tr_id("Load model", "load_model"), nullptr, ImGuiWindowFlags_NoSavedSettings)) return std::nullopt;

  std::optional<std::string> chosen;
  ImGui::TextDisabled("%s", folder_.c_str());
  const float footer = ImGui::GetFrameHeightWithSpacing() * 2;
  if (ImGui::BeginChild("entries", ImVec2(0, -footer), true)) {
    if (ImGui::Selectable("../", false, ImGuiSelectableFlags_DontClosePopups))
      list((fs::path(folder_) / "..").string());
    for (const std::string& e : entries_) {
      const bool folder = e.back() == '/';
      if (!ImGui::Selectable(e.c_str(), false, ImGuiSelectableFlags_DontClosePopups | ImGuiSelectableFlags_AllowDoubleClick))
        continue;
      if (folder) {
        list((fs::path(folder_) / e.substr(0, e.size() - 1)).string());
        break;  // entries_ changed under the loop
      }
      std::snprintf(path_, sizeof path_, "%s", (fs::path(folder_) / e).string().c_str());
      if (ImGui::IsMouseDoubleClicked(0)) chosen = path_;
    }
  }
  ImGui::EndChild();
  ImGui::SetNextItemWidth(-1);
  const bool entered = ImGui::InputText("##path", path_, sizeof path_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button(tr("Load")) || entered) chosen = path_;
  ImGui::SameLine();
  if (ImGui::Button(tr("Cancel")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  if (chosen) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return chosen;
}

}  // namespace cnn::ui
