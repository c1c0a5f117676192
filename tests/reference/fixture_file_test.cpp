// The fixture reader (tests/support/fixture_file.h): a good file parses, and each kind of
// bad one gives an error naming the field instead of reading past the end.
#include <gtest/gtest.h>
#include <gtest/gtest-spi.h>

#include <cstring>
#include <string>
#include <vector>

#include "support/fixture_file.h"

namespace cnn {
namespace {

void put_u32(std::vector<uint8_t>& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(uint8_t(v >> (8 * i)));
}

void put_tensor(std::vector<uint8_t>& b, const std::string& name, const std::vector<uint32_t>& dims,
                const std::vector<float>& values) {
  put_u32(b, uint32_t(name.size()));
  b.insert(b.end(), name.begin(), name.end());
  put_u32(b, uint32_t(dims.size()));
  for (uint32_t d : dims) put_u32(b, d);
  for (float v : values) {
    uint32_t bits;
    std::memcpy(&bits, &v, 4);
    put_u32(b, bits);
  }
}

std::vector<uint8_t> header(uint32_t version, uint32_t count) {
  std::vector<uint8_t> b = {'C', 'N', 'N', 'P', 'F', 'I', 'X', '\0'};
  put_u32(b, version);
  put_u32(b, count);
  return b;
}

std::vector<uint8_t> good_file() {
  std::vector<uint8_t> b = header(1, 2);
  put_tensor(b, "w", {2, 3}, {1, 2, 3, 4, 5, -6.5f});
  put_tensor(b, "loss", {}, {0.25f});
  return b;
}

std::string parse_error(const std::vector<uint8_t>& b) {
  Expected<test::Fixture> f = test::parse_fixture(b.data(), b.size(), "t.fix");
  return f.ok() ? "(parsed)" : f.error();
}

TEST(TorchFixtureFile, ParsesNamesDimsAndValues) {
  std::vector<uint8_t> b = good_file();
  Expected<test::Fixture> f = test::parse_fixture(b.data(), b.size(), "t.fix");
  ASSERT_TRUE(f.ok()) << f.error();
  ASSERT_EQ(f->tensors.size(), 2u);
  const test::FixtureTensor& w = test::fixture_tensor(*f, "w");
  EXPECT_EQ(w.dims, (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(w.data, (std::vector<float>{1, 2, 3, 4, 5, -6.5f}));
  EXPECT_EQ(w.dims_text(), "[2][3]");
  EXPECT_EQ(test::fixture_tensor(*f, "loss").data, std::vector<float>{0.25f});
}

TEST(TorchFixtureFile, RejectsBadHeaders) {
  std::vector<uint8_t> b = good_file();
  b[0] = 'X';
  EXPECT_NE(parse_error(b).find("not a fixture file"), std::string::npos);
  EXPECT_NE(parse_error({'C', 'N'}).find("not a fixture file"), std::string::npos);
  b = good_file();
  b[8] = 2;
  EXPECT_NE(parse_error(b).find("version 2, expected 1"), std::string::npos) << parse_error(b);
  b = header(1, 1000000);
  EXPECT_NE(parse_error(b).find("1000000 tensors cannot fit"), std::string::npos) << parse_error(b);
}

TEST(TorchFixtureFile, RejectsTruncatedAndOversizedTensors) {
  std::vector<uint8_t> b = good_file();
  b.resize(b.size() - 1);
  EXPECT_NE(parse_error(b).find("tensor 1 ('loss')"), std::string::npos) << parse_error(b);
  b = header(1, 1);
  put_tensor(b, "big", {65536, 65536, 65536}, {});  // product overflows 32 bits: no allocation
  EXPECT_NE(parse_error(b).find("tensor 0 ('big'): dims"), std::string::npos) << parse_error(b);
  b = header(1, 1);
  put_u32(b, 1000);  // name longer than the file
  put_u32(b, 0);
  EXPECT_NE(parse_error(b).find("name of 1000 bytes"), std::string::npos) << parse_error(b);
  b = good_file();
  b.push_back(0);
  EXPECT_NE(parse_error(b).find("1 bytes after the last tensor"), std::string::npos) << parse_error(b);
  b = header(1, 2);
  put_tensor(b, "w", {1}, {1});
  put_tensor(b, "w", {1}, {2});
  EXPECT_NE(parse_error(b).find("appears twice"), std::string::npos) << parse_error(b);
}

TEST(TorchFixtureFile, MissingTensorFailsTheTestWithTheNamesItHas) {
  std::vector<uint8_t> b = good_file();
  Expected<test::Fixture> f = test::parse_fixture(b.data(), b.size(), "t.fix");
  ASSERT_TRUE(f.ok());
  EXPECT_NONFATAL_FAILURE(EXPECT_EQ(test::fixture_tensor(*f, "dx").size(), 0), "t.fix has no tensor 'dx' (it has: w, loss)");
}

TEST(TorchFixtureFile, MissingFileSaysHowToRegenerate) {
  Expected<test::Fixture> f = test::load_fixture("no_such_case.fix");
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.error().find("make_fixtures.py"), std::string::npos) << f.error();
}

}  // namespace
}  // namespace cnn
