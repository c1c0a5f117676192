// Model files (.bin): the spec text and every tensor, with a checksum.
//
//   offset  size  field
//   0       8     magic "CNNPLAY\0"
//   8       4     format version V, little-endian u32: 1 (float32 values), 2 (float16 values)
//                 or 3 (int8 weights, float32 for the rest)
//   12      4     spec length L (bytes), u32, at most 64 KiB
//   16      L     spec text (model/spec.h), UTF-8, no terminator
//   16+L    4     tensor count T, u32: each layer's parameters, then its buffers, in layer order
//           ...   V = 1 and 2: T times: u32 value count F, then F values, little-endian:
//                   V = 1: float32, 4 bytes each (what save_model writes: a trained model, exact)
//                   V = 2: IEEE binary16, 2 bytes each (save_model_f16: half the bytes;
//                          io/float16.h), widened to float32 on loading
//                 V = 3 (save_model_int8: the shipped model, a quarter of the bytes):
//                   T times: u32 value count F, u32 scale count S, then
//                   S = 0: F float32 values (save_model_int8 writes biases, batch-norm
//                          gammas, betas and running statistics so: few values, kept exact)
//                   S > 0: S float32 scales, then F int8 values (two's complement, one byte
//                          each, -128 refused), in S channels of F / S consecutive values;
//                          value = q * scale of its channel (io/int8.h). save_model_int8
//                          writes every layer's "weight" so, one scale per output channel:
//                          conv [OC][IC][KH][KW] and depthwise [C][1][KH][KW] give S = OC or
//                          C, dense [OUT][IN] gives S = OUT. A reader takes any S that divides
//                          F (S = 1: one scale for the tensor); a negative or non-finite scale
//                          is refused.
//   end-4   4     CRC-32 of every byte before it
//
// Loading checks the magic, version, checksum, spec and every count against the model the
// spec builds, and rejects NaN or infinite weights (in version 3, a q * scale too). It
// returns a new model: a caller's current model is never touched by a failed load. A loaded
// model is float32 whatever the file held, so saving it again gives a version 1 file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/model.h"
#include "util/expected.h"

namespace cnn {

constexpr uint32_t kModelFileVersionF32 = 1;
constexpr uint32_t kModelFileVersionF16 = 2;
constexpr uint32_t kModelFileVersionInt8 = 3;

std::vector<uint8_t> save_model(Model& model);
// The float16 form (version 2). Each value is rounded to the nearest half; a value outside
// float16's range (|v| >= 65520) is an error naming the tensor, never a stored infinity.
Expected<std::vector<uint8_t>> save_model_f16(Model& model);
// The int8 form (version 3): weights quantized per output channel, the rest float32, about a
// quarter of the bytes. A NaN or infinite value is an error naming the tensor.
Expected<std::vector<uint8_t>> save_model_int8(Model& model);
// `name` is used in messages only ("model.bin: checksum mismatch ...").
Expected<Model> load_model(const uint8_t* data, size_t size, const std::string& name);
Expected<Model> load_model_file(const std::string& path);
Status save_model_file(Model& model, const std::string& path);
Status save_model_file_f16(Model& model, const std::string& path);
Status save_model_file_int8(Model& model, const std::string& path);

}  // namespace cnn
