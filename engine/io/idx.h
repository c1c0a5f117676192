// IDX files, the format MNIST ships in (big-endian header, then raw bytes):
//   images: magic 0x00000803, count, rows, cols, then count*rows*cols pixels (uint8)
//   labels: magic 0x00000801, count, then count labels (uint8)
// Every field is checked against the bytes actually present before anything is
// allocated; a short, long or foreign file is an error naming the file and the field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/expected.h"

namespace cnn {

struct IdxImages {
  int count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // [count][rows][cols]
};

// `name` is used in messages only ("train-images-idx3-ubyte: ...").
Expected<IdxImages> parse_idx_images(const uint8_t* data, size_t size, const std::string& name);
Expected<std::vector<uint8_t>> parse_idx_labels(const uint8_t* data, size_t size, const std::string& name);

}  // namespace cnn
