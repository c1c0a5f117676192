// Writes an RGB image as a PNG file, for the native window's --screenshot (so screenshots
// open anywhere, like the page's). Stored deflate blocks: no compression, no zlib needed.
#pragma once

#include <cstdint>
#include <string>

namespace cnn::ui {

// rgb: height rows of width * 3 bytes, top row first. Returns false if the file cannot be written.
bool write_png(const std::string& path, const uint8_t* rgb, int width, int height);

}  // namespace cnn::ui
