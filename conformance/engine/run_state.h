// What cases share during one run: facts (observations such as "grant.password" = "works", and
// exchanges one case publishes for others), the successful token replies (token_response.*
// judges them), the token endpoint's error replies and every exchange of the run (collected by
// the Probe for every case), and every secret seen (for redaction). Keys are the typed Fact
// constants of model/ids.h. Thread-safe; judges nothing.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/engine/http.h"
#include "conformance/model/ids.h"

namespace ock::conformance::engine {

struct LoggedExchange {
  std::string case_id;
  std::string kind;  // token replies: "password", "refresh", "client_credentials"
  HttpExchange exchange;
};

class RunState {
 public:
  // An exchange for later cases; `index` tells apart the members of a published series.
  void publish(Fact key, HttpExchange x, std::size_t index = 0);
  std::optional<HttpExchange> published(Fact key, std::size_t index = 0) const;

  // An observation: set_fact(facts::kGrantPassword, "works").
  void set_fact(Fact key, std::string value);
  std::optional<std::string> fact(Fact key) const;
  // Whether a case wrote the fact (an observation or a published exchange).
  bool has(Fact key) const;

  // Successful token replies of the given kind ("password", "refresh", "client_credentials").
  void add_token_response(std::string case_id, std::string kind, HttpExchange x);
  std::vector<LoggedExchange> token_responses() const;
  // Token-endpoint error replies (status >= 400), collected by Probe::send automatically.
  void add_error_response(std::string case_id, HttpExchange x);
  std::vector<LoggedExchange> error_responses() const;

  // Every exchange of the run, in the order sent (Probe::send logs them).
  void log_exchange(std::string case_id, HttpExchange x);
  std::vector<LoggedExchange> all_exchanges() const;

  // Values that must never appear in a report: tokens seen, canaries sent as passwords. Known
  // secrets: security.no_secret_leakage looks for them in every reply.
  void add_secret(std::string value);
  std::vector<std::string> secrets() const;
  // Values a report must hide although the target legitimately hands them out where they show
  // (an authorization code in a Location, a session id in Set-Cookie, the runner's own PKCE
  // verifier echoed in a form action): redacted, never counted as a leak.
  void add_redacted(std::string value);
  std::vector<std::string> redacted() const;

 private:
  static std::string key_of(Fact key, std::size_t index);

  mutable std::mutex mu_;
  std::map<std::string, HttpExchange, std::less<>> published_;
  std::map<std::string, std::string, std::less<>> facts_;
  std::vector<LoggedExchange> token_responses_;
  std::vector<LoggedExchange> error_responses_;
  std::vector<LoggedExchange> all_;
  std::set<std::string> secrets_;
  std::set<std::string> redacted_;
};

}  // namespace ock::conformance::engine
