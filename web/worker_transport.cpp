#include "worker_transport.h"

#include <emscripten.h>

#include <deque>
#include <vector>

namespace cnn::web {
namespace {

namespace proto = cnn::protocol;

// Copies the bytes out of WASM memory (a view would go stale when memory grows) and posts them.
EM_JS(void, post_command_bytes, (const uint8_t* data, int size), {
  Module.cnnPostCommand(HEAPU8.slice(data, data + size));
});

std::deque<proto::Event>& inbox() {
  static std::deque<proto::Event> events;
  return events;
}

class WorkerTransport final : public proto::Transport {
 public:
  void send(const proto::Command& command) override {
    const std::vector<uint8_t> bytes = proto::encode(command);
    post_command_bytes(bytes.data(), int(bytes.size()));
  }
  std::vector<proto::Event> poll() override {
    std::vector<proto::Event> out(std::make_move_iterator(inbox().begin()), std::make_move_iterator(inbox().end()));
    inbox().clear();
    return out;
  }
};

}  // namespace

std::unique_ptr<proto::Transport> make_worker_transport() { return std::make_unique<WorkerTransport>(); }

}  // namespace cnn::web

// Called by web/main.js for every event the worker posts (ccall with an 'array' argument).
extern "C" EMSCRIPTEN_KEEPALIVE void cnn_ui_receive_event(const uint8_t* data, int size) {
  namespace proto = cnn::protocol;
  cnn::Expected<proto::Event> event = proto::decode_event(data, size_t(size));
  cnn::web::inbox().push_back(event ? std::move(*event) : proto::Event(proto::ErrorRaised{0, event.error()}));
}
