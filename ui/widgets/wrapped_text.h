// Wrapped text that also breaks Chinese. Dear ImGui 1.86 wraps only at spaces and ASCII
// punctuation, so a Chinese sentence (neither) was one long "word": pushed whole onto the next
// line, leaving the line before it short, then cut wherever the edge fell. These break a line
// between two CJK characters as well, never before a closing mark (，。、）” ...) nor after an
// opening one (（“ ...). Text without CJK characters goes to ImGui::TextWrapped's own wrapping
// unchanged, so English lays out exactly as before.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "imgui.h"

namespace cnn::ui {

// `text` with a '\n' at every break, so that no line is wider than `width` where a break
// allows it; the spaces a break replaces are dropped. `advance`: a code point's width.
std::string wrap_text(std::string_view text, float width, const std::function<float(unsigned)>& advance);

// As ImGui::TextWrapped, ImGui::TextColored and ImGui::TextDisabled inside PushTextWrapPos(0).
#if defined(__GNUC__)
#define CNN_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CNN_PRINTF(fmt, args)
#endif
void text_wrapped(const char* format, ...) CNN_PRINTF(1, 2);
void text_wrapped_colored(const ImVec4& color, const char* format, ...) CNN_PRINTF(2, 3);
void text_wrapped_disabled(const char* format, ...) CNN_PRINTF(1, 2);
#undef CNN_PRINTF

}  // namespace cnn::ui
