// wrap_text: Chinese breaks between characters, never before a closing mark nor after an
// opening one; Latin words stay whole where they fit; spaces at a break are dropped.
#include <gtest/gtest.h>

#include "widgets/wrapped_text.h"

namespace cnn::ui {
namespace {

// Latin letters one unit wide, CJK characters (and their full-width marks) two, as on screen.
float advance(unsigned c) { return c >= 0x2E80 ? 2.0f : 1.0f; }

TEST(WrapText, ChineseBreaksBetweenCharacters) {
  // 你的网络由卷积层组成 is ten characters, 20 units: at 8 units, four characters a line.
  EXPECT_EQ(wrap_text("你的网络由卷积层组成", 8, advance), "你的网络\n由卷积层\n组成");
  EXPECT_EQ(wrap_text("你的网络", 8, advance), "你的网络");
}

TEST(WrapText, ClosingMarksStayWithTheCharacterBefore) {
  // A line may not start with "，": the character before it goes down with it.
  EXPECT_EQ(wrap_text("卷积核，填充", 6, advance), "卷积\n核，填\n充");
  // Nor end with "（".
  EXPECT_EQ(wrap_text("步长（s）", 6, advance), "步长\n（s）");
}

TEST(WrapText, LatinWordsStayWholeAndSpacesGo) {
  EXPECT_EQ(wrap_text("SGD、动量和 Adam，各用", 12, advance), "SGD、动量和\nAdam，各用");
  EXPECT_EQ(wrap_text("loss 0.5 at epoch 3", 10, advance), "loss 0.5\nat epoch 3");
  // A word longer than the line is cut where the edge falls.
  EXPECT_EQ(wrap_text("abcdefghij", 4, advance), "abcd\nefgh\nij");
  // Between a Latin word and a Chinese character is a break.
  EXPECT_EQ(wrap_text("LeNet-5的参数", 8, advance), "LeNet-5\n的参数");
}

TEST(WrapText, NewlinesAreKeptAndNothingIsLost) {
  EXPECT_EQ(wrap_text("第一行\n第二行", 100, advance), "第一行\n第二行");
  EXPECT_EQ(wrap_text("", 10, advance), "");
  const std::string text = "训练在第 1 轮后完成：测试准确率 98.89%，模型保留第 1 轮结束时的权重";
  for (float width : {3.0f, 5.0f, 9.0f, 17.0f, 40.0f}) {
    std::string wrapped = wrap_text(text, width, advance), joined, original;
    for (char c : wrapped) if (c != '\n' && c != ' ') joined += c;
    for (char c : text) if (c != ' ') original += c;
    EXPECT_EQ(joined, original) << width;
  }
}

}  // namespace
}  // namespace cnn::ui
