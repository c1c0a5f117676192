#include "i18n/table_file.h"

#include <cstdint>
#include <cstring>

namespace cnn::ui {

namespace {

constexpr char kMagic[8] = {'C', 'N', 'N', 'T', 'A', 'B', 'L', 'E'};

}  // namespace

std::string encode_table(const Translation* table, int size) {
  std::string out(kMagic, sizeof kMagic);
  const uint32_t count = uint32_t(size);
  for (int shift = 0; shift < 32; shift += 8) out += char((count >> shift) & 0xFF);
  for (int i = 0; i < size; ++i) {
    out.append(table[i].english).push_back('\0');
    out.append(table[i].text).push_back('\0');
  }
  return out;
}

bool decode_table(const void* data, size_t size, TableFile* out, std::string* why) {
  const char* const bytes = static_cast<const char*>(data);
  const size_t header = sizeof kMagic + 4;
  if (size < header || std::memcmp(bytes, kMagic, sizeof kMagic) != 0) {
    *why = "not a string table (no CNNTABLE mark)";
    return false;
  }
  uint32_t count = 0;
  for (int i = 0; i < 4; ++i) count |= uint32_t(static_cast<unsigned char>(bytes[sizeof kMagic + i])) << (8 * i);
  // Each entry takes at least its two NULs: a count past that is a damaged header, refused
  // before anything is reserved for it.
  if (count > (size - header) / 2) {
    *why = "its count (" + std::to_string(count) + ") is more than the file holds";
    return false;
  }
  TableFile table;
  table.bytes.assign(bytes, bytes + size);
  table.entries.reserve(count);
  const char* const end = table.bytes.data() + table.bytes.size();
  const char* at = table.bytes.data() + header;
  for (uint32_t i = 0; i < count; ++i) {
    const char* strings[2];
    for (const char*& s : strings) {
      const void* nul = at < end ? std::memchr(at, '\0', size_t(end - at)) : nullptr;
      if (!nul) {
        *why = "entry " + std::to_string(i + 1) + " of " + std::to_string(count) + " is cut off";
        return false;
      }
      s = at;
      at = static_cast<const char*>(nul) + 1;
    }
    if (printf_conversions(strings[0]) != printf_conversions(strings[1])) {
      *why = std::string("the translation of \"") + strings[0] + "\" changes its printf conversions";
      return false;
    }
    table.entries.push_back({strings[0], strings[1]});
  }
  if (at != end) {
    *why = std::to_string(end - at) + " bytes after the last entry";
    return false;
  }
  *out = std::move(table);
  return true;
}

std::vector<std::string> printf_conversions(const char* format) {
  std::vector<std::string> out;
  const std::string f = format;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    if (i + 1 < f.size() && f[i + 1] == '%') {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < f.size() && std::strchr("0123456789.-+ #*lhzjt", f[j])) ++j;
    out.push_back(f.substr(i, j - i + 1));
    i = j;
  }
  return out;
}

}  // namespace cnn::ui
