// A lesson in the page's address: ?mode=convolution&lang=zh&conv.kernel=sobel-x&conv.stride=2
//
// What a teacher sets (the view, the language, presenter mode, the network, the training
// settings, each explorer's input, kernel, padding, stride and step) is written into the query
// as it changes (web/main.js replaces the address without reloading), and a link opened later
// sets it all again. Only values that differ from the page's defaults are written, so a link
// stays short and readable; names are words, not indices (conv.kernel=vertical-edge).
//
// Reading is forgiving: an unknown key or a bad value is skipped with a note saying which and
// why, and the page opens with the rest (LinkReader::notes).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cnn::ui {

using LinkParams = std::vector<std::pair<std::string, std::string>>;

// "?a=1&b=x+y%3B" -> {{"a","1"},{"b","x y;"}} (the leading '?' is optional; '+' is a space).
LinkParams parse_query(std::string_view query);
// The other way: "" for no params, else "?a=1&b=x+y%3B" (letters, digits and -_.,~*: kept).
std::string make_query(const LinkParams& params);
// "Course: 6x6, bright left half" -> "course-6x6-bright-left-half": a preset's name in a link.
std::string slug(std::string_view english_name);
// `first`, then the slug of each preset's name: the words a link may choose from.
template <typename Presets>
std::vector<std::string> link_names(std::vector<std::string> first, const Presets& presets) {
  for (const auto& p : presets) first.push_back(slug(p.name));
  return first;
}

class LinkReader {
 public:
  explicit LinkReader(LinkParams params) : params_(std::move(params)), used_(params_.size(), false) {}

  // Each sets *out and returns true when `key` is present and valid; a present but bad value
  // leaves *out alone and adds a note.
  bool text(const char* key, std::string* out);
  bool integer(const char* key, int lo, int hi, int* out);
  bool number(const char* key, float lo, float hi, float* out);
  bool flag(const char* key, bool* out);  // 1 or 0
  // One of `names` (count of them); *out is its index.
  bool choice(const char* key, const char* const names[], int count, int* out);
  bool choice(const char* key, const std::vector<std::string>& names, int* out);
  // Comma-separated numbers, `count` of them, each in lo..hi.
  bool numbers(const char* key, int count, float lo, float hi, std::vector<float>* out);
  // A note for a value that parsed but does not fit with the rest (a kernel of the wrong size).
  void reject(const char* key, const std::string& why);

  // The notes so far, plus one for every key nothing asked for; call once, after reading.
  std::vector<std::string> finish();

 private:
  const std::string* find(const char* key);
  void note(const char* key, const std::string& value, const std::string& why);

  LinkParams params_;
  std::vector<bool> used_;
  std::vector<std::string> notes_;
};

class LinkWriter {
 public:
  void text(const char* key, const std::string& value) { params_.emplace_back(key, value); }
  void integer(const char* key, int value) { text(key, std::to_string(value)); }
  void number(const char* key, float value);  // the shortest text that reads back the same
  void numbers(const char* key, const std::vector<float>& values);
  const LinkParams& params() const { return params_; }

 private:
  LinkParams params_;
};

}  // namespace cnn::ui
