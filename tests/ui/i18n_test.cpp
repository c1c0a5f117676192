// The string tables against the UI's sources: every string the UI draws (a literal inside
// tr(), trf(), tr_id() or N_() anywhere under ui/) is in every table, no table keeps a string
// the UI dropped, and a translation keeps its printf conversions in order (it is the format
// snprintf gets: "%d of %s" translated as "%s ... %d" would read an int as a pointer). The
// Chinese font subset the build cut has a glyph for every character the table uses.
#include <gtest/gtest.h>

#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "i18n/language.h"
#include "i18n/linked_tables.h"
#include "i18n/table_file.h"

#define STB_TRUETYPE_IMPLEMENTATION
#include "imstb_truetype.h"

namespace cnn::ui {
namespace {

struct Use {
  std::string file;
  int line;
};

// The value of the C string literal starting at s[i] (the opening quote); i ends past it.
std::string read_literal(const std::string& s, size_t& i) {
  std::string out;
  for (++i; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c == 'n') out += '\n';
    else if (c == 't') out += '\t';
    else if (c == 'x') {
      int v = 0;
      while (i + 1 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])))
        v = v * 16 + std::stoi(std::string(1, s[++i]), nullptr, 16);
      out += char(v);
    } else out += c;  // \" \\ \'
  }
  ++i;
  return out;
}

// Every literal passed as the first argument of tr, trf, tr_id or N_ in `source`, outside
// comments, by line.
void extract(const std::string& source, const std::string& file, std::map<std::string, std::vector<Use>>& uses) {
  static const char* const kMarkers[] = {"tr(", "trf(", "tr_id(", "N_("};
  int line = 1;
  for (size_t i = 0; i < source.size();) {
    const char c = source[i];
    if (c == '\n') ++line, ++i;
    else if (source.compare(i, 2, "//") == 0) i = source.find('\n', i);
    else if (source.compare(i, 2, "/*") == 0) {
      const size_t end = source.find("*/", i);
      for (; i < end; ++i) line += source[i] == '\n';
      i = end + 2;
    } else if (c == '"') read_literal(source, i);
    else if (c == '\'') i = source.find('\'', i + (source[i + 1] == '\\' ? 3 : 2)) + 1;
    else {
      bool found = false;
      const bool starts_word = i == 0 || !(std::isalnum(static_cast<unsigned char>(source[i - 1])) || source[i - 1] == '_');
      for (const char* marker : kMarkers) {
        const size_t n = std::strlen(marker);
        if (!starts_word || source.compare(i, n, marker) != 0) continue;
        size_t j = i + n;
        while (j < source.size() && source[j] == ' ') ++j;
        if (j < source.size() && source[j] == '"') {
          uses[read_literal(source, j)].push_back({file, line});
          i = j;
          found = true;
        }
        break;
      }
      if (!found) ++i;
    }
    if (i == std::string::npos) break;
  }
}

std::map<std::string, std::vector<Use>> ui_strings() {
  std::map<std::string, std::vector<Use>> uses;
  const std::filesystem::path root = std::filesystem::path(CNN_SOURCE_DIR) / "ui";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    const std::filesystem::path& p = entry.path();
    if (p.parent_path().filename() == "i18n" || (p.extension() != ".cpp" && p.extension() != ".h")) continue;
    std::ifstream in(p, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    extract(text.str(), std::filesystem::relative(p, root).string(), uses);
  }
  return uses;
}


TEST(Strings, TheExtractorFindsTheUisStrings) {
  const auto uses = ui_strings();
  ASSERT_GT(uses.size(), 300u) << "the extractor found too few strings: is CNN_SOURCE_DIR right?";
  EXPECT_TRUE(uses.count("Draw & train"));
  EXPECT_TRUE(uses.count("Language: %s. Click for %s."));
  // The extractor itself: comments are skipped, escapes decoded, other calls ignored.
  std::map<std::string, std::vector<Use>> found;
  extract("// tr(\"commented\")\nstr(\"no\"); tr(\"a\\\"b\"); /* N_(\"x\") */ tr_id(\"c\\xE2\\x80\\xA6\", \"id\");\n"
          "x = trf(\"%d of %d\", 1, 2); char q = '\"'; N_(\"d\");",
          "t.cpp", found);
  std::set<std::string> keys;
  for (const auto& [k, v] : found) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"a\"b", "c\xE2\x80\xA6", "%d of %d", "d"}));
  EXPECT_EQ(found["d"][0].line, 3);
}

TEST(Strings, EveryTableHasEveryStringOfTheUiAndNoOther) {
  const auto uses = ui_strings();
  int count = 0;
  const LanguageInfo* all = languages(&count);
  use_linked_tables();
  for (int l = 0; l < count; ++l) {
    int size = 0;
    const Translation* entries = language_table(all[l].language, &size);
    if (all[l].language != Language::kEnglish) {
      EXPECT_GT(size, 0) << all[l].code << ": no table linked";
    }
    if (!entries) continue;
    std::map<std::string, int> table;
    for (int i = 0; i < size; ++i) {
      EXPECT_EQ(table.count(entries[i].english), 0u) << all[l].code << ": twice: " << entries[i].english;
      table[entries[i].english] = i;
    }
    for (const auto& [english, where] : uses)
      EXPECT_TRUE(table.count(english)) << all[l].code << ": missing \"" << english << "\" (" << where[0].file << ":"
                                        << where[0].line << ")";
    for (const auto& [english, index] : table)
      EXPECT_TRUE(uses.count(english)) << all[l].code << ": the UI no longer uses \"" << english << "\"";
  }
}

TEST(Strings, TranslationsKeepTheirConversionsAndIds) {
  int count = 0;
  const LanguageInfo* all = languages(&count);
  use_linked_tables();
  for (int l = 0; l < count; ++l) {
    int size = 0;
    const Translation* entries = language_table(all[l].language, &size);
    for (int i = 0; i < size; ++i) {
      const Translation& t = entries[i];
      EXPECT_EQ(printf_conversions(t.english), printf_conversions(t.text)) << all[l].code << ": \"" << t.english << "\" -> \"" << t.text << "\"";
      EXPECT_NE(std::string(t.text), "") << t.english;
      EXPECT_EQ(std::string(t.text).find("##"), std::string::npos) << "an ImGui id in a translation: " << t.text;
    }
  }
}

TEST(Strings, TrAndTrIdFollowTheLanguage) {
  use_linked_tables();
  set_language(Language::kEnglish);
  EXPECT_STREQ(tr("Draw & train"), "Draw & train");
  EXPECT_STREQ(tr_id("Draw & train", "mode_draw"), "Draw & train###mode_draw");
  EXPECT_EQ(trf("Language: %s. Click for %s.", "English", "x"), "Language: English. Click for x.");
  set_language(Language::kChinese);
  EXPECT_STRNE(tr("Draw & train"), "Draw & train");
  const std::string label = tr_id("Draw & train", "mode_draw");
  EXPECT_EQ(label.substr(label.size() - 12), "###mode_draw");
  EXPECT_STREQ(tr("a string no table has"), "a string no table has");
  // Longer than trf's first buffer: the whole text, not a cut one.
  const std::string long_name(400, 'x');
  EXPECT_EQ(trf("Language: %s. Click for %s.", long_name.c_str(), "y").size(), std::string(tr("Language: %s. Click for %s.")).size() - 4 + 401);
  set_language(Language::kEnglish);
}

// The page's table file (ui/i18n/table_file.h): the compiled table comes back whole, and every
// damaged form is refused with a reason while the table in use stays.
TEST(TableFile, RoundTripsTheChineseTable) {
  use_linked_tables();
  int size = 0;
  const Translation* linked = language_table(Language::kChinese, &size);
  ASSERT_GT(size, 100);
  const std::string bytes = encode_table(linked, size);
  TableFile file;
  std::string why;
  ASSERT_TRUE(decode_table(bytes.data(), bytes.size(), &file, &why)) << why;
  ASSERT_EQ(int(file.entries.size()), size);
  for (int i = 0; i < size; ++i) {
    EXPECT_STREQ(file.entries[i].english, linked[i].english);
    EXPECT_STREQ(file.entries[i].text, linked[i].text);
  }
  // Moved, the entries still point at its bytes (a short table fits a std::string's own buffer).
  const Translation one[] = {{"a", "b"}};
  const std::string small = encode_table(one, 1);
  TableFile first;
  ASSERT_TRUE(decode_table(small.data(), small.size(), &first, &why)) << why;
  const TableFile moved = std::move(first);
  EXPECT_STREQ(moved.entries[0].english, "a");
  EXPECT_STREQ(moved.entries[0].text, "b");
}

TEST(TableFile, RefusesDamagedFilesAndKeepsTheTableInUse) {
  const Translation entries[] = {{"Load", "加载"}, {"%d of %d", "第 %d 个，共 %d 个"}};
  const std::string good = encode_table(entries, 2);
  TableFile file;
  std::string why;
  for (size_t cut = 0; cut < good.size(); ++cut) {
    why.clear();
    EXPECT_FALSE(decode_table(good.data(), cut, &file, &why)) << "cut at " << cut;
    EXPECT_FALSE(why.empty()) << cut;
  }
  EXPECT_FALSE(decode_table((good + "x").data(), good.size() + 1, &file, &why));
  EXPECT_NE(why.find("after the last entry"), std::string::npos) << why;
  std::string huge = good;
  huge[8] = huge[9] = huge[10] = huge[11] = char(0xFF);
  EXPECT_FALSE(decode_table(huge.data(), huge.size(), &file, &why));
  EXPECT_NE(why.find("more than the file holds"), std::string::npos) << why;
  const Translation swapped[] = {{"%d of %s", "%s 的 %d"}};
  const std::string bad = encode_table(swapped, 1);
  EXPECT_FALSE(decode_table(bad.data(), bad.size(), &file, &why));
  EXPECT_NE(why.find("printf"), std::string::npos) << why;
  EXPECT_FALSE(decode_table("CNNTABLX\0\0\0\0", 12, &file, &why));

  // Refused by load_table, the table in use stays; a good file replaces it.
  use_linked_tables();
  set_language(Language::kChinese);
  const std::string linked_load = tr("Load");
  EXPECT_NE(linked_load, "Load");
  EXPECT_FALSE(load_table(Language::kChinese, bad.data(), bad.size(), &why));
  EXPECT_EQ(std::string(tr("Load")), linked_load);
  ASSERT_TRUE(load_table(Language::kChinese, good.data(), good.size(), &why)) << why;
  EXPECT_STREQ(tr("Load"), "加载");
  EXPECT_STREQ(tr("Cancel"), "Cancel");  // not in this small table: English
  // Before a table is in, the language answers in English.
  use_table(Language::kChinese, nullptr, 0);
  EXPECT_FALSE(table_ready(Language::kChinese));
  EXPECT_STREQ(tr("Load"), "Load");
  use_linked_tables();
  EXPECT_TRUE(table_ready(Language::kChinese));
  set_language(Language::kEnglish);
}

TEST(Strings, LanguageCodesFromLinksAndBrowsers) {
  Language l = Language::kEnglish;
  for (const char* zh : {"zh", "zh-CN", "zh_TW", "ZH-Hans-CN"}) {
    l = Language::kEnglish;
    EXPECT_TRUE(language_from_code(zh, &l)) << zh;
    EXPECT_EQ(l, Language::kChinese) << zh;
  }
  EXPECT_TRUE(language_from_code("en-GB", &l));
  EXPECT_EQ(l, Language::kEnglish);
  for (const char* bad : {"", "z", "fr", "zhx", "de-DE", "e"}) EXPECT_FALSE(language_from_code(bad, &l)) << bad;
}

TEST(Strings, TheChineseFontHasEveryCharacterOfItsTable) {
  std::ifstream in(CNN_ZH_FONT, std::ios::binary);
  ASSERT_TRUE(in) << CNN_ZH_FONT << " is missing (the build cuts it from fonts-wqy-microhei)";
  const std::vector<unsigned char> font((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  stbtt_fontinfo info;
  ASSERT_TRUE(stbtt_InitFont(&info, font.data(), stbtt_GetFontOffsetForIndex(font.data(), 0)));
  use_linked_tables();
  const std::string glyphs = glyphs_used(Language::kChinese);
  ASSERT_GT(glyphs.size(), 300u);
  int checked = 0;
  for (size_t i = 0; i < glyphs.size();) {
    const auto b = [&](size_t k) { return int(static_cast<unsigned char>(glyphs[i + k])); };
    const int len = b(0) < 0xF0 ? 3 : 4;
    const int cp = len == 3 ? ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F)
                            : ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    // The main font (DejaVu) draws the symbols it has (arrows, dashes); the rest must be here.
    const bool dejavus = cp < 0x2E80;
    if (!dejavus) {
      EXPECT_NE(stbtt_FindGlyphIndex(&info, cp), 0) << "no glyph for " << glyphs.substr(i, size_t(len));
      ++checked;
    }
    i += size_t(len);
  }
  EXPECT_GT(checked, 300);
  // The switch's "中文" comes from the small font that is always loaded.
  std::ifstream names_in(CNN_NAMES_FONT, std::ios::binary);
  ASSERT_TRUE(names_in) << CNN_NAMES_FONT << " is missing";
  const std::vector<unsigned char> names((std::istreambuf_iterator<char>(names_in)), std::istreambuf_iterator<char>());
  stbtt_fontinfo names_info;
  ASSERT_TRUE(stbtt_InitFont(&names_info, names.data(), stbtt_GetFontOffsetForIndex(names.data(), 0)));
  EXPECT_EQ(glyphs_of_names(), "中文");
  EXPECT_NE(stbtt_FindGlyphIndex(&names_info, 0x4E2D), 0);  // 中
  EXPECT_NE(stbtt_FindGlyphIndex(&names_info, 0x6587), 0);  // 文
  EXPECT_LT(names.size(), 4000u) << "the names' font is loaded with every page: it must stay tiny";
  // A character no table uses was cut away: the subset is a subset.
  EXPECT_EQ(stbtt_FindGlyphIndex(&info, 0x9F98), 0) << "U+9F98 is in the font: was it cut?";
}

}  // namespace
}  // namespace cnn::ui
