// CommandSink: where panels send commands. It numbers them (request ids from 1) and hands
// them to the Transport; the answer comes back later as an event in the EngineView.
#pragma once

#include <cstdint>

#include "protocol/messages.h"

namespace cnn::ui {

class CommandSink {
 public:
  explicit CommandSink(cnn::protocol::Transport& transport) : transport_(transport) {}

  // Sets the command's request_id and sends it; returns the id.
  template <typename C>
  uint32_t send(C command) {
    command.request_id = next_id_++;
    transport_.send(cnn::protocol::Command(std::move(command)));
    return command.request_id;
  }

 private:
  cnn::protocol::Transport& transport_;
  uint32_t next_id_ = 1;
};

}  // namespace cnn::ui
