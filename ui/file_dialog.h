// FileDialog: the native window's "Load model" chooser (the page uses the browser's file
// input instead). An ImGui modal listing the .bin files of a folder, with a path field for
// anything else. Native only: it reads the file system with std::filesystem.
//
//   dialog.open(folder);                        // when the user clicks "Load model..."
//   if (auto path = dialog.draw()) load(*path); // every frame
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cnn::ui {

class FileDialog {
 public:
  void open(const std::string& folder);
  // Draws the dialog while open; returns the chosen path once.
  std::optional<std::string> draw();

 private:
  void list(const std::string& folder);

  bool want_open_ = false;
  std::string folder_;
  std::vector<std::string> entries_;  // sub-folders (ending in '/') first, then .bin files
  char path_[1024] = {};
};

}  // namespace cnn::ui
