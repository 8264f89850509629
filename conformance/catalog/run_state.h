// What cases share during one run: published exchanges (C1's token response for the F cases),
// token responses and negative token-endpoint replies (F1-F9), observations ("facts", e.g. for
// A4's capability check), every exchange (M6) and every secret seen (for redaction). Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/catalog/transport.h"

namespace ock::conformance::catalog {

struct LoggedExchange {
  std::string case_id;
  std::string kind;  // token responses: "password", "refresh", "client_credentials"
  HttpExchange exchange;
};

class RunState {
 public:
  // A named exchange for later cases, e.g. publish("password.success.basic", x).
  void publish(std::string key, HttpExchange x);
  std::optional<HttpExchange> published(std::string_view key) const;

  // Successful token responses of the given kind ("password", "refresh", "client_credentials").
  void add_token_response(std::string case_id, std::string kind, HttpExchange x);
  std::vector<LoggedExchange> token_responses() const;
  // Token-endpoint error responses (status >= 400), collected by Probe::send automatically.
  void add_error_response(std::string case_id, HttpExchange x);
  std::vector<LoggedExchange> error_responses() const;

  // Observations: "grant.password" = "works", "auth.client_secret_post" = "rejected", ...
  void set_fact(std::string key, std::string value);
  std::optional<std::string> fact(std::string_view key) const;
  std::map<std::string, std::string> facts() const;

  // Every exchange of the run, in the order sent (Probe::send logs them).
  void log_exchange(std::string case_id, HttpExchange x);
  std::vector<LoggedExchange> all_exchanges() const;

  // Values that must never appear in a report: tokens seen, canaries sent as passwords.
  void add_secret(std::string value);
  std::vector<std::string> secrets() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, HttpExchange, std::less<>> published_;
  std::vector<LoggedExchange> token_responses_;
  std::vector<LoggedExchange> error_responses_;
  std::map<std::string, std::string, std::less<>> facts_;
  std::vector<LoggedExchange> all_;
  std::set<std::string> secrets_;
};

}  // namespace ock::conformance::catalog
