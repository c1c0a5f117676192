#include "io/idx.h"

#include <cstdio>

namespace cnn {
namespace {

uint32_t read_be32(const uint8_t* p) {
  return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}

std::string hex(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", v);
  return buf;
}

}  // namespace

Expected<IdxImages> parse_idx_images(const uint8_t* data, size_t size, const std::string& name) {
  // The magic first: a label file or a PNG is better named as such than as "too short".
  const uint32_t magic = size >= 4 ? read_be32(data) : 0;
  if (magic == 0x00000801) return make_error(name + ": this is an IDX label file, expected images (magic 0x00000803)");
  if (size >= 4 && magic != 0x00000803)
    return make_error(name + ": magic " + hex(magic) + ", expected 0x00000803 (IDX, unsigned bytes, 3 dimensions)");
  if (size < 16)
    return make_error(name + ": " + std::to_string(size) + " bytes is too short for an IDX image header (16 bytes)");
  const uint32_t count = read_be32(data + 4), rows = read_be32(data + 8), cols = read_be32(data + 12);
  if (rows == 0 || cols == 0 || rows > 4096 || cols > 4096)
    return make_error(name + ": image size " + std::to_string(rows) + "x" + std::to_string(cols) + " is not plausible");
  const uint64_t expected = 16 + uint64_t(count) * rows * cols;
  if (size != expected)
    return make_error(name + ": header says " + std::to_string(count) + " images of " + std::to_string(rows) + "x" +
                      std::to_string(cols) + " (" + std::to_string(expected) + " bytes) but the file has " +
                      std::to_string(size) + " bytes (" + (size < expected ? "truncated" : "trailing data") + ")");
  IdxImages images;
  images.count = int(count);
  images.rows = int(rows);
  images.cols = int(cols);
  images.pixels.assign(data + 16, data + size);
  return images;
}

Expected<std::vector<uint8_t>> parse_idx_labels(const uint8_t* data, size_t size, const std::string& name) {
  const uint32_t magic = size >= 4 ? read_be32(data) : 0;
  if (magic == 0x00000803) return make_error(name + ": this is an IDX image file, expected labels (magic 0x00000801)");
  if (size >= 4 && magic != 0x00000801)
    return make_error(name + ": magic " + hex(magic) + ", expected 0x00000801 (IDX, unsigned bytes, 1 dimension)");
  if (size < 8)
    return make_error(name + ": " + std::to_string(size) + " bytes is too short for an IDX label header (8 bytes)");
  const uint32_t count = read_be32(data + 4);
  const uint64_t expected = 8 + uint64_t(count);
  if (size != expected)
    return make_error(name + ": header says " + std::to_string(count) + " labels (" + std::to_string(expected) +
                      " bytes) but the file has " + std::to_string(size) + " bytes (" +
                      (size < expected ? "truncated" : "trailing data") + ")");
  return std::vector<uint8_t>(data + 8, data + size);
}

}  // namespace cnn
