// libFuzzer: model files (io/model_file.h) from anywhere are loaded or refused, never crash and
// never allocate past the memory budget. An odd-sized input gets its CRC-32 fixed up first, so
// the fuzzer reaches the parser behind the checksum; a file that loads must save and load back
// to the same spec and bytes, in float32 (version 1) and, when its values fit, float16
// (version 2); and in int8 (version 3), which takes any finite values, to the same spec with
// every weight within half its channel's step and every other tensor exact (the seeds hold
// all three versions).
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "io/crc32.h"
#include "io/int8.h"
#include "io/model_file.h"
#include "model/memory.h"

namespace {

// `back` is `model` through save_model_int8 and load_model. A subnormal scale is itself
// rounded (to a step of FLT_TRUE_MIN), which 127 of them cover.
bool int8_close(cnn::Model& model, cnn::Model& back) {
  std::vector<cnn::ParamRef> a = model.params(), b = back.params();
  for (size_t p = 0; p < a.size(); ++p) {
    const cnn::Tensor &w = *a[p].value, &v = *b[p].value;
    if (std::strcmp(a[p].name, "weight") != 0) {
      if (std::memcmp(w.data(), v.data(), 4 * size_t(w.size())) != 0) return false;
      continue;
    }
    for (int c = 0; c < w.n(); ++c) {
      const float half_step = cnn::int8_scale(w.sample(c), w.sample_size()) / 2 * 1.00001f + 127 * FLT_TRUE_MIN;
      for (int64_t i = 0; i < w.sample_size(); ++i)
        if (!(std::fabs(w.sample(c)[i] - v.sample(c)[i]) <= half_step)) return false;
    }
  }
  std::vector<cnn::Tensor*> x = model.buffers(), y = back.buffers();
  for (size_t t = 0; t < x.size(); ++t)
    if (std::memcmp(x[t]->data(), y[t]->data(), 4 * size_t(x[t]->size())) != 0) return false;
  return true;
}

}  // namespace

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
  const cnn::Expected<std::vector<uint8_t>> int8 = cnn::save_model_int8(*model);
  if (!int8) __builtin_trap();  // a loaded model's values are finite: every one has an int8 form
  cnn::Expected<cnn::Model> int8_back = cnn::load_model(int8->data(), int8->size(), "int8.bin");
  if (!int8_back || int8_back->spec_text() != model->spec_text() || !int8_close(*model, *int8_back)) __builtin_trap();
  const cnn::Expected<std::vector<uint8_t>> half = cnn::save_model_f16(*model);
  if (!half) return 0;  // a value outside float16's range: refused, as it must be
  cnn::Expected<cnn::Model> half_back = cnn::load_model(half->data(), half->size(), "half.bin");
  if (!half_back || half_back->spec_text() != model->spec_text()) __builtin_trap();
  const cnn::Expected<std::vector<uint8_t>> half_again = cnn::save_model_f16(*half_back);
  if (!half_again || *half_again != *half) __builtin_trap();  // halves are a fixed point
  return 0;
}
