// Model files: round trip, and every kind of damage is a clear error that builds nothing.
#include <gtest/gtest.h>

#include <cstring>

#include "io/crc32.h"
#include "io/float16.h"
#include "io/model_file.h"
#include "support/test_util.h"

namespace cnn {
namespace {

std::vector<uint8_t> saved_lenet(uint64_t seed = 3) {
  Expected<Model> model = Model::build("lenet5", seed);
  return save_model(*model);
}

void expect_error(const std::vector<uint8_t>& bytes, const std::string& words) {
  Expected<Model> m = load_model(bytes.data(), bytes.size(), "model.bin");
  ASSERT_FALSE(m.ok()) << "loaded a damaged file; expected: " << words;
  EXPECT_NE(m.error().find(words), std::string::npos) << m.error();
  EXPECT_EQ(m.error().rfind("model.bin: ", 0), 0u) << m.error();
}

// Recomputes the trailing checksum so that damage behind it is what gets tested.
void reseal(std::vector<uint8_t>& bytes) {
  const uint32_t crc = crc32(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + size_t(i)] = uint8_t(crc >> (8 * i));
}

TEST(ModelFile, RoundTripsSpecWeightsAndBatchNormStatistics) {
  Expected<Model> model = Model::build("input 8x8x1; conv 3 3x3 same relu; batchnorm; maxpool 2; flatten; dense 4", 9);
  ASSERT_TRUE(model.ok());
  Rng rng(1, RngStream::kData);
  for (Tensor* t : model->buffers()) test::fill_uniform(*t, rng, 0.5f, 2.0f);
  std::vector<uint8_t> bytes = save_model(*model);
  Expected<Model> loaded = load_model(bytes.data(), bytes.size(), "m");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(loaded->spec_text(), model->spec_text());
  std::vector<ParamRef> a = model->params(), b = loaded->params();
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i)
    EXPECT_EQ(std::memcmp(a[i].value->data(), b[i].value->data(), size_t(a[i].value->size()) * 4), 0);
  for (size_t i = 0; i < model->buffers().size(); ++i)
    EXPECT_EQ(std::memcmp(model->buffers()[i]->data(), loaded->buffers()[i]->data(), 4 * model->buffers()[i]->size()), 0);
  EXPECT_EQ(save_model(*loaded), bytes);
}

TEST(ModelFile, TruncatedAtEveryLengthIsAnError) {
  std::vector<uint8_t> bytes = saved_lenet();
  for (size_t cut : {size_t(0), size_t(7), size_t(20), size_t(100), bytes.size() / 2, bytes.size() - 1}) {
    std::vector<uint8_t> part(bytes.begin(), bytes.begin() + long(cut));
    Expected<Model> m = load_model(part.data(), part.size(), "model.bin");
    EXPECT_FALSE(m.ok()) << "cut at " << cut;
  }
}

TEST(ModelFile, FlippedBitIsAChecksumError) {
  std::vector<uint8_t> bytes = saved_lenet();
  bytes[bytes.size() / 2] ^= 0x10;
  expect_error(bytes, "checksum mismatch");
}

TEST(ModelFile, ForeignFilesAreNamed) {
  std::vector<uint8_t> text(100, 'a');
  expect_error(text, "not a CNN Playground model file");
  std::vector<uint8_t> idx = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3, 4, 5, 6, 7, 8};
  expect_error(idx, "MNIST image file");
}

TEST(ModelFile, NewerVersionSaysSo) {
  std::vector<uint8_t> bytes = saved_lenet();
  bytes[8] = 4;
  reseal(bytes);
  expect_error(bytes, "format version 4, expected 1, 2 or 3");
}

TEST(ModelFile, HostileSpecLengthAndCountsAreRefused) {
  std::vector<uint8_t> bytes = saved_lenet();
  std::vector<uint8_t> huge = bytes;
  huge[12] = 0xFF;
  huge[13] = 0xFF;
  huge[14] = 0xFF;
  huge[15] = 0x7F;
  reseal(huge);
  expect_error(huge, "does not fit in the file");

  // A valid-looking spec that would need far more weights than the file holds.
  std::vector<uint8_t> small;
  const std::string spec = "input 1x1x1; flatten; dense 1000000; dense 10";  // 12 million values
  small.insert(small.end(), bytes.begin(), bytes.begin() + 12);
  for (int i = 0; i < 4; ++i) small.push_back(uint8_t(spec.size() >> (8 * i)));
  small.insert(small.end(), spec.begin(), spec.end());
  small.insert(small.end(), {0, 0, 0, 0, 0, 0, 0, 0});
  reseal(small);
  expect_error(small, "the spec needs");
}

TEST(ModelFile, BadSpecOrMismatchedTensorsAreErrors) {
  Expected<Model> model = Model::build("input 4x4x1; flatten; dense 2", 1);
  std::vector<uint8_t> bytes = save_model(*model);
  // "dense 2" -> "dense 1": the stored tensors no longer fit the spec.
  const std::string spec = model->spec_text();
  bytes[16 + spec.size() - 1] = '1';
  reseal(bytes);
  expect_error(bytes, "values, the spec needs");
  // "dense 2" -> "dense x": the spec itself is bad.
  bytes[16 + spec.size() - 1] = 'x';
  reseal(bytes);
  expect_error(bytes, "its spec does not parse");
}

TEST(ModelFile, NaNWeightsAreRefused) {
  Expected<Model> model = Model::build("input 2x2x1; flatten; dense 2", 1);
  model->params()[0].value->data()[1] = std::nanf("");
  std::vector<uint8_t> bytes = save_model(*model);
  expect_error(bytes, "NaN or infinity");
}

// A variance below zero (a damaged file) would make every inference NaN: refused, in a block
// too, and in every version. Zero is a variance (a channel that never changed).
TEST(ModelFile, NegativeRunningVarianceIsRefused) {
  for (const char* spec : {"input 4x4x1; conv 2 3x3 same; batchnorm; flatten; dense 2",
                           "input 4x4x2; residual(conv 2 3x3 same; batchnorm); flatten; dense 2"}) {
    Expected<Model> model = Model::build(spec, 1);
    ASSERT_TRUE(model.ok()) << model.error();
    ASSERT_EQ(model->buffers().size(), 2u) << spec;
    model->buffers()[1]->data()[0] = 0.0f;
    const std::vector<uint8_t> zero = save_model(*model);
    EXPECT_TRUE(load_model(zero.data(), zero.size(), "m.bin").ok()) << spec;
    model->buffers()[1]->data()[1] = -0.25f;
    expect_error(save_model(*model), "running variance) holds -0.250000, and a variance is never negative");
    expect_error(*save_model_f16(*model), "a variance is never negative");
    expect_error(*save_model_int8(*model), "a variance is never negative");
  }
}

// Version 2 (float16): every value comes back as its nearest half, batch-norm statistics too,
// in two bytes a value; saving the loaded model in float16 again gives the same bytes.
TEST(ModelFile, Float16RoundTripsToTheNearestHalves) {
  Expected<Model> model = Model::build("input 8x8x1; conv 3 3x3 same relu; batchnorm; maxpool 2; flatten; dense 4", 9);
  ASSERT_TRUE(model.ok());
  Rng rng(1, RngStream::kData);
  for (Tensor* t : model->buffers()) test::fill_uniform(*t, rng, 0.5f, 2.0f);
  Expected<std::vector<uint8_t>> bytes = save_model_f16(*model);
  ASSERT_TRUE(bytes.ok()) << bytes.error();
  EXPECT_EQ(bytes->at(8), kModelFileVersionF16);
  const size_t f32_size = save_model(*model).size();
  size_t values = 0;
  for (const ParamRef& p : model->params()) values += size_t(p.value->size());
  for (Tensor* t : model->buffers()) values += size_t(t->size());
  EXPECT_EQ(bytes->size(), f32_size - 2 * values);

  Expected<Model> loaded = load_model(bytes->data(), bytes->size(), "m");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(loaded->spec_text(), model->spec_text());
  std::vector<Tensor*> a, b;
  for (const ParamRef& p : model->params()) a.push_back(p.value);
  for (const ParamRef& p : loaded->params()) b.push_back(p.value);
  for (Tensor* t : model->buffers()) a.push_back(t);
  for (Tensor* t : loaded->buffers()) b.push_back(t);
  ASSERT_EQ(a.size(), b.size());
  int changed = 0;
  for (size_t t = 0; t < a.size(); ++t) {
    for (int64_t i = 0; i < a[t]->size(); ++i) {
      const float want = f16_to_f32(*f32_to_f16((*a[t])[i]));
      ASSERT_EQ((*b[t])[i], want) << "tensor " << t << " value " << i;
      EXPECT_LE(std::fabs(want - (*a[t])[i]), std::fabs((*a[t])[i]) * 0x1p-11f + 0x1p-25f);
      changed += want != (*a[t])[i];
    }
  }
  EXPECT_GT(changed, 0) << "no value was rounded: was this really float16?";
  Expected<std::vector<uint8_t>> again = save_model_f16(*loaded);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *bytes);
  // The loaded model is float32: saved plainly, it is a version 1 file.
  EXPECT_EQ(save_model(*loaded).at(8), kModelFileVersionF32);
}

TEST(ModelFile, Float16RefusesValuesOutsideItsRange) {
  Expected<Model> model = Model::build("input 2x2x1; flatten; dense 2", 1);
  model->params()[0].value->data()[3] = -70000.0f;
  Expected<std::vector<uint8_t>> bytes = save_model_f16(*model);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error(), "tensor 0 value 3 is -70000, outside float16's range (|v| < 65520): keep this model in float32");
  model->params()[0].value->data()[3] = 65504.0f;  // the largest half is fine
  EXPECT_TRUE(save_model_f16(*model).ok());
  Status file = save_model_file_f16(*model, "/nonexistent/model.bin");
  EXPECT_FALSE(file.ok());
}

TEST(ModelFile, Float16DamageIsAnError) {
  Expected<Model> model = Model::build("lenet5", 3);
  const std::vector<uint8_t> bytes = *save_model_f16(*model);
  for (size_t cut : {size_t(20), size_t(100), bytes.size() / 2, bytes.size() - 1}) {
    std::vector<uint8_t> part(bytes.begin(), bytes.begin() + long(cut));
    reseal(part);
    EXPECT_FALSE(load_model(part.data(), part.size(), "model.bin").ok()) << "cut at " << cut;
  }
  // A half infinity where the last value was (the checksum made right).
  std::vector<uint8_t> inf = bytes;
  inf[inf.size() - 6] = 0x00;
  inf[inf.size() - 5] = 0x7c;
  reseal(inf);
  expect_error(inf, "NaN or infinity");
  // A float32 file that says version 2: read as halves, its first tensor's bytes hold
  // infinities and NaNs (and past them the counts no longer line up): refused either way.
  std::vector<uint8_t> relabelled = save_model(*model);
  relabelled[8] = 2;
  reseal(relabelled);
  expect_error(relabelled, "model.bin: tensor ");
}

TEST(ModelFile, MissingFileNamesThePath) {
  Expected<Model> m = load_model_file("/nonexistent/model.bin");
  ASSERT_FALSE(m.ok());
  EXPECT_NE(m.error().find("/nonexistent/model.bin: cannot open"), std::string::npos) << m.error();
}

}  // namespace
}  // namespace cnn
