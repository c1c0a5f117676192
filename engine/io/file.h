// Whole-file reading and writing with errors as values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/expected.h"

namespace cnn {

// "mnist/train-images-idx3-ubyte: cannot open (No such file or directory)".
Expected<std::vector<uint8_t>> read_file(const std::string& path);
Status write_file(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace cnn
