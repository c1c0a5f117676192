// Typed input in the order it was typed.
//
// Dear ImGui 1.86 sees a key only as down or up at NewFrame, and a frame's characters as one
// queue that a text field reads before the keys. Between two drawn frames (a slow machine, a
// fast typist, a test's keyboard) "relu", Enter, "conv" then reached the network editor as
// "reluconv" and a newline after it, a key pressed and let go was never seen at all, and two
// Enters were one. KeyQueue keeps the platform's events in order and gives each frame the
// characters up to the next key, then that key (with the modifiers pressed before it, so
// Ctrl+A stays one shortcut); what comes after waits for the next frame.
#pragma once

#include <cstddef>
#include <deque>
#include <utility>
#include <vector>

namespace cnn::ui {

class KeyQueue {
 public:
  // `modifiers`: the platform's codes of Shift, Ctrl, Alt and Super, which go with the key after them.
  explicit KeyQueue(std::vector<int> modifiers) : modifiers_(std::move(modifiers)) {}

  void press(int key);  // a first press; a held key's repeats are Dear ImGui's own
  void release(int key);
  void character(unsigned int c);

  // Before ImGui::NewFrame: this frame's characters into `chars`, and `down[key]` (key_count
  // entries) true for this frame's keys and false for the keys still waiting their turn.
  void begin_frame(bool* down, int key_count, std::vector<unsigned int>& chars);
  // After the frame: this frame's keys that were let go already go up, and leave the queue.
  void end_frame(bool* down, int key_count);
  bool empty() const { return events_.empty(); }

 private:
  struct Event {
    int key = -1;  // < 0: a character
    unsigned int c = 0;
    bool released = false;
    bool release_only = false;  // a modifier let go after its press was handed to a frame
  };
  bool is_modifier(int key) const;

  std::vector<int> modifiers_;
  std::deque<Event> events_;
  size_t in_frame_ = 0;  // the first events_, handed to the frame being drawn
};

}  // namespace cnn::ui
