// Count: a non-negative 64-bit count (parameters, multiply-accumulates, bytes) that remembers
// overflow instead of wrapping. Every such count here comes from text a user wrote or a file
// they chose: "conv 65536 1024x1024 pad 512" over a 268-million-wide input wrapped to
// "65,536 params, 0 MACs" with plain int64_t (signed overflow, undefined behaviour), slipping
// past the size checks. Once overflowed, a Count stays overflowed through + and *.
//
//   Count n = Count(units) * in.c * kh * kw + units;
//   if (n.overflowed()) return make_error("... too large to count");
#pragma once

#include <cstdint>

namespace cnn {

class Count {
 public:
  constexpr Count(int64_t value = 0) : value_(value < 0 ? 0 : value), overflowed_(value < 0) {}  // NOLINT: implicit

  int64_t value() const { return value_; }
  bool overflowed() const { return overflowed_; }

  friend Count operator+(Count a, Count b) {
    Count r;
    r.overflowed_ = a.overflowed_ || b.overflowed_ || __builtin_add_overflow(a.value_, b.value_, &r.value_);
    return r;
  }
  friend Count operator*(Count a, Count b) {
    Count r;
    r.overflowed_ = a.overflowed_ || b.overflowed_ || __builtin_mul_overflow(a.value_, b.value_, &r.value_);
    return r;
  }
  Count& operator+=(Count b) { return *this = *this + b; }
  Count& operator*=(Count b) { return *this = *this * b; }

 private:
  int64_t value_ = 0;
  bool overflowed_ = false;
};

}  // namespace cnn
