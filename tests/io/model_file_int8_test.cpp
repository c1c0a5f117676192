// Model file version 3 (io/model_file.h): weights as int8 with one float32 scale per output
// channel, the other tensors float32. Known tensors give known bytes; damage is refused.
#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstring>

#include "io/crc32.h"
#include "io/int8.h"
#include "io/model_file.h"
#include "support/test_util.h"

namespace cnn {
namespace {

uint32_t u32_at(const std::vector<uint8_t>& b, size_t at) {
  return uint32_t(b[at]) | (uint32_t(b[at + 1]) << 8) | (uint32_t(b[at + 2]) << 16) | (uint32_t(b[at + 3]) << 24);
}

float f32_at(const std::vector<uint8_t>& b, size_t at) {
  const uint32_t bits = u32_at(b, at);
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}

void put_f32_at(std::vector<uint8_t>& b, size_t at, float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  for (int i = 0; i < 4; ++i) b[at + size_t(i)] = uint8_t(bits >> (8 * i));
}

// Where the first tensor's value count is: after magic, version, spec and tensor count.
size_t first_tensor(const std::vector<uint8_t>& b) { return 16 + u32_at(b, 12) + 4; }

void reseal(std::vector<uint8_t>& bytes) {
  const uint32_t crc = crc32(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i) bytes[bytes.size() - 4 + size_t(i)] = uint8_t(crc >> (8 * i));
}

void expect_error(const std::vector<uint8_t>& bytes, const std::string& words) {
  Expected<Model> m = load_model(bytes.data(), bytes.size(), "model.bin");
  ASSERT_FALSE(m.ok()) << "loaded a damaged file; expected: " << words;
  EXPECT_NE(m.error().find(words), std::string::npos) << m.error();
  EXPECT_EQ(m.error().rfind("model.bin: ", 0), 0u) << m.error();
}

// A dense layer 5 -> 3: weight [3][5] (three channels of 5), bias [3].
Model small_dense() {
  Expected<Model> model = Model::build("input 1x5x1; flatten; dense 3", 1);
  EXPECT_TRUE(model.ok()) << model.error();
  const float w[15] = {63.5f, -31.75f, 0.5f,  0.25f, -0.75f,  // max 63.5: scale exactly 0.5
                       0.0f,  0.0f,    0.0f,  0.0f,  0.0f,    // a channel of zeros: scale 0
                       -12.7f, 1.0f,   0.26f, 12.7f, 0.0f};   // scale 12.7 / 127, about 0.1
  const float b[3] = {1.5f, -2.25f, 1e-3f};
  Tensor& weight = *model->params()[0].value;
  Tensor& bias = *model->params()[1].value;
  EXPECT_EQ(weight.n(), 3);
  std::memcpy(weight.data(), w, sizeof w);
  std::memcpy(bias.data(), b, sizeof b);
  return std::move(*model);
}

TEST(ModelFileInt8, KnownTensorsGiveKnownScalesAndValues) {
  Model model = small_dense();
  Expected<std::vector<uint8_t>> bytes = save_model_int8(model);
  ASSERT_TRUE(bytes.ok()) << bytes.error();
  const std::vector<uint8_t>& b = *bytes;
  EXPECT_EQ(b.at(8), kModelFileVersionInt8);
  size_t at = first_tensor(b);
  EXPECT_EQ(u32_at(b, at - 4), 2u);  // weight, bias
  // The weight: 15 values in 3 channels (rows of [OUT][IN]).
  EXPECT_EQ(u32_at(b, at), 15u);
  EXPECT_EQ(u32_at(b, at + 4), 3u);
  const float scale2 = 12.7f / 127.0f;
  EXPECT_EQ(f32_at(b, at + 8), 0.5f);
  EXPECT_EQ(f32_at(b, at + 12), 0.0f);
  EXPECT_EQ(f32_at(b, at + 16), scale2);
  // Ties (-63.5, 0.5, -1.5 steps) round away from zero.
  const int8_t want_q[15] = {127, -64, 1, 1, -2, 0, 0, 0, 0, 0, -127, 10, 3, 127, 0};
  for (int i = 0; i < 15; ++i) EXPECT_EQ(int8_t(b[at + 20 + size_t(i)]), want_q[i]) << "value " << i;
  at += 20 + 15;
  // The bias: 3 float32 values, no scale.
  EXPECT_EQ(u32_at(b, at), 3u);
  EXPECT_EQ(u32_at(b, at + 4), 0u);
  EXPECT_EQ(f32_at(b, at + 8), 1.5f);
  EXPECT_EQ(f32_at(b, at + 12), -2.25f);
  EXPECT_EQ(f32_at(b, at + 16), 1e-3f);
  EXPECT_EQ(at + 20 + 4, b.size());  // then only the checksum

  Expected<Model> loaded = load_model(b.data(), b.size(), "m");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(loaded->spec_text(), model.spec_text());
  const float scales[3] = {0.5f, 0.0f, scale2};
  const Tensor& w = *loaded->params()[0].value;
  const Tensor& orig = *model.params()[0].value;
  for (int i = 0; i < 15; ++i) {
    EXPECT_EQ(w[i], float(want_q[i]) * scales[i / 5]) << "value " << i;
    EXPECT_LE(std::fabs(w[i] - orig[i]), scales[i / 5] / 2 * 1.0001f) << "value " << i;
  }
  const Tensor& bias = *loaded->params()[1].value;
  EXPECT_EQ(bias[0], 1.5f);
  EXPECT_EQ(bias[1], -2.25f);
  EXPECT_EQ(bias[2], 1e-3f);
  EXPECT_EQ(save_model(*loaded).at(8), kModelFileVersionF32);  // loaded, it is float32
}

// Conv weight [OC][IC][KH][KW]: one scale per filter (IC * KH * KW values), batch-norm
// parameters and buffers float32 and exact.
TEST(ModelFileInt8, ConvFiltersEachGetTheirScale) {
  Expected<Model> model = Model::build("input 4x4x2; conv 3 3x3 same relu; batchnorm; flatten; dense 2", 5);
  ASSERT_TRUE(model.ok()) << model.error();
  Rng rng(2, RngStream::kData);
  for (Tensor* t : model->buffers()) test::fill_uniform(*t, rng, 0.5f, 2.0f);
  Tensor& conv = *model->params()[0].value;
  ASSERT_EQ(conv.n(), 3);
  ASSERT_EQ(conv.sample_size(), 18);
  for (int oc = 0; oc < 3; ++oc) conv.sample(oc)[17] = 2.54f * float(oc + 1);  // each filter's max, last
  Expected<std::vector<uint8_t>> bytes = save_model_int8(*model);
  ASSERT_TRUE(bytes.ok()) << bytes.error();
  const size_t at = first_tensor(*bytes);
  EXPECT_EQ(u32_at(*bytes, at), 54u);
  EXPECT_EQ(u32_at(*bytes, at + 4), 3u);
  for (int oc = 0; oc < 3; ++oc) {
    EXPECT_EQ(f32_at(*bytes, at + 8 + 4 * size_t(oc)), 2.54f * float(oc + 1) / 127.0f) << "filter " << oc;
    EXPECT_EQ(int8_t((*bytes)[at + 20 + 18 * size_t(oc) + 17]), 127) << "filter " << oc;
  }
  Expected<Model> loaded = load_model(bytes->data(), bytes->size(), "m");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  std::vector<ParamRef> a = model->params(), b = loaded->params();
  for (size_t p = 1; p < a.size(); ++p) {
    if (std::strcmp(a[p].name, "weight") == 0) continue;
    EXPECT_EQ(std::memcmp(a[p].value->data(), b[p].value->data(), 4 * size_t(a[p].value->size())), 0) << a[p].name;
  }
  for (size_t i = 0; i < model->buffers().size(); ++i)
    EXPECT_EQ(std::memcmp(model->buffers()[i]->data(), loaded->buffers()[i]->data(), 4 * model->buffers()[i]->size()), 0);
}

// LeNet-5: about a quarter of the float32 bytes, every weight within half its channel's step.
TEST(ModelFileInt8, LeNetRoundTripsWithinHalfAStep) {
  Expected<Model> model = Model::build("lenet5", 3);
  ASSERT_TRUE(model.ok());
  Expected<std::vector<uint8_t>> bytes = save_model_int8(*model);
  ASSERT_TRUE(bytes.ok()) << bytes.error();
  const size_t f32_size = save_model(*model).size();
  EXPECT_LT(bytes->size(), f32_size * 27 / 100);
  Expected<Model> loaded = load_model(bytes->data(), bytes->size(), "m");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  std::vector<ParamRef> a = model->params(), b = loaded->params();
  int changed = 0;
  for (size_t p = 0; p < a.size(); ++p) {
    const Tensor& w = *a[p].value;
    const bool weight = std::strcmp(a[p].name, "weight") == 0;
    for (int c = 0; c < w.n(); ++c) {
      const float step = int8_scale(w.sample(c), w.sample_size());
      for (int64_t i = 0; i < w.sample_size(); ++i) {
        const float was = w.sample(c)[i], now = b[p].value->sample(c)[i];
        if (!weight) {
          ASSERT_EQ(now, was) << "tensor " << p;
        }
        EXPECT_LE(std::fabs(now - was), step / 2 * 1.0001f) << "tensor " << p << " channel " << c;
        changed += now != was;
      }
    }
  }
  EXPECT_GT(changed, 1000) << "hardly a value was rounded: was this really int8?";
}

TEST(ModelFileInt8, SavingRefusesNaNAndHugeValuesStayFinite) {
  Model model = small_dense();
  model.params()[0].value->data()[7] = NAN;
  Expected<std::vector<uint8_t>> bytes = save_model_int8(model);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error(), "tensor 0 value 7 is NaN or infinity: a diverged model has no int8 form");
  EXPECT_FALSE(save_model_file_int8(model, "/nonexistent/model.bin").ok());
  // FLT_MAX / 127 * 127 rounds past FLT_MAX: the scale steps down so the file still loads.
  model.params()[0].value->data()[7] = -FLT_MAX;
  bytes = save_model_int8(model);
  ASSERT_TRUE(bytes.ok()) << bytes.error();
  Expected<Model> loaded = load_model(bytes->data(), bytes->size(), "m");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_LE(std::fabs((*loaded->params()[0].value)[7] + FLT_MAX), FLT_MAX / 254);
}

TEST(ModelFileInt8, TruncatedOrDamagedIsRefused) {
  Expected<Model> lenet = Model::build("lenet5", 3);
  const std::vector<uint8_t> whole = *save_model_int8(*lenet);
  for (size_t cut : {size_t(20), size_t(100), whole.size() / 2, whole.size() - 5, whole.size() - 1}) {
    std::vector<uint8_t> part(whole.begin(), whole.begin() + long(cut));
    reseal(part);
    EXPECT_FALSE(load_model(part.data(), part.size(), "model.bin").ok()) << "cut at " << cut;
  }
  std::vector<uint8_t> cut(whole.begin(), whole.end() - 10);
  reseal(cut);
  expect_error(cut, "runs past the end of the file");

  Model dense = small_dense();
  const std::vector<uint8_t> good = *save_model_int8(dense);
  const size_t at = first_tensor(good);  // weight: F at, S at + 4, scales at + 8, q at + 20
  auto damaged = [&](auto change) {
    std::vector<uint8_t> b = good;
    change(b);
    reseal(b);
    return b;
  };
  expect_error(damaged([&](std::vector<uint8_t>& b) { put_f32_at(b, at + 8, -0.5f); }),
               "tensor 0 scale 0 is negative or not finite");
  expect_error(damaged([&](std::vector<uint8_t>& b) { put_f32_at(b, at + 16, NAN); }),
               "tensor 0 scale 2 is negative or not finite");
  expect_error(damaged([&](std::vector<uint8_t>& b) { put_f32_at(b, at + 12, INFINITY); }),
               "tensor 0 scale 1 is negative or not finite");
  expect_error(damaged([&](std::vector<uint8_t>& b) { b[at + 21] = 0x80; }), "tensor 0 holds -128");
  expect_error(damaged([&](std::vector<uint8_t>& b) { b[at + 4] = 2; }), "tensor 0 has 2 scales for 15 values");
  expect_error(damaged([&](std::vector<uint8_t>& b) { b[at + 4] = 16; }), "tensor 0 has 16 scales for 15 values");
  // A finite scale whose q * scale is not: FLT_MAX times 127.
  expect_error(damaged([&](std::vector<uint8_t>& b) { put_f32_at(b, at + 8, FLT_MAX); }), "tensor 0 holds NaN or infinity");
  expect_error(damaged([&](std::vector<uint8_t>& b) { b[at] = 14; }), "tensor 0 has 14 values, the spec needs 15");
  // One scale for the whole tensor is a valid file too (S = 1 divides any F): the 15 bytes of
  // q are then read after one scale, so the count of bytes no longer lines up.
  expect_error(damaged([&](std::vector<uint8_t>& b) { b[at + 4] = 1; }), "model.bin: ");
  // A float32 file relabelled version 3: its first float is read as a scale count.
  std::vector<uint8_t> relabelled = save_model(*lenet);
  relabelled[8] = 3;
  reseal(relabelled);
  expect_error(relabelled, "model.bin: tensor 0 ");
}

}  // namespace
}  // namespace cnn
