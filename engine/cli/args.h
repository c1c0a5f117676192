// Command-line arguments: `cnnplay COMMAND [--name value | --flag]...`.
#pragma once

#include <map>
#include <set>
#include <string>

#include "util/expected.h"

namespace cnn {

struct Args {
  std::string command;
  std::map<std::string, std::string> values;  // "--epochs 3" -> {"epochs", "3"}; flags map to ""

  bool has(const std::string& name) const { return values.count(name) > 0; }
  std::string get(const std::string& name, const std::string& fallback) const;
  Expected<int> get_int(const std::string& name, int fallback, int lo, int hi) const;
  Expected<float> get_float(const std::string& name, float fallback) const;
};

// `flags` take no value; every other allowed option takes exactly one.
Expected<Args> parse_args(int argc, char** argv, const std::set<std::string>& options,
                          const std::set<std::string>& flags);

}  // namespace cnn
