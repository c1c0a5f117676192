#include "widgets/wrapped_text.h"

#include <cstdarg>
#include <cstdio>
#include <vector>

namespace cnn::ui {
namespace {

bool is_cjk(unsigned c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

// Marks that stay with the character before them (a line never starts with one) ...
bool closes(unsigned c) {
  for (unsigned m : {0xFF0Cu, 0x3002u, 0x3001u, 0xFF1Bu, 0xFF1Au, 0xFF01u, 0xFF1Fu, 0xFF09u, 0x300Du, 0x300Fu, 0x201Du,
                     0x2019u, 0x300Bu, 0x3009u, 0x2026u, 0xFF05u})
    if (c == m) return true;
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '%';
}
// ... and those that stay with the character after them (a line never ends with one).
bool opens(unsigned c) {
  for (unsigned m : {0xFF08u, 0x300Cu, 0x300Eu, 0x201Cu, 0x2018u, 0x300Au, 0x3008u})
    if (c == m) return true;
  return c == '(' || c == '[';
}

struct Glyph {
  unsigned c;
  size_t at, size;  // bytes in the text
  float width;
};

std::vector<Glyph> decode(std::string_view text, const std::function<float(unsigned)>& advance) {
  std::vector<Glyph> out;
  for (size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    unsigned c = n == 1 ? b : b & (0xFF >> (n + 1));
    for (size_t k = 1; k < n && i + k < text.size(); ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    out.push_back({c, i, std::min(n, text.size() - i), c == '\n' ? 0.0f : advance(c)});
    i += n;
  }
  return out;
}

// Every CJK character (U+2E80 and above, three bytes or more) starts with a byte >= 0xE2; the
// exact test runs only on those. Called every frame for every wrapped text: no allocation.
bool has_cjk(const std::string& text) {
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0xE2 || b >= 0xF0) continue;
    const unsigned c = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                       (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
    if (is_cjk(c)) return true;
  }
  return false;
}

std::string format_text(const char* format, va_list args) {
  va_list again;
  va_copy(again, args);
  const int n = std::vsnprintf(nullptr, 0, format, args);
  std::string out(n > 0 ? size_t(n) : 0, '\0');
  if (n > 0) std::vsnprintf(out.data(), out.size() + 1, format, again);
  va_end(again);
  return out;
}

void draw(const std::string& text) {
  if (!has_cjk(text)) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    return;
  }
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  // A pixel to spare: ImGui must never wrap a line of ours again.
  const std::string lines = wrap_text(text, ImGui::GetContentRegionAvail().x - 1.0f,
                                      [&](unsigned c) { return font->GetCharAdvance(ImWchar(c)) * scale; });
  ImGui::TextUnformatted(lines.c_str());
}

}  // namespace

std::string wrap_text(std::string_view text, float width, const std::function<float(unsigned)>& advance) {
  const std::vector<Glyph> g = decode(text, advance);
  std::string out;
  size_t start = 0;  // the line's first glyph
  while (start < g.size()) {
    float line = 0;
    size_t end = start, cut = 0;  // cut: the last glyph a break may come before, 0 for none
    bool newline = false;
    for (; end < g.size(); ++end) {
      if (g[end].c == '\n') {
        newline = true;
        break;
      }
      if (end > start) {
        const unsigned a = g[end - 1].c, b = g[end].c;
        if (b == ' ' || (a != ' ' && (is_cjk(a) || is_cjk(b)) && !closes(b) && !opens(a))) cut = end;
        else if (a == ' ') cut = end;
      }
      if (line + g[end].width > width && end > start) break;
      line += g[end].width;
    }
    size_t stop = end;
    if (!newline && end < g.size() && cut > start) stop = cut;  // else: the whole line, or a word cut
    size_t last = stop;
    while (last > start && g[last - 1].c == ' ') --last;  // no spaces at a line's end
    if (last > start) out.append(text.substr(g[start].at, g[last - 1].at + g[last - 1].size - g[start].at));
    if (stop >= g.size()) break;
    out += '\n';
    start = stop;
    if (newline && g[start].c == '\n') ++start;
    else
      while (start < g.size() && g[start].c == ' ') ++start;  // nor at a wrapped line's start
  }
  return out;
}

void text_wrapped(const char* format, ...) {
  va_list args;
  va_start(args, format);
  draw(format_text(format, args));
  va_end(args);
}

void text_wrapped_colored(const ImVec4& color, const char* format, ...) {
  va_list args;
  va_start(args, format);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  draw(format_text(format, args));
  ImGui::PopStyleColor();
  va_end(args);
}

void text_wrapped_disabled(const char* format, ...) {
  va_list args;
  va_start(args, format);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  draw(format_text(format, args));
  ImGui::PopStyleColor();
  va_end(args);
}

}  // namespace cnn::ui
