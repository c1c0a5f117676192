// Loaders under random damage: thousands of mutated model files, IDX files and spec texts.
// Each must load or give an error; none may crash, hang or read out of bounds (the native
// build runs these under the same code as the WASM build, which traps on bad accesses).
#include <gtest/gtest.h>

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
TEST(Mutation, ModelFilesLoadOrFailCleanly) {
  Expected<Model> model = Model::build("input 8x8x1; conv 2 3x3 same relu; batchnorm; maxpool 2; flatten; dense 3", 1);
  for (const std::vector<uint8_t>& good : {save_model(*model), *save_model_f16(*model), *save_model_int8(*model)}) {
    Rng rng(1, RngStream::kData);
    int loaded = 0, refused = 0;
    for (int i = 0; i < 3000; ++i) {
      std::vector<uint8_t> bad = mutate(good, rng);
      if (i % 2) reseal(bad);  // half get a valid checksum, so the parser behind it is exercised
      Expected<Model> m = load_model(bad.data(), bad.size(), "m");
      if (m.ok()) {
        ++loaded;
      } else {
        ++refused;
        EXPECT_FALSE(m.error().empty());
      }
    }
    EXPECT_GT(refused, 2500);
    std::printf("mutated model files (version %d): %d loaded, %d refused\n", int(good[8]), loaded, refused);
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
