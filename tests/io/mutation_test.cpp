// Loaders under random damage: thousands of mutated model files, IDX files and spec texts.
// Each must load or give an error; none may crash, hang or read out of bounds (the native
// build runs these under the same code as the WASM build, which traps on bad accesses).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "data/dataset.h"
#include "io/crc32.h"
#include "io/idx.h"
#include "io/model_file.h"
#include "model/spec.h"
#include "util/rng.h"

namespace cnn {
namespace {

// Flips, overwrites, truncates or extends `bytes` at random.
std::vector<uint8_t> mutate(std::vector<uint8_t> bytes, Rng& rng) {
  const int edits = 1 + int(rng.below(4));
  for (int e = 0; e < edits && !bytes.empty(); ++e) {
    const size_t at = rng.below(uint32_t(bytes.size()));
    switch (rng.below(5)) {
      case 0: bytes[at] ^= uint8_t(1u << rng.below(8)); break;
      case 1: bytes[at] = uint8_t(rng.below(256)); break;
      case 2: bytes.resize(at); break;
      case 3: bytes.insert(bytes.begin() + long(at), uint8_t(rng.below(256))); break;
      case 4: bytes[at] = 0xFF; break;
    }
  }
  return bytes;
}

void reseal(std::vector<uint8_t>& bytes) {
  if (bytes.size() < 4) return;
  const uint32_t crc = crc32(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + size_t(i)] = uint8_t(crc >> (8 * i));
}

// Every version: float32 (1), float16 (2), whose values are read two bytes at a time, and
// int8 (3), whose tensors carry their own scale counts.
// A file that loads gives a model that works: it runs forward on an input of the shape it
// declares, and its logits are as many as its classes and finite. The one exception is a
// model holding a huge value: the format takes any finite float, and a beta of 1.7e38 (a
// 0xFF written over an exponent byte) overflows the dense layer's sums to infinity. Every
// value within 1e6 keeps this small network's logits below about 1e23, so a non-finite
// logit there is the loader's fault (a negative running variance made them NaN).
TEST(Mutation, ModelFilesLoadOrFailCleanly) {
  Expected<Model> model = Model::build("input 8x8x1; conv 2 3x3 same relu; batchnorm; maxpool 2; flatten; dense 3", 1);
  ASSERT_TRUE(model.ok()) << model.error();
  Expected<std::vector<uint8_t>> f16 = save_model_f16(*model), int8 = save_model_int8(*model);
  ASSERT_TRUE(f16.ok()) << f16.error();
  ASSERT_TRUE(int8.ok()) << int8.error();
  for (const std::vector<uint8_t>& good : {save_model(*model), *f16, *int8}) {
    ASSERT_GT(good.size(), 12u);
    Expected<Model> unharmed = load_model(good.data(), good.size(), "m");
    ASSERT_TRUE(unharmed.ok()) << "version " << int(good[8]) << " as saved: " << unharmed.error();
    Rng rng(1, RngStream::kData);
    int loaded = 0, refused = 0, overflowed = 0;
    for (int i = 0; i < 3000; ++i) {
      std::vector<uint8_t> bad = mutate(good, rng);
      if (i % 2) reseal(bad);  // half get a valid checksum, so the parser behind it is exercised
      Expected<Model> m = load_model(bad.data(), bad.size(), "m");
      if (m.ok()) {
        ++loaded;
        const Shape3 in = m->input_shape();
        ASSERT_GT(in.size(), 0) << "mutation " << i << ": " << m->spec_text();
        ASSERT_GT(m->classes(), 0) << "mutation " << i << ": " << m->spec_text();
        Tensor x(2, in);
        Rng data(uint64_t(i), RngStream::kData);
        for (int64_t k = 0; k < x.size(); ++k) x[k] = data.uniform();
        const Tensor& logits = m->forward(x, Mode::kInference);
        ASSERT_EQ(logits.size(), 2 * int64_t(m->classes())) << "mutation " << i << ": " << m->spec_text();
        bool finite = true;
        for (int64_t k = 0; k < logits.size(); ++k) finite = finite && std::isfinite(logits[k]);
        if (finite) continue;
        float largest = 0.0f;  // NaN never compares larger: a NaN weight explains nothing
        for (const ParamRef& p : m->params())
          for (int64_t k = 0; k < p.value->size(); ++k) largest = std::max(largest, std::fabs((*p.value)[k]));
        for (Tensor* b : m->buffers())
          for (int64_t k = 0; k < b->size(); ++k) largest = std::max(largest, std::fabs((*b)[k]));
        ASSERT_GT(largest, 1e6f) << "mutation " << i << " (version " << int(good[8]) << ") loaded with every value "
                                 << "within " << largest << ", and gives non-finite logits: " << m->spec_text();
        ++overflowed;
      } else {
        ++refused;
        EXPECT_FALSE(m.error().empty());
      }
    }
    EXPECT_GT(refused, 2500);
    std::printf("mutated model files (version %d): %d loaded (%d of them overflow: a huge weight), %d refused\n",
                int(good[8]), loaded, overflowed, refused);
  }
}

TEST(Mutation, IdxFilesParseOrFailCleanly) {
  std::vector<uint8_t> good = {0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 4};
  for (int i = 0; i < 48; ++i) good.push_back(uint8_t(i));
  Rng rng(2, RngStream::kData);
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bad = mutate(good, rng);
    Expected<IdxImages> r = parse_idx_images(bad.data(), bad.size(), "x");
    if (r.ok()) ASSERT_EQ(size_t(r->count) * r->rows * r->cols + 16, bad.size());
    else ++refused;
  }
  EXPECT_GT(refused, 1000);
}

TEST(Mutation, SpecTextsParseOrFailCleanly) {
  const std::string good = to_text(*parse_spec("alexnet"));
  const std::vector<uint8_t> bytes(good.begin(), good.end());
  Rng rng(3, RngStream::kData);
  int refused = 0;
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bad = mutate(bytes, rng);
    Expected<ModelSpec> spec = parse_spec(std::string(bad.begin(), bad.end()));
    if (!spec.ok()) {
      ++refused;
      EXPECT_EQ(spec.error().rfind("spec", 0), 0u) << spec.error();
      continue;
    }
    // Whatever parses must summarise, and print back to text that parses to the same text.
    EXPECT_TRUE(summarize(*spec).ok());
    Expected<ModelSpec> again = parse_spec(to_text(*spec));
    ASSERT_TRUE(again.ok()) << to_text(*spec) << ": " << again.error();
    EXPECT_EQ(to_text(*again), to_text(*spec));
  }
  EXPECT_GT(refused, 500);
}

}  // namespace
}  // namespace cnn
