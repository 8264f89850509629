// What a case body uses: the target profile, request builders for every endpoint, send (which
// records the exchange for the report), the facts cases share (only those the case declares),
// time, notes and SKIP/ERROR. One Probe per case execution; the runner builds it. Nothing here
// judges a response (checks/ does).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/engine/form.h"
#include "conformance/engine/profile.h"
#include "conformance/engine/recorder.h"
#include "conformance/engine/run_state.h"
#include "conformance/engine/secrets.h"
#include "conformance/engine/sleeper.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/transport.h"
#include "conformance/model/case.h"

namespace ock::conformance::engine {

// Where a bearer token travels to the resource server (RFC 6750 §2.1-§2.3).
enum class BearerIn { kHeader, kFormBody, kQuery, kNone };

// A fresh grant obtained by a case for itself (state-changing cases never share tokens).
struct Grant {
  std::string access_token;
  std::optional<std::string> refresh_token;
  std::optional<std::int64_t> expires_in;
  std::optional<std::string> scope;
  TimePoint issued_at;  // steady clock, just before the token request was sent (in the code
                        // flow: after the authorization steps, before the code's redemption)
  std::int64_t issued_at_unix = 0;
  HttpExchange exchange;
};

class Probe {
 public:
  Probe(const Case& current, const Profile& profile, Transport& transport, Sleeper& sleeper,
        RunState& shared, Recorder& recorder);

  const Profile& profile() const { return profile_; }
  const Case& current_case() const { return case_; }

  // ---- fixtures (each one SKIPs the case when the profile lacks it)
  const ClientCreds& client(std::string_view role = "primary");
  const UserCreds& user(std::string_view role = "primary");
  const ClientCreds& post_client();  // [POST]
  const Resource& rs();              // [RS]
  const Resource& rs_scoped();       // [RS-SCOPE]
  // A random, never-valid value, registered as a secret for redaction ("ock-canary-<hex>").
  std::string canary();
  // Registers a value the target handed out where it belongs (a code in a Location, a session
  // id in Set-Cookie) or the runner's own PKCE verifier: no report shows it, and finding it in
  // those places is no leak.
  void add_redacted(std::string value);
  // A random string of n characters from [A-Za-z0-9-._~] (a well-formed but unknown token).
  std::string random_token(std::size_t n = 43);

  // ---- request builders (nothing is sent)
  // POST token endpoint, form body; client credentials per `how` (kBasic: form-encoded Basic
  // header; kPost: client_id/client_secret appended to the body; kNone: none at all).
  HttpRequest token_request(const Form& form, const ClientCreds& client, AuthMethod how) const;
  // Same, with the client's own auth_method.
  HttpRequest token_request(const Form& form, const ClientCreds& client) const;
  // grant_type=password&username&password[&scope]; scope defaults to profile().scope_request
  // (pass "" to omit it).
  Form password_form(const UserCreds& user, std::optional<std::string> scope = std::nullopt) const;
  HttpRequest password_grant(std::string_view user_role = "primary",
                             std::string_view client_role = "primary");
  HttpRequest refresh_grant(std::string_view refresh_token,
                            std::string_view client_role = "primary",
                            std::optional<std::string> scope = std::nullopt);
  HttpRequest client_credentials_grant(std::string_view client_role = "primary",
                                       std::optional<std::string> scope = std::nullopt);
  // RFC 7009 / RFC 7662 calls with the client's credentials (SKIP when the endpoint is absent).
  HttpRequest revoke(std::string_view token, std::optional<std::string> hint = std::nullopt,
                     std::string_view client_role = "primary");
  HttpRequest introspect(std::string_view token, std::optional<std::string> hint = std::nullopt,
                         std::string_view client_role = "primary");
  // A call to a protected resource with the token where asked; a JSON body template gets a
  // fresh nonce. With kFormBody the token joins an application/x-www-form-urlencoded body.
  HttpRequest resource_call(const Resource& resource, std::optional<std::string> token,
                            BearerIn where = BearerIn::kHeader) const;

  // ---- sending: every exchange is recorded for the report (redacted by the runner)
  // Sends; a transport failure ends the case with ERROR.
  HttpExchange send(const HttpRequest& request, std::string label);
  // Sends; a transport failure is returned (and noted), for cases where no answer is the answer.
  Result<HttpExchange, TransportError> try_send(const HttpRequest& request, std::string label);
  // Sends all requests at the same time (one thread each); results in request order.
  std::vector<Result<HttpExchange, TransportError>> send_concurrently(
      const std::vector<HttpRequest>& requests, std::string label);

  // A fresh grant for this case from the token source (engine/grants.h): password, code flow or
  // client credentials; ERROR when the target does not issue one.
  Grant obtain_grant(std::string_view user_role = "primary",
                     std::string_view client_role = "primary",
                     std::optional<std::string> scope = std::nullopt);

  // ---- facts shared with other cases: only those the case's block declares in `reads` /
  // `writes` (anything else is a programming error: std::logic_error, the case ends in ERROR)
  void publish(Fact key, const HttpExchange& x, std::size_t index = 0);
  std::optional<HttpExchange> published(Fact key, std::size_t index = 0) const;
  void set_fact(Fact key, std::string value);
  std::optional<std::string> fact(Fact key) const;
  // A successful token reply for token_response.* (writes facts::kTokenReplies).
  void add_token_reply(std::string kind, const HttpExchange& x);
  // Every one so far (reads facts::kTokenReplies).
  std::vector<LoggedExchange> token_replies() const;
  // What every case feeds, needing no declaration: the token endpoint's error replies (but a
  // destructive case's), every exchange of the run, and every secret the run knows.
  std::vector<LoggedExchange> error_replies() const;
  std::vector<LoggedExchange> all_exchanges() const;
  std::vector<KnownSecret> known_secrets() const;

  // ---- time
  TimePoint now() const { return sleeper_.now(); }
  std::int64_t unix_seconds() const { return sleeper_.unix_seconds(); }
  void wait_until(TimePoint deadline) { sleeper_.sleep_until(deadline); }
  void sleep_for(std::chrono::milliseconds d) { sleeper_.sleep_until(sleeper_.now() + d); }

  // ---- scheduling
  // A destructive case's burst of requests is over: the rest of it waits and sends a request
  // now and then (security.bruteforce.*: the cool-down), so other cases may run beside it
  // (runner/scheduler.h). Calls what set_on_burst_over installed, if anything.
  void burst_over();
  void set_on_burst_over(std::function<void()> f) { on_burst_over_ = std::move(f); }

  // ---- outcome
  // An observation shown with the verdict ("server rotates refresh tokens").
  void note(std::string text);
  [[noreturn]] void skip(std::string reason);
  [[noreturn]] void error(std::string reason);
  // The exchanges this case sent, in order (the runner copies them into the report).
  std::vector<HttpExchange> exchanges() const;

 private:
  void remember(const HttpExchange& x);
  void check_declared(Fact key, const std::vector<Fact>& declared, const char* how) const;

  const Case& case_;
  const Profile& profile_;
  Transport& transport_;
  Sleeper& sleeper_;
  RunState& shared_;
  Recorder& recorder_;
  mutable std::mutex mu_;
  std::vector<HttpExchange> exchanges_;
  std::function<void()> on_burst_over_;
};

}  // namespace ock::conformance::engine
