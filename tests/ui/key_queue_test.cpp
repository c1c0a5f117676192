// ui/key_queue.h: what is typed between two frames reaches Dear ImGui in the order it was typed,
// no press is lost, and a modifier stays with its key.
#include <gtest/gtest.h>

#include <string>

#include "key_queue.h"

namespace cnn::ui {
namespace {

constexpr int kEnter = 257, kBackspace = 259, kCtrl = 341, kShift = 340, kA = 65;
constexpr int kKeys = 512;

struct Frames {
  KeyQueue queue{{kShift, kCtrl}};
  bool down[kKeys] = {};
  std::string typed;  // what a text field would make of the frames: characters first, then the key

  void frame() {
    std::vector<unsigned int> chars;
    queue.begin_frame(down, kKeys, chars);
    for (unsigned int c : chars) typed += char(c);
    if (down[kEnter]) typed += '\n';
    if (down[kBackspace] && !typed.empty()) typed.pop_back();
    if (down[kCtrl] && down[kA]) typed += "[all]";
    queue.end_frame(down, kKeys);
  }
  void type(const std::string& s) {
    for (char c : s) queue.character((unsigned char)c);
  }
  void tap(int key) {  // pressed and let go between two frames (ImGui's own callback sets down too)
    queue.press(key);
    down[key] = true;
    queue.release(key);
    down[key] = false;
  }
};

TEST(KeyQueue, CharactersAndKeysTypedBetweenTwoFramesKeepTheirOrder) {
  Frames f;
  f.type("relu");
  f.tap(kEnter);
  f.type("conv");
  f.tap(kEnter);
  f.tap(kEnter);
  f.type("dense");
  for (int i = 0; i < 6 && !f.queue.empty(); ++i) f.frame();
  EXPECT_TRUE(f.queue.empty());
  EXPECT_EQ(f.typed, "relu\nconv\n\ndense");
}

TEST(KeyQueue, ABackspaceTakesTheCharacterBeforeIt) {
  Frames f;
  f.type("5y");
  f.tap(kBackspace);
  f.type("x5");
  while (!f.queue.empty()) f.frame();
  EXPECT_EQ(f.typed, "5x5");
}

TEST(KeyQueue, AModifierGoesWithTheKeyAfterIt) {
  Frames f;
  f.type("ab");
  f.queue.press(kCtrl);
  f.down[kCtrl] = true;
  f.tap(kA);
  f.queue.release(kCtrl);
  f.down[kCtrl] = false;
  f.type("c");
  f.frame();
  EXPECT_EQ(f.typed, "ab[all]");
  EXPECT_FALSE(f.down[kCtrl]);
  EXPECT_FALSE(f.down[kA]);
  f.frame();
  EXPECT_EQ(f.typed, "ab[all]c");
}

// Ctrl pressed, a frame drawn (Ctrl alone), then A and Ctrl let go before the next frame, as a
// test's keyboard or a quick hand on a slow machine does: the platform's release of Ctrl came
// before A's frame, which saw A without Ctrl (Ctrl+A selected nothing, Ctrl+End went to the
// line's end). The release waits its turn like a press.
TEST(KeyQueue, AModifierHandedAloneStaysDownForTheKeyAfterIt) {
  Frames f;
  f.queue.press(kCtrl);
  f.down[kCtrl] = true;
  f.frame();  // Ctrl alone: held
  EXPECT_TRUE(f.down[kCtrl]);
  f.tap(kA);
  f.queue.release(kCtrl);
  f.down[kCtrl] = false;  // ImGui's own callback lets it go at once
  f.type("c");
  f.frame();
  EXPECT_EQ(f.typed, "[all]");
  f.frame();
  EXPECT_EQ(f.typed, "[all]c");
  EXPECT_FALSE(f.down[kCtrl]) << "let go in its turn";
  EXPECT_TRUE(f.queue.empty());
}

TEST(KeyQueue, AKeyStillHeldStaysDownUntilItsRelease) {
  Frames f;
  f.type("x");
  f.queue.press(kEnter);
  f.down[kEnter] = true;  // held: ImGui's callback set it, the queue keeps it up until its turn
  std::vector<unsigned int> chars;
  f.queue.begin_frame(f.down, kKeys, chars);
  EXPECT_EQ(chars, std::vector<unsigned int>{'x'});
  EXPECT_TRUE(f.down[kEnter]);  // its turn: right after the character, in the same frame
  f.queue.end_frame(f.down, kKeys);
  EXPECT_TRUE(f.down[kEnter]) << "held keys stay down (Dear ImGui repeats them)";
  EXPECT_TRUE(f.queue.empty());
  f.queue.release(kEnter);  // nothing queued: the platform's release lets it go
  EXPECT_TRUE(f.queue.empty());
}

TEST(KeyQueue, AKeyWaitingItsTurnIsUpMeanwhile) {
  Frames f;
  f.tap(kBackspace);
  f.queue.press(kEnter);
  f.down[kEnter] = true;  // held, but after the Backspace
  std::vector<unsigned int> chars;
  f.queue.begin_frame(f.down, kKeys, chars);
  EXPECT_TRUE(f.down[kBackspace]);
  EXPECT_FALSE(f.down[kEnter]);
  f.queue.end_frame(f.down, kKeys);
  EXPECT_FALSE(f.down[kBackspace]);
  f.queue.begin_frame(f.down, kKeys, chars);
  EXPECT_TRUE(f.down[kEnter]);
  f.queue.end_frame(f.down, kKeys);
}

}  // namespace
}  // namespace cnn::ui
