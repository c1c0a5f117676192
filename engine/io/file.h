// Whole-file reading and writing with errors as values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/expected.h"

namespace cnn {

// The largest file read: a model at the engine's 64-million-parameter cap is 256 MB, MNIST's
// biggest file 47 MB. Anything larger (or endless, /dev/zero) is refused, never read to the end.
constexpr int64_t kMaxReadBytes = int64_t(512) << 20;

// "mnist/train-images-idx3-ubyte: cannot open (No such file or directory)"; a folder, a device
// (/dev/zero) or a file of more than kMaxReadBytes is an error that says so.
Expected<std::vector<uint8_t>> read_file(const std::string& path);
// Written beside the target, flushed to the disk (fsync), then renamed over it: an interrupted
// or failed save never leaves half a file, and a crash after it never loses the file.
Status write_file(const std::string& path, const std::vector<uint8_t>& bytes);
// Whether `path` can be written, without touching it (a test file beside it is made and
// removed): checked before a long training run, whose weights would otherwise be lost to a
// missing folder at the end.
Status check_writable(const std::string& path);

}  // namespace cnn
