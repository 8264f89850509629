#include "client/walkthrough.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "client/form.h"
#include "client/narrator.h"
#include "client/oauth_requests.h"
#include "client/secrets.h"

namespace ock::client {

namespace {

using nlohmann::json;

constexpr int kSteps = 9;

class Walk {
 public:
  explicit Walk(Session& s)
      : s_(s), o_(s.options()), out_(s.out()),
        n_(s.out(), !o_.no_pause && stdin_is_terminal(), kSteps) {}

  int run();

 private:
  void step(const std::string& title) { n_.step(title); }
  void say(const std::string& text) { n_.say(text); }
  void skip(const std::string& why) { n_.skip(why); }

  void step1_needs();
  int step2_token();
  void step3_fields();
  void step4_call();
  void step5_scope();
  void step6_refresh();
  void step7_revoke();
  void step8_refused();
  void step9_refresh_revoked();

  Session& s_;
  Options& o_;
  std::ostream& out_;
  Narrator n_;
  std::string secret_;
  json token_;           // the first token response
  std::string access_;   // the access token in use
  std::string refresh_;  // the refresh token in use
  bool no_store_ = false;
  bool revoked_access_ = false;
  bool revocation_missing_ = false;
};

std::string field(const json& object, const char* name) { return json_field(object, name); }

bool succeeded(Endpoint e, const Exchange& x) { return x.completed && diagnose(e, facts_of(x)).ok; }

void Walk::step1_needs() {
  step("what a client needs");
  say("The tutorial's example.py holds five values. The password grant (RFC 6749 §4.3) needs");
  say("them all: the client's id and secret say which program asks, the username and password");
  say("say for whom, and the token URL says where to ask.");
  out_ << "\n";
  say("  client id      " + o_.client_id);
  say("  client secret  " + mask_secret(secret_) + "   (shown masked, like every secret here)");
  say("  username       " + o_.username);
  say("  password       " + mask_secret(*s_.password()));
  say("  token URL      " + o_.server.url(o_.server.token_path));
  out_ << "\n";
  say("The secrets came from the environment, a file or a prompt: never from a command-line");
  say("flag, which would land in the shell history. Note: the password grant gives the user's");
  say("password to the client, so RFC 9700 §2.4 (the OAuth security BCP) says it MUST NOT be");
  say("used any more; it is here because the tutorial uses it and it shows tokens plainly.");
}

int Walk::step2_token() {
  step("ask the token endpoint for a token (password grant)");
  say("A confidential client authenticates with HTTP Basic (client_secret_basic, RFC 6749");
  say("§2.3.1). The id and the secret are each form-urlencoded FIRST (Appendix B: a secret");
  say("\"a b:c\" becomes \"a+b%3Ac\"), joined with ':' and then base64-encoded:");
  say("  Authorization: " + mask_authorization(basic_authorization(o_.client_id, secret_)));
  say("The body is form-encoded too: grant_type=password, username, password" +
      std::string(o_.scope.empty() ? "." : ", scope."));
  out_ << "\n";
  Exchange x =
      s_.send(Endpoint::kToken, password_grant_request(o_.server, {o_.client_id, secret_},
                                                       o_.username, *s_.password(), o_.scope));
  if (!succeeded(Endpoint::kToken, x)) {
    say("Without a token the walkthrough cannot go on.");
    return s_.fail_exchange(Endpoint::kToken, x);
  }
  token_ = json::parse(x.response.body);
  access_ = field(token_, "access_token");
  refresh_ = token_.contains("refresh_token") && token_["refresh_token"].is_string()
                 ? token_["refresh_token"].get<std::string>()
                 : "";
  const std::string cache_control = x.response.header("Cache-Control");
  no_store_ = cache_control.find("no-store") != std::string::npos;
  if (!no_store_) {
    say("Note: the answer lacks Cache-Control: no-store, which RFC 6749 §5.1 requires on "
        "responses that carry tokens.");
  }
  return kExitOk;
}

void Walk::step3_fields() {
  step("the token response, field by field");
  narrate_token_fields(n_, token_, no_store_);
}

void Walk::step4_call() {
  step("call the API with the token");
  say("Like example.py, call GET " + o_.users_path + " with the token in the Authorization");
  say("header (RFC 6750 §2.1). The API checks the token and the scope it carries.");
  out_ << "\n";
  Exchange x =
      s_.send(Endpoint::kResource, api_request(o_.server, "GET", o_.users_path, access_, ""));
  if (!x.completed) {
    skip("the API call got no answer (" + s_.redactor().redact(x.transport_error) + ")");
  } else if (!succeeded(Endpoint::kResource, x)) {
    say("The call failed; the lines above say why. The walkthrough goes on.");
  }
}

void Walk::step5_scope() {
  step("a call that needs a scope the token lacks");
  say("Scopes limit a token (RFC 6749 §3.3). Ask for a second token with scope \"read\" only,");
  say("then POST " + o_.users_path + " (create a user), which needs \"write\". The API should");
  say("answer 403 with WWW-Authenticate: Bearer error=\"insufficient_scope\" (RFC 6750 §3.1).");
  out_ << "\n";
  Exchange t =
      s_.send(Endpoint::kToken, password_grant_request(o_.server, {o_.client_id, secret_},
                                                       o_.username, *s_.password(), "read"));
  if (!succeeded(Endpoint::kToken, t)) {
    skip("the server gave no token with scope \"read\", so the scope check cannot be shown");
    return;
  }
  const json read_token = json::parse(t.response.body);
  const std::string granted = field(read_token, "scope");
  if (!granted.empty() && granted.find("write") != std::string::npos) {
    say("Note: the server granted \"" + granted + "\" although only \"read\" was asked for.");
  }
  const json user = {{"username", "walkthrough-" + std::to_string(Session::now())},
                     {"email", "walkthrough@example.invalid"}};
  Exchange x =
      s_.send(Endpoint::kResource, api_request(o_.server, "POST", o_.users_path,
                                               field(read_token, "access_token"), user.dump()));
  if (!x.completed) {
    skip("the API call got no answer (" + s_.redactor().redact(x.transport_error) + ")");
  } else if (x.response.status >= 200 && x.response.status < 300) {
    say("The server let a read-only token write. A resource server should refuse it with 403 "
        "insufficient_scope (RFC 6750 §3.1).");
  } else if (diagnose(Endpoint::kResource, facts_of(x)).code == "insufficient_scope") {
    say("As expected: the token is valid, but too weak for this endpoint.");
  }
  // Tidy up, quietly: the read-only token is not needed any more.
  o_.explain = false;
  s_.send(Endpoint::kRevocation,
          revocation_request(o_.server, {o_.client_id, secret_}, field(read_token, "access_token"),
                             "access_token"));
  o_.explain = true;
}

void Walk::step6_refresh() {
  step("refresh the token");
  if (refresh_.empty()) {
    skip("the server sent no refresh_token in step 2, so there is nothing to refresh");
    return;
  }
  say("When the access token expires, the client trades the refresh token for a new one");
  say("(grant_type=refresh_token, RFC 6749 §6), authenticating as in step 2. No password needed.");
  out_ << "\n";
  Exchange x =
      s_.send(Endpoint::kRefresh, refresh_request(o_.server, {o_.client_id, secret_}, refresh_));
  if (!succeeded(Endpoint::kRefresh, x)) {
    say("The refresh failed; the lines above say why. The walkthrough goes on with the token "
        "of step 2.");
    return;
  }
  const json answer = json::parse(x.response.body);
  access_ = field(answer, "access_token");
  const std::string new_refresh = field(answer, "refresh_token");
  if (!new_refresh.empty() && new_refresh != refresh_) {
    say("The server rotated the refresh token: the new one (" + mask_secret(new_refresh) +
        ") replaces the old one, which the client must discard (RFC 6749 §6; RFC 9700 §4.14.2 "
        "explains how rotation catches stolen refresh tokens).");
    refresh_ = new_refresh;
  } else {
    say("The refresh token stays the same; the new access token is " + mask_secret(access_) + ".");
  }
}

void Walk::step7_revoke() {
  step("revoke the access token");
  say("A client that is done with a token tells the server (RFC 7009 §2.1): POST the token to");
  say("the revocation endpoint, authenticated like at the token endpoint, with a hint of its "
      "type.");
  out_ << "\n";
  Exchange x = s_.send(Endpoint::kRevocation, revocation_request(o_.server, {o_.client_id, secret_},
                                                                 access_, "access_token"));
  if (x.completed && x.response.status == 404) {
    revocation_missing_ = true;
    skip("this server has no revocation endpoint at " + o_.server.revocation_path +
         " (RFC 7009 is an optional extension), so steps 8 and 9 are skipped");
    return;
  }
  if (!succeeded(Endpoint::kRevocation, x)) {
    skip("the revocation failed (see above), so steps 8 and 9 are skipped");
    revocation_missing_ = true;
    return;
  }
  revoked_access_ = true;
}

void Walk::step8_refused() {
  step("the revoked token is refused");
  if (!revoked_access_) {
    skip("no token was revoked in step 7");
    return;
  }
  say("Call GET " + o_.users_path + " again with the revoked token. The API should answer 401");
  say("with WWW-Authenticate: Bearer error=\"invalid_token\" (RFC 6750 §3.1).");
  out_ << "\n";
  Exchange x =
      s_.send(Endpoint::kResource, api_request(o_.server, "GET", o_.users_path, access_, ""));
  if (!x.completed) {
    skip("the API call got no answer (" + s_.redactor().redact(x.transport_error) + ")");
  } else if (x.response.status >= 200 && x.response.status < 300) {
    say("The server still accepts the revoked token. After revocation the token must not be "
        "usable (RFC 7009 §2.2).");
  } else if (diagnose(Endpoint::kResource, facts_of(x)).code == "invalid_token") {
    say("As expected: the revoked token is worth nothing now.");
  }
}

void Walk::step9_refresh_revoked() {
  step("revoke the refresh token, then try to use it");
  if (revocation_missing_) {
    skip("the server cannot revoke tokens (step 7)");
    return;
  }
  if (refresh_.empty()) {
    skip("there is no refresh token to revoke");
    return;
  }
  say("Revoking the refresh token ends the whole grant (RFC 7009 §2.1). A refresh with it must");
  say("then fail with invalid_grant (RFC 6749 §5.2).");
  out_ << "\n";
  Exchange x = s_.send(Endpoint::kRevocation, revocation_request(o_.server, {o_.client_id, secret_},
                                                                 refresh_, "refresh_token"));
  if (!succeeded(Endpoint::kRevocation, x)) {
    skip("the refresh token could not be revoked (see above)");
    return;
  }
  Exchange r =
      s_.send(Endpoint::kRefresh, refresh_request(o_.server, {o_.client_id, secret_}, refresh_));
  if (succeeded(Endpoint::kRefresh, r)) {
    say("The server still honours the revoked refresh token; RFC 7009 §2.2 says a revoked token "
        "must not be usable.");
  } else if (r.completed && diagnose(Endpoint::kRefresh, facts_of(r)).code == "invalid_grant") {
    say("As expected: the revoked refresh token buys nothing.");
  }
}

int Walk::run() {
  if (o_.client_id.empty()) {
    return s_.fail("no client id: pass --client-id or set OAUTH_CLIENT_ID", kExitUsage);
  }
  if (o_.username.empty()) {
    return s_.fail("no username: pass --username or set OAUTH_USERNAME", kExitUsage);
  }
  auto secret = s_.client_secret();
  if (!secret) return kExitUsage;
  secret_ = *secret;
  if (!s_.password()) return kExitUsage;

  out_ << "OAuth 2.0 walkthrough against " << o_.server.base_url << "\n";
  out_ << "Lines starting with '>' were sent, lines starting with '<' came back.\n";
  step1_needs();
  if (int rc = step2_token(); rc != kExitOk) return rc;
  step3_fields();
  step4_call();
  step5_scope();
  step6_refresh();
  step7_revoke();
  step8_refused();
  step9_refresh_revoked();

  n_.finish("Next: run `oauth-client token`, then `oauth-client call " + o_.users_path +
            "`; the token stays in the cache and is refreshed when it expires.");
  return kExitOk;
}

}  // namespace

int run_walkthrough(Session& session) {
  session.options().explain = true;
  return Walk(session).run();
}

}  // namespace ock::client
