// What every subcommand shares: the options, the HTTP client, the redactor that knows this run's
// secrets, lazy reading of the client secret and the password, --explain printing, and turning
// a failed exchange into one sentence and an exit code. Depends on the client's own units only.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "client/explain.h"
#include "client/http_client.h"
#include "client/mask.h"
#include "client/oauth_requests.h"
#include "client/token_cache.h"

namespace ock::client {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRefused = 1;      // the server answered, but not with success
inline constexpr int kExitUsage = 2;        // bad flags or missing input (secret, cached token)
inline constexpr int kExitUnreachable = 3;  // no HTTP answer: refused, timeout, TLS

struct Options {
  ServerConfig server;
  bool server_given = false;  // --server or OAUTH_SERVER; otherwise the cached server is used
  std::string client_id;
  std::string username;
  std::string scope;
  std::string client_secret_file;
  std::string password_file;
  TlsOptions tls;
  bool explain = false;
  std::string cache_file;
  // call
  std::string method = "GET";
  std::string json_body;
  std::string path;
  // revoke --access, introspect --refresh
  bool use_access = false;
  bool use_refresh = false;
  // walkthrough
  bool no_pause = false;
  std::string users_path = "/api/users/";
  std::string flow = "password";  // or "code"
  // walkthrough --flow code
  std::string redirect_uri = "http://127.0.0.1/callback";  // the port is the listener's
  bool public_client = false;  // no secret: PKCE alone protects the code
  int wait_s = 300;            // how long to wait for the browser's redirect
  bool login_form = false;     // a scripted browser fills the login and consent forms
  std::string username_field = "username";
  std::string password_field = "password";
  std::string consent_field;
  std::string consent_value;
};

class Session {
 public:
  // out: results; err: error sentences; explanations go to err unless explain_to_out.
  Session(Options options, std::ostream& out, std::ostream& err, bool explain_to_out = false);

  Options& options() { return options_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  std::ostream& explain_stream() { return explain_to_out_ ? out_ : err_; }
  Redactor& redactor() { return redactor_; }

  // Sends the request; with --explain, prints the exchange and what it means.
  Exchange send(Endpoint endpoint, const HttpRequest& request);

  // Sends a request of the browser's part of the code flow (login and consent pages, the
  // redirect). With --explain, prints the exchange with each HTML body shown as its size only.
  Exchange send_page(const HttpRequest& request);

  // The secrets, read on first use (file, environment, prompt). nullopt after printing why not.
  std::optional<std::string> client_secret();
  std::optional<std::string> password();

  // The explainer's view of the response, with this run's secrets masked in what the server
  // sent (our own prose is never redacted: a short password like "wrong" must not eat words).
  ResponseFacts redacted_facts(const Exchange& exchange) const;

  // Prints "oauth-client: <sentence>" on stderr and returns `code`. The sentence must not hold
  // a secret; server text in it goes through redacted_facts first.
  int fail(const std::string& sentence, int code);
  // The one sentence for a failed exchange: unreachable, or the explainer's diagnosis.
  int fail_exchange(Endpoint endpoint, const Exchange& exchange);

  // The cached token, checked against --server and --client-id; nullopt after printing why not.
  std::optional<CachedToken> load_token();
  // Saves the token and registers its secrets with the redactor; prints a failure, returns false.
  bool store_token(const CachedToken& token);

  // Refreshes `token` with its refresh token (RFC 6749 §6); updates the cache on success.
  // Returns kExitOk or the exit code after printing why it failed.
  int refresh(CachedToken& token);

  static std::int64_t now();

 private:
  Options options_;
  std::ostream& out_;
  std::ostream& err_;
  bool explain_to_out_;
  HttpClient http_;
  Redactor redactor_;
  std::optional<std::string> client_secret_;
  std::optional<std::string> password_;
};

// Facts the explainer needs, taken from an exchange.
ResponseFacts facts_of(const Exchange& exchange);

// The token's fields as a learner reads them, secrets masked: one "  name  value" line each.
void print_token_summary(const CachedToken& token, std::ostream& out);

}  // namespace ock::client
