#include "key_queue.h"

#include <algorithm>

namespace cnn::ui {

bool KeyQueue::is_modifier(int key) const {
  return std::find(modifiers_.begin(), modifiers_.end(), key) != modifiers_.end();
}

void KeyQueue::press(int key) {
  if (key >= 0) events_.push_back(Event{key, 0, false});  // GLFW_KEY_UNKNOWN is -1
}

void KeyQueue::release(int key) {
  // The oldest press of it still held. None: it was handed to a frame while held, and the
  // platform's own release (ImGui's callback) lets it go; a modifier's release waits its turn
  // instead, or the key after it would be seen without it.
  for (Event& e : events_)
    if (e.key == key && !e.released && !e.release_only) {
      e.released = true;
      return;
    }
  if (is_modifier(key) && !events_.empty()) events_.push_back(Event{key, 0, true, true});
}

void KeyQueue::character(unsigned int c) { events_.push_back(Event{-1, c, false}); }

void KeyQueue::begin_frame(bool* down, int key_count, std::vector<unsigned int>& chars) {
  chars.clear();
  const auto valid = [key_count](int key) { return key >= 0 && key < key_count; };
  size_t n = 0;
  for (; n < events_.size(); ++n) {
    const Event& e = events_[n];
    if (e.key < 0) {
      chars.push_back(e.c);
      continue;
    }
    if (valid(e.key)) down[e.key] = !e.release_only;
    if (!is_modifier(e.key)) {
      ++n;
      break;
    }
  }
  in_frame_ = n;
  for (size_t i = n; i < events_.size(); ++i) {
    const int key = events_[i].key;
    if (!valid(key)) continue;
    if (events_[i].release_only) {  // held until its release's turn
      down[key] = true;
      continue;
    }
    const bool in_this_frame = std::any_of(events_.begin(), events_.begin() + long(n), [key](const Event& e) { return e.key == key; });
    if (!in_this_frame) down[key] = false;  // held already, maybe, but its turn comes later
  }
}

void KeyQueue::end_frame(bool* down, int key_count) {
  for (size_t i = 0; i < in_frame_ && i < events_.size(); ++i) {
    const Event& e = events_[i];
    if (e.key >= 0 && e.key < key_count && e.released) down[e.key] = false;
  }
  events_.erase(events_.begin(), events_.begin() + long(std::min(in_frame_, events_.size())));
  in_frame_ = 0;
}

}  // namespace cnn::ui
