// libFuzzer: model files (io/model_file.h) from anywhere are loaded or refused, never crash and
// never allocate past the memory budget. An odd-sized input gets its CRC-32 fixed up first, so
// the fuzzer reaches the parser behind the checksum; a file that loads must save and load back
// to the same spec and bytes, in float32 (version 1) and, when its values fit, float16
// (version 2; the seeds hold both versions).
#include <cstdint>
#include <vector>

#include "io/crc32.h"
#include "io/model_file.h"
#include "model/memory.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cnn::set_memory_budget(256 * 1000 * 1000);  // under libFuzzer's -malloc_limit_mb=2048
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> file(data, data + size);
  if (size >= 4 && (size & 1)) {
    const uint32_t crc = cnn::crc32(file.data(), size - 4);
    for (int i = 0; i < 4; ++i) file[size - 4 + size_t(i)] = uint8_t(crc >> (8 * i));
  }
  cnn::Expected<cnn::Model> model = cnn::load_model(file.data(), file.size(), "fuzz.bin");
  if (!model) return 0;
  const std::vector<uint8_t> saved = cnn::save_model(*model);
  cnn::Expected<cnn::Model> back = cnn::load_model(saved.data(), saved.size(), "saved.bin");
  if (!back || back->spec_text() != model->spec_text() || cnn::save_model(*back) != saved) __builtin_trap();
  const cnn::Expected<std::vector<uint8_t>> half = cnn::save_model_f16(*model);
  if (!half) return 0;  // a value outside float16's range: refused, as it must be
  cnn::Expected<cnn::Model> half_back = cnn::load_model(half->data(), half->size(), "half.bin");
  if (!half_back || half_back->spec_text() != model->spec_text()) __builtin_trap();
  const cnn::Expected<std::vector<uint8_t>> half_again = cnn::save_model_f16(*half_back);
  if (!half_again || *half_again != *half) __builtin_trap();  // halves are a fixed point
  return 0;
}
