// libFuzzer: protocol bytes (protocol/messages.h) decode to a message or an error; a message
// that decodes encodes back to exactly the same bytes (the codec's one field list drives both
// directions, and decoding accepts only canonical bytes).
#include <cstdint>
#include <vector>

#include "protocol/messages.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace proto = cnn::protocol;
  if (cnn::Expected<proto::Command> c = proto::decode_command(data, size)) {
    if (proto::encode(*c) != std::vector<uint8_t>(data, data + size)) __builtin_trap();
  }
  if (cnn::Expected<proto::Event> e = proto::decode_event(data, size)) {
    if (proto::encode(*e) != std::vector<uint8_t>(data, data + size)) __builtin_trap();
  }
  return 0;
}
