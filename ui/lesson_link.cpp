#include "lesson_link.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "i18n/language.h"

namespace cnn::ui {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') out += ' ';
    else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += char(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else out += s[i];
  }
  return out;
}

std::string encode(std::string_view s) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || std::strchr("-_.,~*:", ch)) out += ch;
    else if (ch == ' ') out += '+';
    else out += '%', out += kHex[c >> 4], out += kHex[c & 15];
  }
  return out;
}

// The value shown in a note: cut, so that a hostile link cannot make a note of a megabyte.
std::string shown(const std::string& value) { return value.size() > 40 ? value.substr(0, 40) + "..." : value; }

// The shortest text that reads back as `v`: "10", "0.001", "1e-06".
std::string compact(float v) {
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 1e7f) {
    std::snprintf(buf, sizeof buf, "%d", int(v));
    return buf;
  }
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof buf, "%.*g", digits, double(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

bool parse_float(const std::string& s, float* out) {
  if (s.empty() || s.size() > 32) return false;
  char* end = nullptr;
  const float v = std::strtof(s.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

}  // namespace

LinkParams parse_query(std::string_view query) {
  LinkParams out;
  if (!query.empty() && query[0] == '?') query.remove_prefix(1);
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    out.emplace_back(decode(part.substr(0, eq)), eq == std::string_view::npos ? "" : decode(part.substr(eq + 1)));
  }
  return out;
}

std::string make_query(const LinkParams& params) {
  std::string out;
  for (const auto& [key, value] : params) out += (out.empty() ? "?" : "&") + encode(key) + "=" + encode(value);
  return out;
}

std::string slug(std::string_view name) {
  std::string out;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) out += char(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

const std::string* LinkReader::find(const char* key) {
  // The first one counts, as URLSearchParams.get() has it.
  for (size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].first != key) continue;
    used_[i] = true;
    for (size_t j = i + 1; j < params_.size(); ++j)
      if (params_[j].first == key) used_[j] = true;  // repeats are ignored quietly
    return &params_[i].second;
  }
  return nullptr;
}

void LinkReader::note(const char* key, const std::string& value, const std::string& why) {
  notes_.push_back(trf("%s=%s ignored: %s", key, shown(value).c_str(), why.c_str()));
}

void LinkReader::reject(const char* key, const std::string& why) {
  const std::string* value = find(key);
  note(key, value ? *value : "", why);
}

bool LinkReader::text(const char* key, std::string* out) {
  const std::string* value = find(key);
  if (!value) return false;
  *out = *value;
  return true;
}

bool LinkReader::integer(const char* key, int lo, int hi, int* out) {
  const std::string* value = find(key);
  if (!value) return false;
  float v = 0;
  if (!parse_float(*value, &v) || v != std::floor(v) || v < float(lo) || v > float(hi)) {
    note(key, *value, trf("not a whole number from %d to %d", lo, hi));
    return false;
  }
  *out = int(v);
  return true;
}

bool LinkReader::number(const char* key, float lo, float hi, float* out) {
  const std::string* value = find(key);
  if (!value) return false;
  float v = 0;
  if (!parse_float(*value, &v) || v < lo || v > hi) {
    note(key, *value, trf("not a number from %s to %s", compact(lo).c_str(), compact(hi).c_str()));
    return false;
  }
  *out = v;
  return true;
}

bool LinkReader::flag(const char* key, bool* out) {
  const std::string* value = find(key);
  if (!value) return false;
  if (*value != "0" && *value != "1") {
    note(key, *value, tr("not 1 or 0"));
    return false;
  }
  *out = *value == "1";
  return true;
}

bool LinkReader::choice(const char* key, const char* const names[], int count, int* out) {
  const std::string* value = find(key);
  if (!value) return false;
  std::string all;
  for (int i = 0; i < count; ++i) {
    if (*value == names[i]) {
      *out = i;
      return true;
    }
    all += (i ? ", " : "") + std::string(names[i]);
  }
  note(key, *value, trf("not one of %s", all.c_str()));
  return false;
}

bool LinkReader::choice(const char* key, const std::vector<std::string>& names, int* out) {
  std::vector<const char*> keys;
  for (const std::string& n : names) keys.push_back(n.c_str());
  return choice(key, keys.data(), int(keys.size()), out);
}

bool LinkReader::numbers(const char* key, int count, float lo, float hi, std::vector<float>* out) {
  const std::string* value = find(key);
  if (!value) return false;
  std::vector<float> parsed;
  size_t at = 0;
  while (at <= value->size() && int(parsed.size()) <= count) {
    const size_t comma = value->find(',', at);
    float v = 0;
    if (!parse_float(value->substr(at, comma - at), &v) || v < lo || v > hi) break;
    parsed.push_back(v);
    if (comma == std::string::npos) {
      if (int(parsed.size()) != count) break;
      *out = std::move(parsed);
      return true;
    }
    at = comma + 1;
  }
  note(key, *value, trf("not %d numbers from %s to %s, separated by commas", count, compact(lo).c_str(), compact(hi).c_str()));
  return false;
}

std::vector<std::string> LinkReader::finish() {
  for (size_t i = 0; i < params_.size(); ++i)
    if (!used_[i]) notes_.push_back(trf("%s ignored: the page knows no such setting", params_[i].first.c_str()));
  used_.assign(params_.size(), true);
  return std::move(notes_);
}

void LinkWriter::number(const char* key, float value) { text(key, compact(value)); }

void LinkWriter::numbers(const char* key, const std::vector<float>& values) {
  std::string s;
  for (float v : values) s += (s.empty() ? "" : ",") + compact(v);
  text(key, s);
}

}  // namespace cnn::ui
