#include "teach/planes.h"

namespace cnn::teach {

std::string planes_problem(const Planes& p, const std::string& what, int max_channels, int max_side) {
  const Shape3& s = p.shape;
  const std::string sides = std::to_string(s.h) + "x" + std::to_string(s.w);
  if (s.c < 1 || s.c > max_channels)
    return what + " has " + std::to_string(s.c) + " channels; this view takes " +
           (max_channels == 1 ? std::string("1") : "1 to " + std::to_string(max_channels));
  if (s.h < 1 || s.w < 1 || s.h > max_side || s.w > max_side)
    return what + " is " + sides + "; sides must be 1 to " + std::to_string(max_side);
  // Checked after the bounds above, so size() cannot overflow.
  if (int64_t(p.values.size()) != s.size())
    return what + " is " + std::to_string(s.c) + "x" + sides + " (" + std::to_string(s.size()) + " values) but " +
           std::to_string(p.values.size()) + " values came";
  return "";
}

}  // namespace cnn::teach
