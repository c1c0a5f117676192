#include "io/model_file.h"

#include <cmath>
#include <cstdio>
#include <cstring>

#include "io/crc32.h"
#include "io/file.h"
#include "io/float16.h"

namespace cnn {
namespace {

constexpr char kMagic[8] = {'C', 'N', 'N', 'P', 'L', 'A', 'Y', '\0'};
constexpr uint32_t kMaxSpecBytes = uint32_t(kMaxSpecTextBytes);  // model/spec.h: every spec fits

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(uint8_t(v >> (8 * i)));
}

uint32_t get_u32(const uint8_t* p) {
  return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24);
}

std::vector<Tensor*> stored_tensors(Model& model) {
  std::vector<Tensor*> all;
  for (int i = 0; i < model.layer_count(); ++i) {
    for (const ParamRef& p : model.layer(i).params()) all.push_back(p.value);
    for (Tensor* t : model.layer(i).buffers()) all.push_back(t);
  }
  return all;
}

// Magic, version and spec: the same in both versions.
std::vector<uint8_t> file_header(Model& model, uint32_t version) {
  std::vector<uint8_t> out(kMagic, kMagic + 8);
  put_u32(out, version);
  const std::string spec = model.spec_text();
  put_u32(out, uint32_t(spec.size()));
  out.insert(out.end(), spec.begin(), spec.end());
  return out;
}

}  // namespace

std::vector<uint8_t> save_model(Model& model) {
  std::vector<uint8_t> out = file_header(model, kModelFileVersionF32);
  std::vector<Tensor*> tensors = stored_tensors(model);
  put_u32(out, uint32_t(tensors.size()));
  for (Tensor* t : tensors) {
    put_u32(out, uint32_t(t->size()));
    for (int64_t i = 0; i < t->size(); ++i) {
      uint32_t bits;
      std::memcpy(&bits, &(*t)[i], 4);
      put_u32(out, bits);
    }
  }
  put_u32(out, crc32(out.data(), out.size()));
  return out;
}

Expected<std::vector<uint8_t>> save_model_f16(Model& model) {
  std::vector<uint8_t> out = file_header(model, kModelFileVersionF16);
  std::vector<Tensor*> tensors = stored_tensors(model);
  put_u32(out, uint32_t(tensors.size()));
  for (size_t t = 0; t < tensors.size(); ++t) {
    put_u32(out, uint32_t(tensors[t]->size()));
    for (int64_t i = 0; i < tensors[t]->size(); ++i) {
      const float v = (*tensors[t])[i];
      std::optional<uint16_t> h = f32_to_f16(v);
      if (!h) {
        char shown[32];
        std::snprintf(shown, sizeof shown, "%g", double(v));
        return make_error("tensor " + std::to_string(t) + " value " + std::to_string(i) + " is " + shown +
                          ", outside float16's range (|v| < 65520): keep this model in float32");
      }
      out.push_back(uint8_t(*h));
      out.push_back(uint8_t(*h >> 8));
    }
  }
  put_u32(out, crc32(out.data(), out.size()));
  return out;
}

Expected<Model> load_model(const uint8_t* data, size_t size, const std::string& name) {
  if (size < 24 || std::memcmp(data, kMagic, 8) != 0) {
    if (size >= 4 && std::memcmp(data, "\x00\x00\x08\x03", 4) == 0)
      return make_error(name + ": this is an MNIST image file, not a model");
    return make_error(name + ": not a CNN Playground model file (it should start with 'CNNPLAY')");
  }
  const uint32_t version = get_u32(data + 8);
  if (version != kModelFileVersionF32 && version != kModelFileVersionF16)
    return make_error(name + ": format version " + std::to_string(version) + ", expected " +
                      std::to_string(kModelFileVersionF32) + " or " + std::to_string(kModelFileVersionF16) +
                      " (re-export it from this version of the playground)");
  const uint64_t value_bytes = version == kModelFileVersionF16 ? 2 : 4;
  const uint32_t stored_crc = get_u32(data + size - 4);
  if (crc32(data, size - 4) != stored_crc)
    return make_error(name + ": checksum mismatch: the file is truncated or corrupted");
  const uint8_t* end = data + size - 4;
  const uint8_t* p = data + 12;
  const uint32_t spec_size = get_u32(p);
  p += 4;
  if (spec_size > kMaxSpecBytes || spec_size > size_t(end - p))
    return make_error(name + ": spec length " + std::to_string(spec_size) + " does not fit in the file");
  const std::string spec_text(reinterpret_cast<const char*>(p), spec_size);
  p += spec_size;
  // Count before building: a hostile spec must not make us allocate what the file cannot hold.
  Expected<ModelSpec> spec = parse_spec(spec_text);
  if (!spec) return make_error(name + ": its spec does not parse: " + spec.error());
  Expected<Summary> summary = summarize(*spec);
  if (!summary) return make_error(name + ": its spec does not build: " + summary.error());
  if (uint64_t(summary->params) * value_bytes > uint64_t(end - p))
    return make_error(name + ": the spec needs " + std::to_string(summary->params) + " values but the file holds only " +
                      std::to_string(end - p) + " bytes of them (truncated?)");
  Expected<Model> model = Model::build(*spec, 0);
  if (!model) return make_error(name + ": its spec does not build: " + model.error());
  if (size_t(end - p) < 4) return make_error(name + ": missing tensor count");
  const uint32_t count = get_u32(p);
  p += 4;
  std::vector<Tensor*> tensors = stored_tensors(*model);
  if (count != tensors.size())
    return make_error(name + ": " + std::to_string(count) + " tensors stored, the spec needs " +
                      std::to_string(tensors.size()));
  for (size_t t = 0; t < tensors.size(); ++t) {
    if (size_t(end - p) < 4) return make_error(name + ": tensor " + std::to_string(t) + " is missing");
    const uint32_t floats = get_u32(p);
    p += 4;
    if (int64_t(floats) != tensors[t]->size())
      return make_error(name + ": tensor " + std::to_string(t) + " has " + std::to_string(floats) +
                        " values, the spec needs " + std::to_string(tensors[t]->size()));
    if (uint64_t(floats) * value_bytes > uint64_t(end - p))
      return make_error(name + ": tensor " + std::to_string(t) + " runs past the end of the file");
    for (uint32_t i = 0; i < floats; ++i, p += value_bytes) {
      float v;
      if (value_bytes == 2) {
        v = f16_to_f32(uint16_t(p[0] | (p[1] << 8)));
      } else {
        const uint32_t bits = get_u32(p);
        std::memcpy(&v, &bits, 4);
      }
      if (!std::isfinite(v))
        return make_error(name + ": tensor " + std::to_string(t) + " holds NaN or infinity (a diverged model?)");
      (*tensors[t])[i] = v;
    }
  }
  if (p != end) return make_error(name + ": " + std::to_string(end - p) + " unexpected bytes after the tensors");
  return model;
}

Expected<Model> load_model_file(const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = read_file(path);
  if (!bytes) return make_error(bytes.error());
  return load_model(bytes->data(), bytes->size(), path);
}

Status save_model_file(Model& model, const std::string& path) { return write_file(path, save_model(model)); }

Status save_model_file_f16(Model& model, const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = save_model_f16(model);
  if (!bytes) return make_error(path + ": " + bytes.error());
  return write_file(path, *bytes);
}

}  // namespace cnn
