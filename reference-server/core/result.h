// Result<T, E>: a value or an error, the std::expected subset the server needs (has_value,
// operator bool, value, error, value_or, and_then). Protocol-free; std only. Swap for
// std::expected once every tool here can see it.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace ock::server {

template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& e) {
  return {std::forward<E>(e)};
}

template <class T, class E>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  template <class G>
  Result(Unexpected<G> e) : v_(std::in_place_index<1>, E(std::move(e.error))) {}  // NOLINT

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { check(); return std::get<0>(v_); }
  const T& value() const& { check(); return std::get<0>(v_); }
  T&& value() && { check(); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const { return std::get<1>(v_); }

  template <class U>
  T value_or(U&& fallback) const {
    return has_value() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
  }

  // Like std::expected: equal to a value when it holds an equal value.
  template <class U>
    requires(!std::is_same_v<std::decay_t<U>, Result>)
  friend bool operator==(const Result& r, const U& v) {
    return r.has_value() && std::get<0>(r.v_) == v;
  }

  template <class F>
  auto and_then(F&& f) const& -> std::invoke_result_t<F, const T&> {
    if (has_value()) return f(std::get<0>(v_));
    return Unexpected<E>{error()};
  }

 private:
  void check() const {
    if (!has_value()) throw std::logic_error("Result::value() on an error");
  }
  std::variant<T, E> v_;
};

// Result<void, E>: success carries nothing.
template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  template <class G>
  Result(Unexpected<G> e) : err_(E(std::move(e.error))), ok_(false) {}  // NOLINT
  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const {
    if (!ok_) throw std::logic_error("Result::value() on an error");
  }
  const E& error() const { return err_; }

 private:
  E err_{};
  bool ok_ = true;
};

}  // namespace ock::server
