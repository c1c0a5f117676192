#include "i18n/language.h"

#include <cstdarg>
#include <cstdio>
#include <set>
#include <string>
#include <unordered_map>

namespace cnn::ui {

extern const Translation kChineseTable[];
extern const int kChineseTableSize;

namespace {

const LanguageInfo kLanguages[] = {
    {Language::kEnglish, "en", "English", nullptr, 0},
    // The names are written as they are shown: the build cuts their glyphs from the Chinese font
    // into a tiny font that is always loaded (ui/CMakeLists.txt), so the switch reads "中文"
    // while the page is English.
    {Language::kChinese, "zh", "中文", kChineseTable, kChineseTableSize},
};
constexpr int kLanguageCount = int(sizeof kLanguages / sizeof kLanguages[0]);

Language g_language = Language::kEnglish;

// English -> translation, built on first use: tr() runs for every label of every frame.
const std::unordered_map<std::string_view, const char*>& lookup(Language language) {
  static std::unordered_map<std::string_view, const char*> maps[kLanguageCount];
  static bool built[kLanguageCount] = {};
  const int index = int(language);
  if (!built[index]) {
    const LanguageInfo& info = kLanguages[index];
    for (int i = 0; i < info.table_size; ++i) maps[index].emplace(info.table[i].english, info.table[i].text);
    built[index] = true;
  }
  return maps[index];
}

}  // namespace

const LanguageInfo* languages(int* count) {
  *count = kLanguageCount;
  return kLanguages;
}

const LanguageInfo& language_info(Language language) { return kLanguages[int(language)]; }

bool language_from_code(std::string_view code, Language* out) {
  const std::string_view primary = code.substr(0, code.find_first_of("-_"));
  for (const LanguageInfo& info : kLanguages) {
    if (primary.size() == 2 && (primary[0] | 0x20) == info.code[0] && (primary[1] | 0x20) == info.code[1]) {
      *out = info.language;
      return true;
    }
  }
  return false;
}

void set_language(Language language) { g_language = language; }
Language current_language() { return g_language; }

const char* tr(const char* english) {
  if (g_language == Language::kEnglish) return english;
  const auto& map = lookup(g_language);
  const auto it = map.find(english);
  return it == map.end() ? english : it->second;
}

const char* tr_id(const char* english, const char* id) {
  static std::string ring[64];
  static int next = 0;
  std::string& out = ring[next];
  next = (next + 1) % 64;
  out.assign(tr(english)).append("###").append(id);
  return out.c_str();
}

std::string trf(const char* english_format, ...) {
  const char* format = tr(english_format);
  va_list args;
  va_start(args, english_format);
  va_list again;
  va_copy(again, args);
  char small[256];
  const int n = std::vsnprintf(small, sizeof small, format, args);
  va_end(args);
  std::string out;
  if (n < 0) out = format;
  else if (n < int(sizeof small)) out.assign(small, size_t(n));
  else {
    out.resize(size_t(n) + 1);
    std::vsnprintf(out.data(), out.size(), format, again);
    out.resize(size_t(n));
  }
  va_end(again);
  return out;
}

std::string glyphs_of_names() {
  std::string out;
  for (const LanguageInfo& info : kLanguages)
    for (const char* s = info.name; *s; ++s)
      if (static_cast<unsigned char>(*s) >= 0x80) out += *s;
  return out;
}

std::string glyphs_used(Language language) {
  const LanguageInfo& info = language_info(language);
  std::set<std::string> seen;
  std::string out;
  for (int i = 0; i < info.table_size; ++i) {
    const auto* s = reinterpret_cast<const unsigned char*>(info.table[i].text);
    while (*s) {
      // A UTF-8 sequence's length from its lead byte; ASCII and Latin (< U+0800) are the main font's.
      const int len = *s < 0x80 ? 1 : *s < 0xE0 ? 2 : *s < 0xF0 ? 3 : 4;
      if (len >= 3) {
        std::string glyph(reinterpret_cast<const char*>(s), size_t(len));
        if (seen.insert(glyph).second) out += glyph;
      }
      s += len;
    }
  }
  return out;
}

}  // namespace cnn::ui
