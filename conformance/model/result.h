// Result<T, E> of the conformance side: a value or an error, the std::expected subset we use
// (has_value, operator bool, value, error, value_or, and_then). Protocol-free, std only. The
// runner keeps its own copy so that it shares nothing with the reference server.
#pragma once

#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace ock::conformance {

template <class E>
struct Failure {
  E error;
};

// fail(e): the error side of a Result, as in `return fail(TransportError{...});`.
template <class E>
Failure<std::decay_t<E>> fail(E&& e) {
  return Failure<std::decay_t<E>>{std::forward<E>(e)};
}

template <class T, class E>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  template <class G>
  Result(Failure<G> f) : error_(E(std::move(f.error))) {}  // NOLINT: implicit by design

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }

  T& value() & { return checked(); }
  const T& value() const& { return const_cast<Result*>(this)->checked(); }
  T&& value() && { return std::move(checked()); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; only meaningful when !has_value().
  const E& error() const {
    if (!error_) throw std::logic_error("Result::error() on a value");
    return *error_;
  }

  template <class U>
  T value_or(U&& fallback) const {
    return has_value() ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }

  template <class F>
  auto and_then(F&& f) const -> std::invoke_result_t<F, const T&> {
    if (has_value()) return f(*value_);
    return Failure<E>{*error_};
  }

 private:
  T& checked() {
    if (!value_) throw std::logic_error("Result::value() on an error");
    return *value_;
  }
  std::optional<T> value_;
  std::optional<E> error_;
};

}  // namespace ock::conformance
