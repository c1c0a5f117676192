#include "io/model_file.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "io/crc32.h"
#include "io/file.h"
#include "io/float16.h"
#include "io/int8.h"
#include "layers/batchnorm/batchnorm.h"
#include "layers/block/block.h"

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

// The running variances of batch norm `l`, or of the batch norms inside block `l`'s paths.
void running_variances(Layer& l, std::vector<const Tensor*>* out) {
  if (l.spec().kind == LayerKind::kBatchNorm) out->push_back(&static_cast<BatchNorm&>(l).running_var);
  if (!is_block(l.spec().kind)) return;
  Block& block = static_cast<Block&>(l);
  for (int p = 0; p < block.path_count(); ++p)
    for (int i = 0; i < block.path(p).size(); ++i) running_variances(block.path(p).layer(i), out);
}

// Magic, version and spec: the same in every version.
std::vector<uint8_t> file_header(Model& model, uint32_t version) {
  std::vector<uint8_t> out(kMagic, kMagic + 8);
  put_u32(out, version);
  const std::string spec = model.spec_text();
  put_u32(out, uint32_t(spec.size()));
  out.insert(out.end(), spec.begin(), spec.end());
  return out;
}

void put_f32(std::vector<uint8_t>& out, float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, 4);
  put_u32(out, bits);
}

float get_f32(const uint8_t* p) {
  const uint32_t bits = get_u32(p);
  float v;
  std::memcpy(&v, &bits, 4);
  return v;
}

std::string tensor_error(const std::string& name, size_t t, const std::string& what) {
  return name + ": tensor " + std::to_string(t) + " " + what;
}

// Version 3's values of one tensor, after its count: u32 S, then S float32 scales and F int8
// values, or (S = 0) F float32 values. `p` moves past them; the tensor is filled only with
// finite values.
Status read_int8_tensor(const uint8_t*& p, const uint8_t* end, Tensor& tensor, size_t t, const std::string& name) {
  const uint64_t floats = uint64_t(tensor.size());
  if (size_t(end - p) < 4) return make_error(tensor_error(name, t, "has no scale count"));
  const uint32_t scales = get_u32(p);
  p += 4;
  if (scales > floats || (scales > 0 && floats % scales != 0))
    return make_error(tensor_error(name, t, "has " + std::to_string(scales) + " scales for " +
                                                std::to_string(floats) + " values (it must divide them)"));
  const uint64_t bytes = scales == 0 ? floats * 4 : uint64_t(scales) * 4 + floats;
  if (bytes > uint64_t(end - p)) return make_error(tensor_error(name, t, "runs past the end of the file"));
  if (scales == 0) {
    for (uint64_t i = 0; i < floats; ++i, p += 4) tensor[int64_t(i)] = get_f32(p);
  } else {
    const uint8_t* q = p + uint64_t(scales) * 4;
    const uint64_t per_scale = floats / scales;
    for (uint32_t c = 0; c < scales; ++c) {
      const float scale = get_f32(p + 4 * uint64_t(c));
      if (!std::isfinite(scale) || scale < 0.0f)
        return make_error(tensor_error(name, t, "scale " + std::to_string(c) + " is negative or not finite"));
      for (uint64_t i = c * per_scale; i < (c + 1) * per_scale; ++i) {
        const int8_t v = int8_t(q[i]);
        if (v < -kInt8Max) return make_error(tensor_error(name, t, "holds -128, outside int8's [-127, 127]"));
        tensor[int64_t(i)] = int8_dequantize(v, scale);
      }
    }
    p += bytes;
  }
  for (int64_t i = 0; i < tensor.size(); ++i)
    if (!std::isfinite(tensor[i])) return make_error(tensor_error(name, t, "holds NaN or infinity (a diverged model?)"));
  return ok_status();
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

Expected<std::vector<uint8_t>> save_model_int8(Model& model) {
  std::vector<uint8_t> out = file_header(model, kModelFileVersionInt8);
  std::vector<Tensor*> tensors = stored_tensors(model);
  std::vector<const Tensor*> weights;  // conv, depthwise and dense: output channel outermost (n)
  for (const ParamRef& p : model.params())
    if (std::strcmp(p.name, "weight") == 0) weights.push_back(p.value);
  put_u32(out, uint32_t(tensors.size()));
  for (size_t t = 0; t < tensors.size(); ++t) {
    const Tensor& w = *tensors[t];
    for (int64_t i = 0; i < w.size(); ++i)
      if (!std::isfinite(w[i]))
        return make_error("tensor " + std::to_string(t) + " value " + std::to_string(i) +
                          " is NaN or infinity: a diverged model has no int8 form");
    put_u32(out, uint32_t(w.size()));
    const bool quantized = std::find(weights.begin(), weights.end(), &w) != weights.end() && w.size() > 0;
    if (!quantized) {
      put_u32(out, 0);
      for (int64_t i = 0; i < w.size(); ++i) put_f32(out, w[i]);
      continue;
    }
    const int channels = w.n();
    const int64_t per_channel = w.sample_size();
    put_u32(out, uint32_t(channels));
    std::vector<float> scales(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c) {
      scales[size_t(c)] = int8_scale(w.sample(c), per_channel);
      put_f32(out, scales[size_t(c)]);
    }
    for (int c = 0; c < channels; ++c)
      for (int64_t i = 0; i < per_channel; ++i) out.push_back(uint8_t(int8_quantize(w.sample(c)[i], scales[size_t(c)])));
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
  if (version != kModelFileVersionF32 && version != kModelFileVersionF16 && version != kModelFileVersionInt8)
    return make_error(name + ": format version " + std::to_string(version) + ", expected 1, 2 or 3" +
                      " (re-export it from this version of the playground)");
  // Version 3's values take at least one byte each: the lower bound checked before building.
  const uint64_t value_bytes = version == kModelFileVersionF32 ? 4 : version == kModelFileVersionF16 ? 2 : 1;
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
    if (version == kModelFileVersionInt8) {
      Status read = read_int8_tensor(p, end, *tensors[t], t, name);
      if (!read) return make_error(read.error());
      continue;
    }
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
  // A negative running variance makes inference take the square root of a negative number:
  // every output NaN. Training never writes one (it averages variances).
  std::vector<const Tensor*> variances;
  for (int i = 0; i < model->layer_count(); ++i) running_variances(model->layer(i), &variances);
  for (const Tensor* v : variances)
    for (int64_t c = 0; c < v->size(); ++c)
      if ((*v)[c] < 0.0f) {
        const size_t t = size_t(std::find(tensors.begin(), tensors.end(), v) - tensors.begin());
        return make_error(name + ": tensor " + std::to_string(t) + " (a batch norm's running variance) holds " +
                          std::to_string((*v)[c]) + ", and a variance is never negative");
      }
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

Status save_model_file_int8(Model& model, const std::string& path) {
  Expected<std::vector<uint8_t>> bytes = save_model_int8(model);
  if (!bytes) return make_error(path + ": " + bytes.error());
  return write_file(path, *bytes);
}

}  // namespace cnn
