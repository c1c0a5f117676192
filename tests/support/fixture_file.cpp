#include "support/fixture_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <utility>

#include "io/file.h"
#include "support/test_util.h"

namespace cnn::test {
namespace {

constexpr char kMagic[8] = {'C', 'N', 'N', 'P', 'F', 'I', 'X', '\0'};
constexpr uint32_t kMaxDims = 8;
constexpr const char* kRegenerate = "(regenerate: /usr/bin/python3 tests/fixtures/make_fixtures.py)";

// Bounds-checked little-endian cursor over the file's bytes.
struct Reader {
  const uint8_t* p;
  size_t left;
  bool u32(uint32_t* v) {
    if (left < 4) return false;
    *v = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    p += 4;
    left -= 4;
    return true;
  }
};

std::string tensor_label(const std::string& file, uint32_t i, const std::string& name) {
  std::string s = file + ": tensor " + std::to_string(i);
  if (!name.empty()) s += " ('" + name + "')";
  return s;
}

}  // namespace

std::string FixtureTensor::dims_text() const {
  std::string s;
  for (uint32_t d : dims) s += "[" + std::to_string(d) + "]";
  return s.empty() ? "scalar" : s;
}

const FixtureTensor* Fixture::find(const std::string& name) const {
  for (const FixtureTensor& t : tensors)
    if (t.name == name) return &t;
  return nullptr;
}

Expected<Fixture> parse_fixture(const uint8_t* data, size_t size, const std::string& label) {
  Fixture f;
  f.label = label;
  if (size < sizeof kMagic || std::memcmp(data, kMagic, sizeof kMagic) != 0)
    return make_error(label + ": not a fixture file (magic is not \"CNNPFIX\\0\")");
  Reader r{data + sizeof kMagic, size - sizeof kMagic};
  uint32_t version = 0, count = 0;
  if (!r.u32(&version) || !r.u32(&count)) return make_error(label + ": header truncated");
  if (version != kFixtureVersion)
    return make_error(label + ": version " + std::to_string(version) + ", expected " +
                      std::to_string(kFixtureVersion) + " " + kRegenerate);
  if (count > r.left / 8)  // each tensor needs at least name_len and ndim
    return make_error(label + ": " + std::to_string(count) + " tensors cannot fit in the " +
                      std::to_string(r.left) + " bytes left");
  for (uint32_t i = 0; i < count; ++i) {
    FixtureTensor t;
    uint32_t name_len = 0, ndim = 0;
    if (!r.u32(&name_len)) return make_error(tensor_label(label, i, "") + ": name length truncated");
    if (name_len > r.left)
      return make_error(tensor_label(label, i, "") + ": name of " + std::to_string(name_len) + " bytes, " +
                        std::to_string(r.left) + " left");
    t.name.assign(reinterpret_cast<const char*>(r.p), name_len);
    r.p += name_len;
    r.left -= name_len;
    const std::string where = tensor_label(label, i, t.name);
    if (f.find(t.name)) return make_error(where + ": name appears twice");
    if (!r.u32(&ndim)) return make_error(where + ": ndim truncated");
    if (ndim > kMaxDims) return make_error(where + ": ndim " + std::to_string(ndim) + " > " + std::to_string(kMaxDims));
    uint64_t elements = 1;
    for (uint32_t d = 0; d < ndim; ++d) {
      uint32_t dim = 0;
      if (!r.u32(&dim)) return make_error(where + ": dims truncated");
      t.dims.push_back(dim);
      elements *= dim;
      if (elements > r.left / 4)  // also stops overflow: elements stays below size
        return make_error(where + ": dims " + t.dims_text() + " need more data than the " +
                          std::to_string(r.left) + " bytes left (file truncated?)");
    }
    if (elements * 4 > r.left)
      return make_error(where + ": " + std::to_string(elements * 4) + " data bytes needed, " +
                        std::to_string(r.left) + " left (file truncated?)");
    t.data.resize(size_t(elements));
    for (uint64_t e = 0; e < elements; ++e) {
      uint32_t bits = 0;
      r.u32(&bits);
      std::memcpy(&t.data[size_t(e)], &bits, 4);
    }
    f.tensors.push_back(std::move(t));
  }
  if (r.left != 0) return make_error(label + ": " + std::to_string(r.left) + " bytes after the last tensor");
  return f;
}

Expected<Fixture> load_fixture(const std::string& file_name) {
  Expected<std::vector<uint8_t>> bytes = read_file(std::string(CNN_FIXTURE_DIR) + "/" + file_name);
  if (!bytes) return make_error(bytes.error() + " " + kRegenerate);
  return parse_fixture(bytes->data(), bytes->size(), file_name);
}

const FixtureTensor& fixture_tensor(const Fixture& fixture, const std::string& name) {
  static const FixtureTensor kMissing{};
  if (const FixtureTensor* t = fixture.find(name)) return *t;
  std::string names;
  for (const FixtureTensor& t : fixture.tensors) names += (names.empty() ? "" : ", ") + t.name;
  ADD_FAILURE() << fixture.label << " has no tensor '" << name << "' (it has: " << names << ") " << kRegenerate;
  return kMissing;
}

bool copy_fixture(const FixtureTensor& from, float* to, int64_t count, const std::string& what) {
  if (from.size() != count) {
    ADD_FAILURE() << what << ": fixture tensor '" << from.name << "' " << from.dims_text() << " has " << from.size()
                  << " values, the engine has " << count;
    return false;
  }
  std::memcpy(to, from.data.data(), size_t(count) * sizeof(float));
  return true;
}

bool copy_fixture(const FixtureTensor& from, Tensor& to, const std::string& what) {
  return copy_fixture(from, to.data(), to.size(), what);
}

FixtureCheck::~FixtureCheck() {
  std::printf("[  torch   ] %s: worst relative error %.2e%s\n", label_.c_str(), worst_,
              worst_what_.empty() ? "" : (" (" + worst_what_ + ")").c_str());
}

double FixtureCheck::expect(const std::string& what, const FixtureTensor& expected, const float* got, int64_t count,
                            double tolerance) {
  const std::string where = label_ + " " + what;
  if (expected.size() != count) {
    ADD_FAILURE() << where << ": expected " << expected.size() << " values " << expected.dims_text() << ", got "
                  << count;
    return INFINITY;
  }
  const Mismatch m = compare(expected.data.data(), got, count);
  if (m.worst > worst_ || std::isnan(m.worst)) {
    worst_ = m.worst;
    worst_what_ = what;
  }
  if (m.worst <= tolerance) return m.worst;
  // Like llm.c's test_gpt2.c: show the first values that are off, then the worst.
  std::string msg;
  int shown = 0, bad = 0;
  char line[160];
  for (int64_t i = 0; i < count; ++i) {
    const double e = expected.data[size_t(i)], g = got[i];
    const double err = std::fabs(e - g) / std::max({1.0, std::fabs(e), std::fabs(g)});
    if (!(err <= tolerance)) {
      ++bad;
      if (shown++ < 8) {
        std::snprintf(line, sizeof line, "  [%lld] expected %.9g got %.9g (error %.2e)\n", (long long)i, e, g, err);
        msg += line;
      }
    }
  }
  ADD_FAILURE() << where << " " << expected.dims_text() << ": " << bad << " of " << count << " values off by more than "
                << tolerance << ", worst " << m.worst << " at [" << m.index << "]; first ones:\n"
                << msg;
  return m.worst;
}

double FixtureCheck::expect_at(const std::string& what, const FixtureTensor& expected, const FixtureTensor& index,
                               const float* got, int64_t count, double tolerance) {
  if (index.size() != expected.size()) {
    ADD_FAILURE() << label_ << " " << what << ": " << index.size() << " indices for " << expected.size() << " values";
    return INFINITY;
  }
  std::vector<float> picked(index.data.size());
  for (size_t i = 0; i < picked.size(); ++i) {
    const int64_t at = int64_t(index.data[i]);
    if (at < 0 || at >= count || float(at) != index.data[i]) {
      ADD_FAILURE() << label_ << " " << what << ": index " << index.data[i] << " outside 0.." << count - 1;
      return INFINITY;
    }
    picked[i] = got[at];
  }
  return expect(what + " (sampled)", expected, picked.data(), int64_t(picked.size()), tolerance);
}

void check_layer_against_fixture(Layer& layer, const Fixture& fixture, Mode mode, FixtureCheck& check,
                                 const std::string& variant, const std::string& prefix) {
  const std::string suffix = variant.empty() ? "" : ", " + variant;
  const FixtureTensor& fx = fixture_tensor(fixture, "x");
  const int64_t sample = layer.in_shape().size();
  if (fx.dims.empty() || int64_t(fx.size()) != int64_t(fx.dims[0]) * sample) {
    ADD_FAILURE() << fixture.label << ": x " << fx.dims_text() << " does not fit the layer's input "
                  << layer.in_shape().str();
    return;
  }
  Tensor x(int(fx.dims[0]), layer.in_shape()), y, dx;
  copy_fixture(fx, x, "x");
  for (const ParamRef& p : layer.params()) copy_fixture(fixture_tensor(fixture, p.name), *p.value, p.name);

  layer.forward(x, y, mode);
  check.expect(prefix + "y" + suffix, fixture_tensor(fixture, prefix + "y"), y, kForwardTolerance);

  Tensor dy(y.n(), y.shape());
  if (!copy_fixture(fixture_tensor(fixture, "dy"), dy, "dy")) return;
  layer.backward(x, y, dy, &dx);
  check.expect(prefix + "dx" + suffix, fixture_tensor(fixture, prefix + "dx"), dx, kGradientTolerance);
  for (const ParamRef& p : layer.params()) {
    const std::string name = prefix + "d" + p.name;
    check.expect(name + suffix, fixture_tensor(fixture, name), *p.grad, kGradientTolerance);
  }
}

}  // namespace cnn::test
