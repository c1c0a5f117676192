#include "i18n/language.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "i18n/table_file.h"

namespace cnn::ui {

namespace {

const LanguageInfo kLanguages[] = {
    {Language::kEnglish, "en", "English"},
    // The names are written as they are shown: the build cuts their glyphs from the Chinese font
    // into a tiny font that is always loaded (ui/CMakeLists.txt), so the switch reads "中文"
    // while the page is English.
    {Language::kChinese, "zh", "中文"},
};
constexpr int kLanguageCount = int(sizeof kLanguages / sizeof kLanguages[0]);

// A language's table, and English -> translation for tr(), which runs for every label of
// every frame: sorted by the English, looked up by binary search (about 10 comparisons among
// 700 strings; an unordered_map's hashing and rehashing code was 3 kB of the first load).
// `file` holds the bytes of a fetched table.
using Entry = std::pair<std::string_view, const char*>;
struct Table {
  const Translation* entries = nullptr;
  int size = 0;
  std::vector<Entry> lookup;
  TableFile file;
};

Table& table_of(Language language) {
  static Table tables[kLanguageCount];
  return tables[int(language)];
}

Language g_language = Language::kEnglish;

}  // namespace

void use_table(Language language, const Translation* entries, int size) {
  Table& table = table_of(language);
  table.entries = entries;
  table.size = size;
  table.lookup.clear();
  for (int i = 0; i < size; ++i) table.lookup.emplace_back(entries[i].english, entries[i].text);
  std::sort(table.lookup.begin(), table.lookup.end(),
                   [](const Entry& a, const Entry& b) { return a.first < b.first; });
}

bool load_table(Language language, const void* data, size_t size, std::string* why) {
  TableFile file;
  if (!decode_table(data, size, &file, why)) return false;
  Table& table = table_of(language);
  table.file = std::move(file);
  use_table(language, table.file.entries.data(), int(table.file.entries.size()));
  return true;
}

bool table_ready(Language language) { return language == Language::kEnglish || table_of(language).entries; }

const Translation* language_table(Language language, int* size) {
  const Table& table = table_of(language);
  *size = table.size;
  return table.entries;
}

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
  const std::vector<Entry>& lookup = table_of(g_language).lookup;
  const std::string_view key(english);
  const auto it = std::lower_bound(lookup.begin(), lookup.end(), key,
                                   [](const Entry& e, std::string_view k) { return e.first < k; });
  return it == lookup.end() || it->first != key ? english : it->second;
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
  int size = 0;
  const Translation* table = language_table(language, &size);
  std::set<std::string> seen;
  std::string out;
  for (int i = 0; i < size; ++i) {
    const auto* s = reinterpret_cast<const unsigned char*>(table[i].text);
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
