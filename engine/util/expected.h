// Expected<T>: a value or an error message. Our C++17 stand-in for std::expected.
//
// Readers of outside bytes (model files, datasets, spec text, messages) return one of
// these; they never throw or abort. The message names what was wrong and, where it
// helps, what to do:  "model.bin: version 3, expected 1 (re-export it from the playground)".
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cnn {

struct Error {
  std::string message;
};

inline Error make_error(std::string message) { return Error{std::move(message)}; }

template <typename T>
class Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}
  Expected(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const std::string& error() const { return std::get<1>(state_).message; }

 private:
  std::variant<T, Error> state_;
};

// For operations that produce nothing but may fail.
struct Ok {};
using Status = Expected<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace cnn
