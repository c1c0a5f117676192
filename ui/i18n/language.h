// The page's words in each language. Every English string the UI shows is written once, in
// English, inside tr("...") where it is drawn, or inside N_("...") where it sits in a data
// table and goes through tr() when drawn; tr() returns it in the current language.
//
// A language is one table file (strings_zh.cpp): English text -> its translation. A third
// language is one more file, one line in kLanguages (language.cpp) and one in linked_tables.cpp.
// Natively the tables are compiled in; the page fetches a language's table with its font
// (table_file.h), and until it is there tr() answers in English. tests/ui/i18n_test.cpp
// reads ui/ for every tr("...") and N_("...") and fails when a table lacks one, holds one the
// UI no longer uses, or changes a printf conversion ("%d of %d" must keep its %d and %d, in
// that order: the translation is the format snprintf gets).
//
// Labels of ImGui items that keep state (tabs, headers, windows, tables) go through tr_id():
// "开始###train_start" keeps the id of "Start###train_start", so switching the language keeps
// the open tab and the folded headers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// A no-op marker for the extractor: the string is translated where it is drawn.
#define N_(english) english

namespace cnn::ui {

enum class Language : int { kEnglish, kChinese };

struct Translation {
  const char* english;
  const char* text;
};

struct LanguageInfo {
  Language language;
  const char* code;  // "en", "zh": ?lang= in a link, the start of navigator.language
  const char* name;  // in its own words: what the switch shows
};

// Every language the page speaks, English first.
const LanguageInfo* languages(int* count);
const LanguageInfo& language_info(Language language);
// The characters of every language's name above Latin ("中文"), as UTF-8: the glyphs the
// switch needs in every language.
std::string glyphs_of_names();
// "zh", "zh-CN", "zh-Hans-CN" -> Chinese; "en-GB" -> English; anything else -> false.
bool language_from_code(std::string_view code, Language* out);

// A language's table, compiled in (linked_tables.h) or decoded from its file; the table must
// outlive its use.
void use_table(Language language, const Translation* table, int size);
// The bytes of a table file (table_file.h), kept; false with *why, and the table unchanged,
// for bytes that are not one.
bool load_table(Language language, const void* data, size_t size, std::string* why);
// English always is; another language once its table is in.
bool table_ready(Language language);
// A language's table (nullptr and 0 for English, or before it is in).
const Translation* language_table(Language language, int* size);

void set_language(Language language);
Language current_language();

// `english` in the current language; `english` itself when English is on or the table lacks it
// (the test above keeps that from shipping).
#if defined(__GNUC__)
__attribute__((format_arg(1)))
#endif
const char* tr(const char* english);

// tr(english) + "###" + id: a label whose ImGui id does not change with the language. Valid
// until the next 64 calls (a ring of buffers, enough for one panel's labels).
const char* tr_id(const char* english, const char* id);

// snprintf into a std::string with tr(format) as the format.
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
std::string trf(const char* english_format, ...);

// The characters a language's table uses that lie above Latin (CJK ideographs and punctuation):
// the glyphs its font must have, deduplicated, as UTF-8.
std::string glyphs_used(Language language);

}  // namespace cnn::ui
