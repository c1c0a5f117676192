// libFuzzer: any sequence of commands to the EngineHost (protocol/engine_host.h) is answered
// with events, never a crash, whatever state it is in. The host starts with a tiny model and a
// tiny dataset so that training, stepping and the teaching commands get far; the input is a
// list of commands, each a u16 length and that many protocol bytes, with a few ticks after each.
#include <cstdint>
#include <vector>

#include "io/model_file.h"
#include "model/memory.h"
#include "protocol/engine_host.h"

namespace {

namespace proto = cnn::protocol;

void put_be32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(uint8_t(v >> (8 * i)));
}

// 28x28 grey images and their labels, IDX-encoded, `count` of them.
void tiny_idx(int count, std::vector<uint8_t>& images, std::vector<uint8_t>& labels) {
  put_be32(images, 0x00000803);
  put_be32(images, uint32_t(count));
  put_be32(images, 28);
  put_be32(images, 28);
  for (int i = 0; i < count * 784; ++i) images.push_back(uint8_t((i * 37) % 251));
  put_be32(labels, 0x00000801);
  put_be32(labels, uint32_t(count));
  for (int i = 0; i < count; ++i) labels.push_back(uint8_t(i % 10));
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  cnn::set_memory_budget(256 * 1000 * 1000);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  proto::EngineHost host;
  std::vector<proto::Event> out;
  static const std::vector<uint8_t> model = [] {
    cnn::Expected<cnn::Model> m = cnn::Model::build("conv 2 3x3 relu; maxpool 2; flatten; dense 10", 1);
    return cnn::save_model(*m);
  }();
  host.handle(proto::LoadModel{1, "tiny.bin", model, true}, out);
  proto::ProvideDataset d;
  tiny_idx(16, d.train_images, d.train_labels);
  tiny_idx(8, d.test_images, d.test_labels);
  host.handle(d, out);
  size_t at = 0;
  for (int commands = 0; at + 2 <= size && commands < 16; ++commands) {
    const size_t length = size_t(data[at]) | size_t(data[at + 1]) << 8;
    at += 2;
    const size_t n = length < size - at ? length : size - at;
    cnn::Expected<proto::Command> c = proto::decode_command(data + at, n);
    at += n;
    out.clear();
    if (c) host.handle(*c, out);
    for (int t = 0; t < 4 && host.busy(); ++t) host.tick(0, out);
  }
  return 0;
}
