// A tiny JSON object writer for the CLI's --json lines: one flat object per line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cnn {

class JsonLine {
 public:
  JsonLine& add(const std::string& key, const std::string& value);
  JsonLine& add(const std::string& key, const char* value) { return add(key, std::string(value)); }
  JsonLine& add(const std::string& key, double value);
  JsonLine& add(const std::string& key, int64_t value);
  JsonLine& add(const std::string& key, int value) { return add(key, int64_t(value)); }
  JsonLine& add(const std::string& key, bool value);
  JsonLine& add_raw(const std::string& key, const std::string& json);  // already-encoded JSON
  std::string str() const { return "{" + body_ + "}"; }

 private:
  void key(const std::string& k);
  std::string body_;
};

std::string json_string(const std::string& s);

}  // namespace cnn
