// Model files (.bin): the spec text and every tensor, with a checksum.
//
//   offset  size  field
//   0       8     magic "CNNPLAY\0"
//   8       4     format version (kModelFileVersion), little-endian u32
//   12      4     spec length L (bytes), u32, at most 64 KiB
//   16      L     spec text (model/spec.h), UTF-8, no terminator
//   16+L    4     tensor count T, u32: each layer's parameters, then its buffers, in layer order
//           ...   T times: u32 float count F, then F little-endian float32 values
//   end-4   4     CRC-32 of every byte before it
//
// Loading checks the magic, version, checksum, spec and every count against the model the
// spec builds, and rejects NaN or infinite weights. It returns a new model: a caller's
// current model is never touched by a failed load.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/expected.h"

namespace cnn {

constexpr uint32_t kModelFileVersion = 1;

std::vector<uint8_t> save_model(Model& model);
// `name` is used in messages only ("model.bin: checksum mismatch ...").
Expected<Model> load_model(const uint8_t* data, size_t size, const std::string& name);
Expected<Model> load_model_file(const std::string& path);
Status save_model_file(Model& model, const std::string& path);

}  // namespace cnn
