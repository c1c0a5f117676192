#include "cli/args.h"

#include <cfloat>
#include <cmath>
#include <cstdlib>

namespace cnn {

std::string Args::get(const std::string& name, const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

Expected<int> Args::get_int(const std::string& name, int fallback, int lo, int hi) const {
  auto it = values.find(name);
  if (it == values.end()) return fallback;
  char* end = nullptr;
  const long v = std::strtol(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0' || v < lo || v > hi)
    return make_error("--" + name + " " + it->second + ": expected a whole number from " + std::to_string(lo) +
                      " to " + std::to_string(hi));
  return int(v);
}

Expected<float> Args::get_float(const std::string& name, float fallback) const {
  auto it = values.find(name);
  if (it == values.end()) return fallback;
  // Decimal only: strtod would also take "0x1p-4", "inf" and "nan".
  const std::string& text = it->second;
  if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string::npos)
    return make_error("--" + name + " " + text + ": expected a decimal number such as 0.01 or 1e-3");
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (*end != '\0' || !std::isfinite(v)) return make_error("--" + name + " " + text + ": expected a number");
  // Beyond float's range it would silently become 0 or infinity ("learning rate 0" for 1e-50).
  if (v != 0 && (std::fabs(v) < double(FLT_MIN) || std::fabs(v) > double(FLT_MAX)))
    return make_error("--" + name + " " + text + ": outside the range of a float (about 1.2e-38 to 3.4e38 in size)");
  return float(v);
}

Expected<Args> parse_args(int argc, char** argv, const std::set<std::string>& options,
                          const std::set<std::string>& flags) {
  Args args;
  if (argc < 2) return make_error("no command given");
  args.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) != 0) return make_error("unexpected argument '" + word + "' (options start with --)");
    std::string name = word.substr(2);
    std::string value;
    size_t eq = name.find('=');
    bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name)) {
      if (inline_value) return make_error("--" + name + " takes no value");
      args.values[name] = "";
      continue;
    }
    if (!options.count(name)) return make_error("unknown option --" + name + " for '" + args.command + "'");
    if (!inline_value) {
      if (i + 1 >= argc) return make_error("--" + name + " needs a value");
      value = argv[++i];
    }
    if (args.values.count(name)) return make_error("--" + name + " given twice");
    args.values[name] = value;
  }
  return args;
}

}  // namespace cnn
