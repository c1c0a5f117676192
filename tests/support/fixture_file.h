// Reference fixtures: tensors written by tests/fixtures/make_fixtures.py (PyTorch), and the
// checks that compare engine output against them (tests/reference/*_torch_test.cpp).
//
// File format (.fix), integers u32 little-endian:
//   magic "CNNPFIX\0" (8 bytes), version u32 = 1, count u32, then count times:
//     name_len u32, name bytes (ASCII, no terminator), ndim u32, ndim x u32 dims,
//     product(dims) x float32 little-endian, row-major (NCHW for images).
// Everything is float32, labels included. ndim 0 is a scalar (one value).
//
//   Expected<Fixture> f = test::load_fixture("conv2d_k1.fix");   // from CNN_FIXTURE_DIR
//   ASSERT_TRUE(f.ok()) << f.error();
//   const test::FixtureTensor& y = test::fixture_tensor(*f, "y");  // fails the test if missing
//   test::FixtureCheck check("conv2d_k1");
//   check.expect("y", y, out.data(), out.size(), 1e-5);            // prints first mismatches
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "layers/layer.h"
#include "tensor/tensor.h"
#include "util/expected.h"

namespace cnn::test {

constexpr uint32_t kFixtureVersion = 1;

struct FixtureTensor {
  std::string name;
  std::vector<uint32_t> dims;
  std::vector<float> data;  // product(dims) values
  int64_t size() const { return int64_t(data.size()); }
  std::string dims_text() const;  // "[2][3][7][6]"
};

struct Fixture {
  std::string label;  // the file name, for messages
  std::vector<FixtureTensor> tensors;
  const FixtureTensor* find(const std::string& name) const;  // null when absent
  bool has(const std::string& name) const { return find(name) != nullptr; }
};

// Parses a whole file's bytes. Errors name the file, the tensor and the field:
//   "conv2d_k1.fix: tensor 3 ('y'): 480 data bytes needed, 112 left (file truncated?)".
Expected<Fixture> parse_fixture(const uint8_t* data, size_t size, const std::string& label);
// Reads CNN_FIXTURE_DIR/file_name; a missing file says how to regenerate it.
Expected<Fixture> load_fixture(const std::string& file_name);

// Test names from fixture files: "conv2d_stride1_pad1.fix" -> "conv2d_stride1_pad1", so that
// ctest lists Cases/Conv2DTorch.EveryKernelMatchesPyTorch/conv2d_stride1_pad1.
struct FixtureName {
  template <typename Info>
  std::string operator()(const Info& info) const {
    std::string name = info.param.file;
    return name.substr(0, name.rfind('.'));
  }
};

// The tensor called `name`. If the fixture has none, fails the current test with a message
// listing the names it does have, and returns an empty tensor (size 0), which every check
// below then rejects as a size mismatch.
const FixtureTensor& fixture_tensor(const Fixture& fixture, const std::string& name);

// Copies a fixture tensor into engine memory; fails the test (returns false) unless the
// element counts match.
bool copy_fixture(const FixtureTensor& from, float* to, int64_t count, const std::string& what);
bool copy_fixture(const FixtureTensor& from, Tensor& to, const std::string& what);

// Collects comparisons for one test: each expect() compares with compare() from
// test_util.h (|a - b| / max(1, |a|, |b|)), fails the test above `tolerance` printing the
// first mismatches (index, expected, got), and keeps the worst error; the destructor
// prints one summary line, "[ torch ] conv2d_k1: worst 2.4e-07 (dx, f32_conv2d__scalar)".
class FixtureCheck {
 public:
  explicit FixtureCheck(std::string label) : label_(std::move(label)) {}
  ~FixtureCheck();
  FixtureCheck(const FixtureCheck&) = delete;
  FixtureCheck& operator=(const FixtureCheck&) = delete;

  double expect(const std::string& what, const FixtureTensor& expected, const float* got, int64_t count,
                double tolerance);
  double expect(const std::string& what, const FixtureTensor& expected, const Tensor& got, double tolerance) {
    return expect(what, expected, got.data(), got.size(), tolerance);
  }
  // Only the flat positions listed in `index` (float32 integers) of `got`, against `expected`
  // which holds one value per position.
  double expect_at(const std::string& what, const FixtureTensor& expected, const FixtureTensor& index,
                   const float* got, int64_t count, double tolerance);
  double worst() const { return worst_; }

 private:
  std::string label_, worst_what_;
  double worst_ = 0.0;
};

// Tolerances of the reference tests: float32 against float32, different summation orders.
constexpr double kForwardTolerance = 1e-5;
constexpr double kGradientTolerance = 1e-4;

// One layer against a fixture holding x, y, dy, dx and, for each of layer.params(), the
// value under the ParamRef's name and its gradient under "d" + name. Loads x and the
// params, runs forward(mode) and backward, and checks y, dx and every gradient.
// `prefix` selects another set of outputs in the same file ("infer." reads infer.y ...).
void check_layer_against_fixture(Layer& layer, const Fixture& fixture, Mode mode, FixtureCheck& check,
                                 const std::string& variant = "", const std::string& prefix = "");

}  // namespace cnn::test
