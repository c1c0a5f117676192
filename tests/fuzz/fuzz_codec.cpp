// libFuzzer: protocol bytes (protocol/messages.h) decode to a message or an error; a message
// that decodes encodes back to exactly the same bytes (the codec's one field list drives both
// directions, and decoding accepts only canonical bytes). The same bytes after a saved
// session's mark and version (protocol/saved_session.h) go through its decoder too: what the
// browser's storage hands back may have been written by anyone.
#include <cstdint>
#include <vector>

#include "protocol/messages.h"
#include "protocol/saved_session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace proto = cnn::protocol;
  if (cnn::Expected<proto::Command> c = proto::decode_command(data, size)) {
    if (proto::encode(*c) != std::vector<uint8_t>(data, data + size)) __builtin_trap();
  }
  if (cnn::Expected<proto::Event> e = proto::decode_event(data, size)) {
    if (proto::encode(*e) != std::vector<uint8_t>(data, data + size)) __builtin_trap();
  }
  std::vector<uint8_t> session = {'C', 'N', 'N', 'S', 'E', 'S', 'S', 0, proto::kSessionVersion};
  session.insert(session.end(), data, data + size);
  if (cnn::Expected<proto::SavedSession> s = proto::decode_saved_session(session.data(), session.size())) {
    if (proto::encode(*s) != session) __builtin_trap();
  }
  return 0;
}
