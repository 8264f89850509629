#include "conformance/engine/run_state.h"

namespace ock::conformance::engine {

std::string RunState::key_of(Fact key, std::size_t index) {
  std::string k(key.name);
  if (index > 0) k += "#" + std::to_string(index);
  return k;
}

void RunState::publish(Fact key, HttpExchange x, std::size_t index) {
  std::lock_guard lock(mu_);
  published_.insert_or_assign(key_of(key, index), std::move(x));
}

std::optional<HttpExchange> RunState::published(Fact key, std::size_t index) const {
  std::lock_guard lock(mu_);
  auto it = published_.find(key_of(key, index));
  if (it == published_.end()) return std::nullopt;
  return it->second;
}

void RunState::set_fact(Fact key, std::string value) {
  std::lock_guard lock(mu_);
  facts_.insert_or_assign(std::string(key.name), std::move(value));
}

std::optional<std::string> RunState::fact(Fact key) const {
  std::lock_guard lock(mu_);
  auto it = facts_.find(key.name);
  if (it == facts_.end()) return std::nullopt;
  return it->second;
}

bool RunState::has(Fact key) const {
  std::lock_guard lock(mu_);
  return facts_.contains(key.name) || published_.contains(key.name);
}

void RunState::add_token_response(std::string case_id, std::string kind, HttpExchange x) {
  std::lock_guard lock(mu_);
  token_responses_.push_back({std::move(case_id), std::move(kind), std::move(x)});
}

std::vector<LoggedExchange> RunState::token_responses() const {
  std::lock_guard lock(mu_);
  return token_responses_;
}

void RunState::add_error_response(std::string case_id, HttpExchange x) {
  std::lock_guard lock(mu_);
  error_responses_.push_back({std::move(case_id), "error", std::move(x)});
}

std::vector<LoggedExchange> RunState::error_responses() const {
  std::lock_guard lock(mu_);
  return error_responses_;
}

void RunState::log_exchange(std::string case_id, HttpExchange x) {
  std::lock_guard lock(mu_);
  all_.push_back({std::move(case_id), "", std::move(x)});
}

std::vector<LoggedExchange> RunState::all_exchanges() const {
  std::lock_guard lock(mu_);
  return all_;
}

void RunState::add_secret(std::string value) {
  if (value.empty()) return;
  std::lock_guard lock(mu_);
  secrets_.insert(std::move(value));
}

std::vector<std::string> RunState::secrets() const {
  std::lock_guard lock(mu_);
  return {secrets_.begin(), secrets_.end()};
}

}  // namespace ock::conformance::engine

namespace ock::conformance::engine {

void RunState::add_redacted(std::string value) {
  if (value.empty()) return;
  std::lock_guard lock(mu_);
  redacted_.insert(std::move(value));
}

std::vector<std::string> RunState::redacted() const {
  std::lock_guard lock(mu_);
  return {redacted_.begin(), redacted_.end()};
}

}  // namespace ock::conformance::engine
