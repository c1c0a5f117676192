// Request: one question a panel keeps asking the engine (a trace of its current settings). It
// remembers what was sent, under which id and when, and says when to ask again: the settings
// changed (compared by their encoded bytes, so by the message's one field list in the codec)
// and the last question is answered, refused or overdue; or the same question is overdue (a
// lost answer, a replaced worker). A panel is never blocked for good by an answer that does
// not come.
//
//   if (view.ready && st.request.due(want, answered, failed, now)) st.request.sent(sink.send(want), want, now);
//   answered: the view holds the answer to st.request.id(); failed: the error for that id.
#pragma once

#include <cstdint>
#include <vector>

#include "protocol/messages.h"

namespace cnn::ui {

class Request {
 public:
  static constexpr double kOverdueSeconds = 5.0;

  template <typename C>
  bool due(const C& want, bool answered, bool failed, double now) const {
    return due_bytes(bytes_of(want), answered, failed, now);
  }
  template <typename C>
  void sent(uint32_t id, const C& command, double now) {
    id_ = id;
    bytes_ = bytes_of(command);
    sent_at_ = now;
  }
  uint32_t id() const { return id_; }

 private:
  template <typename C>
  static std::vector<uint8_t> bytes_of(C command) {
    command.request_id = 0;  // the same question under another id is the same question
    return protocol::encode(protocol::Command(std::move(command)));
  }
  bool due_bytes(const std::vector<uint8_t>& want, bool answered, bool failed, double now) const {
    if (id_ == 0) return true;
    const bool settled = answered || failed;
    if (!settled && now - sent_at_ < kOverdueSeconds) return false;  // on its way
    if (want != bytes_) return true;
    return !settled;  // the same question, overdue: ask again (a refused one would be refused again)
  }

  uint32_t id_ = 0;
  std::vector<uint8_t> bytes_;
  double sent_at_ = 0;
};

}  // namespace cnn::ui
