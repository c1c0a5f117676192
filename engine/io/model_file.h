// Model files (.bin): the spec text and every tensor, with a checksum.
//
//   offset  size  field
//   0       8     magic "CNNPLAY\0"
//   8       4     format version V, little-endian u32: 1 (float32 values) or 2 (float16 values)
//   12      4     spec length L (bytes), u32, at most 64 KiB
//   16      L     spec text (model/spec.h), UTF-8, no terminator
//   16+L    4     tensor count T, u32: each layer's parameters, then its buffers, in layer order
//           ...   T times: u32 value count F, then F values, little-endian:
//                   V = 1: float32, 4 bytes each (what save_model writes: a trained model, exact)
//                   V = 2: IEEE binary16, 2 bytes each (save_model_f16: the shipped model, half
//                          the bytes; io/float16.h), widened to float32 on loading
//   end-4   4     CRC-32 of every byte before it
//
// Loading checks the magic, version, checksum, spec and every count against the model the
// spec builds, and rejects NaN or infinite weights. It returns a new model: a caller's
// current model is never touched by a failed load. A loaded model is float32 whatever the
// file held, so saving it again gives a version 1 file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/expected.h"

namespace cnn {

constexpr uint32_t kModelFileVersionF32 = 1;
constexpr uint32_t kModelFileVersionF16 = 2;

std::vector<uint8_t> save_model(Model& model);
// The float16 form (version 2). Each value is rounded to the nearest half; a value outside
// float16's range (|v| >= 65520) is an error naming the tensor, never a stored infinity.
Expected<std::vector<uint8_t>> save_model_f16(Model& model);
// `name` is used in messages only ("model.bin: checksum mismatch ...").
Expected<Model> load_model(const uint8_t* data, size_t size, const std::string& name);
Expected<Model> load_model_file(const std::string& path);
Status save_model_file(Model& model, const std::string& path);
Status save_model_file_f16(Model& model, const std::string& path);

}  // namespace cnn
