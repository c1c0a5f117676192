// A language's table as a file: the page fetches it with the language's font, the first time
// the language is chosen, so the Chinese table (39 kB of strings) is not in the UI module that
// every visitor loads before the first prediction. The build writes the file from the compiled
// table (ui/i18n/write_table.cpp); natively the table stays compiled in (linked_tables.h).
//
// Layout, little-endian, nothing after the last string:
//   "CNNTABLE"                        8 bytes
//   u32 count
//   count x { english NUL, text NUL }  UTF-8
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "i18n/language.h"

namespace cnn::ui {

// A decoded table; `entries` point into `bytes` (a vector: moving it keeps its buffer, where a
// short std::string would move its characters).
struct TableFile {
  std::vector<char> bytes;
  std::vector<Translation> entries;
};

std::string encode_table(const Translation* table, int size);

// False, with *why saying what is wrong, for bytes that are not one whole table, or whose
// translation changes a printf conversion of its English (the translation is the format
// snprintf gets: "%d" read as "%s" would read an int as a pointer).
bool decode_table(const void* data, size_t size, TableFile* out, std::string* why);

// The printf conversions of a format, in order ("%d", "%.1f"; "%%" left out).
std::vector<std::string> printf_conversions(const char* format);

}  // namespace cnn::ui
