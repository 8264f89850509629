#include "client/code_walkthrough.h"

#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "client/form.h"
#include "client/loopback_listener.h"
#include "client/mask.h"
#include "client/narrator.h"
#include "client/oauth_requests.h"
#include "client/pkce.h"
#include "client/scripted_login.h"
#include "client/secrets.h"

namespace ock::client {

namespace {

using nlohmann::json;

constexpr int kSteps = 9;
constexpr char kLoopbackPrefix[] = "http://127.0.0.1";

// The redirect URI split for the listener: the port asked for (0: any) and the path.
struct LoopbackUri {
  int port = 0;
  std::string path = "/";
};

// Only http://127.0.0.1[:port][/path] will do: RFC 8252 §7.3 loopback, by IP literal (§8.3).
std::optional<LoopbackUri> split_loopback(const std::string& uri) {
  const std::string prefix = kLoopbackPrefix;
  if (uri.rfind(prefix, 0) != 0) return std::nullopt;
  std::string rest = uri.substr(prefix.size());
  LoopbackUri out;
  if (!rest.empty() && rest[0] == ':') {
    auto slash = rest.find('/');
    std::string digits = rest.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
    if (digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      return std::nullopt;
    }
    out.port = std::stoi(digits);
    if (out.port > 65535) return std::nullopt;
    rest = slash == std::string::npos ? "" : rest.substr(slash);
  }
  if (rest.find_first_of("?#") != std::string::npos) return std::nullopt;
  if (!rest.empty() && rest[0] != '/') return std::nullopt;
  out.path = rest.empty() ? "/" : rest;
  return out;
}

std::optional<std::string> param(const FormFields& fields, const std::string& name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return std::nullopt;
}

class CodeWalk {
 public:
  explicit CodeWalk(Session& s)
      : s_(s), o_(s.options()), n_(s.out(), !o_.no_pause && stdin_is_terminal(), kSteps) {}

  int run();

 private:
  int check_input();
  void step1_needs();
  void step2_pkce();
  int step3_listen();
  int step4_login();
  int step5_check();
  int step6_exchange();
  void step7_fields();
  void step8_call();
  void step9_reuse();

  Session& s_;
  Options& o_;
  Narrator n_;
  std::string secret_;  // "" for a public client
  LoopbackUri loopback_;
  LoopbackListener listener_;
  std::string redirect_uri_;  // with the listener's port
  std::string verifier_, challenge_, state_;
  std::string issuer_;          // from the metadata, else the server's base URL
  bool iss_promised_ = false;   // authorization_response_iss_parameter_supported
  std::string url_;             // the authorization URL
  std::string received_;        // the request target the listener got
  FormFields response_;         // its query
  std::string code_;
  json token_;
  bool no_store_ = false;
  std::string access_;
};

int CodeWalk::check_input() {
  if (o_.client_id.empty()) {
    return s_.fail("no client id: pass --client-id or set OAUTH_CLIENT_ID", kExitUsage);
  }
  auto uri = split_loopback(o_.redirect_uri);
  if (!uri) {
    return s_.fail("--redirect-uri \"" + o_.redirect_uri +
                       "\" is not a loopback URI of the form http://127.0.0.1[:port]/path "
                       "(RFC 8252 §7.3; §8.3 asks for the IP literal, not localhost)",
                   kExitUsage);
  }
  loopback_ = *uri;
  if (o_.wait_s <= 0) {
    return s_.fail("--wait " + std::to_string(o_.wait_s) + " is not a positive number of seconds",
                   kExitUsage);
  }
  if (o_.login_form && o_.username.empty()) {
    return s_.fail("--login-form needs the user: pass --username or set OAUTH_USERNAME",
                   kExitUsage);
  }
  if (!o_.public_client) {
    auto secret = s_.client_secret();
    if (!secret) return kExitUsage;
    secret_ = *secret;
  }
  if (o_.login_form && !s_.password()) return kExitUsage;
  return kExitOk;
}

void CodeWalk::step1_needs() {
  n_.step("what a code-flow client needs");
  n_.say("In the authorization code grant (RFC 6749 §4.1) the user logs in at the server, in a");
  n_.say("browser, never in the client: the client gets a short-lived code back and trades it");
  n_.say("for tokens. It needs:");
  n_.blank();
  n_.say("  client id          " + o_.client_id);
  n_.say(o_.public_client
             ? std::string("  client secret      none: a public client (a native or browser app "
                           "cannot keep one; RFC 6749 §2.1)")
             : "  client secret      " + mask_secret(secret_) + "   (shown masked)");
  n_.say("  authorization URL  " + o_.server.url(o_.server.authorization_path));
  n_.say("  token URL          " + o_.server.url(o_.server.token_path));
  n_.say("  redirect URI       " + o_.redirect_uri +
         "   (registered with the server; the port is chosen in step 3)");
  n_.blank();
  if (o_.login_form) {
    n_.say("This run uses --login-form: a scripted browser fills the server's login form as " +
           o_.username + " (for tests and demos; a real app never sees the password).");
  }
}

void CodeWalk::step2_pkce() {
  n_.step("PKCE and state: the values that bind the flow together");
  verifier_ = make_code_verifier();
  challenge_ = s256_challenge(verifier_);
  state_ = make_state();
  s_.redactor().add(verifier_);
  n_.say("The code travels through the browser, where other apps may see it. PKCE (RFC 7636)");
  n_.say("makes a stolen code useless: the client keeps a random secret, the code_verifier,");
  n_.say("and sends only its SHA-256 hash, the code_challenge, with the authorization request.");
  n_.say("At the token endpoint it shows the verifier, which only it knows (RFC 7636 §4.1-4.2):");
  n_.blank();
  n_.say("  code_verifier   " + mask_secret(verifier_) + "   (43 characters from 32 random bytes; "
                                                         "kept secret, shown masked)");
  n_.say("  code_challenge  " + challenge_ + "   = BASE64URL(SHA256(code_verifier))");
  n_.say("  method          S256   (\"plain\" would send the verifier itself; RFC 9700 §2.1.1 "
         "asks for S256)");
  n_.say("  state           " + state_ +
         "   (random; the redirect must bring it back unchanged, which proves the answer "
         "belongs to this request: RFC 6749 §10.12)");
  n_.blank();
  // What the server says about itself (RFC 8414), for the issuer and the iss promise.
  const bool explain = o_.explain;
  o_.explain = false;
  HttpRequest ask;
  ask.url = o_.server.url(o_.server.metadata_path);
  ask.headers.push_back({"Accept", "application/json"});
  Exchange m = s_.send_page(ask);
  o_.explain = explain;
  auto doc = m.completed && m.response.status == 200
                 ? json::parse(m.response.body, nullptr, false)
                 : json(nullptr);
  issuer_ = o_.server.base_url;
  if (doc.is_object()) {
    if (doc.contains("issuer") && doc["issuer"].is_string()) issuer_ = doc["issuer"];
    iss_promised_ = doc.value("authorization_response_iss_parameter_supported", false) == true;
    std::string methods =
        doc.contains("code_challenge_methods_supported") ? doc["code_challenge_methods_supported"].dump() : "(not listed)";
    n_.say("The server's metadata (RFC 8414, " + ask.url + ") says: issuer " + issuer_ +
           ", code_challenge_methods_supported " + methods +
           ", authorization_response_iss_parameter_supported " +
           (iss_promised_ ? "true" : "false") + ".");
  } else {
    n_.say("The server publishes no metadata at " + ask.url + " (RFC 8414 is optional), so " +
           "the client takes " + issuer_ + " as the issuer and cannot know whether it sends " +
           "iss (RFC 9207).");
  }
}

int CodeWalk::step3_listen() {
  n_.step("listen on the loopback interface and build the authorization URL");
  if (std::string error = listener_.open(loopback_.port); !error.empty()) {
    return s_.fail(error, kExitUsage);
  }
  redirect_uri_ = std::string(kLoopbackPrefix) + ":" + std::to_string(listener_.port()) +
                  loopback_.path;
  n_.say("A native app receives the redirect on a port of its own on 127.0.0.1, picked free by");
  n_.say("the system at run time; the server must accept any port for a loopback redirect URI");
  n_.say("registered without one (RFC 8252 §7.3). Listening now on:");
  n_.say("  " + redirect_uri_);
  n_.blank();
  url_ = authorization_url(o_.server, {o_.client_id, redirect_uri_, o_.scope, state_, challenge_});
  n_.say("The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) is a URL for the browser:");
  n_.say("  " + url_);
  n_.say("response_type=code asks for a code; redirect_uri must be exactly the registered one "
         "(port aside); the challenge, not the verifier, goes out.");
  return kExitOk;
}

int CodeWalk::step4_login() {
  n_.step("the user logs in and approves; the browser brings the code back");
  std::string error;
  std::optional<std::string> target;
  const auto timeout = std::chrono::seconds(o_.wait_s);
  if (!o_.login_form) {
    n_.say("Open this URL in a browser, log in and approve (waiting up to " +
           std::to_string(o_.wait_s) + " s):");
    n_.say("  " + url_);
    s_.out() << std::flush;
    target = listener_.wait_for(loopback_.path, timeout, error);
  } else {
    n_.say("A scripted browser plays the user: it follows the server's pages with a cookie jar,");
    n_.say("fills the login form, approves on the consent page if one is shown, and follows the");
    n_.say("last redirect to the listener, like a browser would.");
    n_.blank();
    auto waiting = std::async(std::launch::async, [&] {
      std::string e;
      auto t = listener_.wait_for(loopback_.path, timeout, e);
      return std::make_pair(t, e);
    });
    LoginRecipe recipe{o_.username,       *s_.password(),   o_.username_field,
                       o_.password_field, o_.consent_field, o_.consent_value};
    ScriptedLogin login = run_scripted_login(s_, url_, redirect_uri_, recipe);
    if (!login.delivered) listener_.cancel();
    auto [t, e] = waiting.get();
    target = t;
    error = login.delivered ? e : "the scripted login stopped: " + s_.redactor().redact(login.stopped);
  }
  if (!target) {
    return s_.fail(error, kExitRefused);
  }
  received_ = *target;
  auto query = received_.find('?');
  response_ = decode_form(query == std::string::npos ? "" : received_.substr(query + 1));
  if (auto code = param(response_, "code")) s_.redactor().add(*code);
  n_.say("The listener received (the code masked):");
  n_.say("  GET " + received_.substr(0, query) +
         (query == std::string::npos ? "" : "?" + mask_form_body(received_.substr(query + 1))));
  n_.say("and answered the browser with a page saying it can be closed (no-store, "
         "no-referrer: the URL holds the code).");
  return kExitOk;
}

int CodeWalk::step5_check() {
  n_.step("check the authorization response before using it");
  auto state = param(response_, "state");
  auto iss = param(response_, "iss");
  auto error = param(response_, "error");
  if (!state || *state != state_) {
    n_.say("state came back " + (state ? "as \"" + *state + "\"" : std::string("missing")) +
           ", not as sent. This answer may be forged (cross-site request forgery): the client "
           "must drop it (RFC 6749 §10.12, §4.1.2).");
    return s_.fail("the redirect's state does not match the one sent (RFC 6749 §10.12); the "
                   "response was dropped",
                   kExitRefused);
  }
  n_.say("state: unchanged, so the answer belongs to this request (RFC 6749 §4.1.2, §10.12).");
  if (iss) {
    if (*iss != issuer_) {
      return s_.fail("the redirect's iss is \"" + *iss + "\", not the issuer " + issuer_ +
                         "; the response may come from another server (a mix-up attack) and "
                         "was dropped (RFC 9207 §2.4)",
                     kExitRefused);
    }
    n_.say("iss: " + *iss + ", the server the request went to, so no other server slipped in "
           "its answer (RFC 9207 §2.4).");
  } else if (iss_promised_) {
    return s_.fail("the redirect has no iss although the metadata promises it "
                   "(authorization_response_iss_parameter_supported); the response was dropped "
                   "(RFC 9207 §2.4)",
                   kExitRefused);
  } else {
    n_.say("iss: not sent, and the server never promised it; a client talking to one server "
           "only can do without (RFC 9207 §2.4 protects clients of several servers).");
  }
  if (error) {
    Diagnosis d = diagnose_authorization_error(
        *error, s_.redactor().redact(param(response_, "error_description").value_or("")));
    n_.say("error: " + *error + ". " + d.meaning + ".");
    return s_.fail(d.sentence(), kExitRefused);
  }
  auto code = param(response_, "code");
  if (!code || code->empty()) {
    return s_.fail("the redirect carries neither a code nor an error (RFC 6749 §4.1.2)",
                   kExitRefused);
  }
  code_ = *code;
  n_.say("code: " + mask_secret(code_) + ", good for one exchange, within minutes at most "
         "(RFC 6749 §4.1.2 recommends 10 minutes at most).");
  return kExitOk;
}

int CodeWalk::step6_exchange() {
  n_.step("exchange the code for tokens");
  n_.say("POST to the token endpoint: grant_type=authorization_code, the code, the same");
  n_.say("redirect_uri as in step 3, and the code_verifier, which the server hashes and compares");
  n_.say(o_.public_client
             ? "with the challenge (RFC 6749 §4.1.3, RFC 7636 §4.5). A public client sends its "
               "client_id in the body; it has nothing to authenticate with."
             : "with the challenge (RFC 6749 §4.1.3, RFC 7636 §4.5). A confidential client "
               "authenticates as well (HTTP Basic, RFC 6749 §2.3.1).");
  n_.blank();
  Exchange x = s_.send(Endpoint::kCodeExchange,
                       code_exchange_request(o_.server, {o_.client_id, secret_}, code_,
                                             redirect_uri_, verifier_));
  if (!x.completed || !diagnose(Endpoint::kCodeExchange, facts_of(x)).ok) {
    n_.say("Without a token the walkthrough cannot go on.");
    return s_.fail_exchange(Endpoint::kCodeExchange, x);
  }
  token_ = json::parse(x.response.body);
  access_ = json_field(token_, "access_token");
  no_store_ = x.response.header("Cache-Control").find("no-store") != std::string::npos;
  if (!no_store_) {
    n_.say("Note: the answer lacks Cache-Control: no-store, which RFC 6749 §5.1 requires on "
           "responses that carry tokens.");
  }
  return kExitOk;
}

void CodeWalk::step7_fields() {
  n_.step("the token response, field by field");
  narrate_token_fields(n_, token_, no_store_);
}

void CodeWalk::step8_call() {
  n_.step("call the API with the token");
  n_.say("GET " + o_.users_path + " with the token in the Authorization header (RFC 6750 §2.1).");
  n_.blank();
  Exchange x =
      s_.send(Endpoint::kResource, api_request(o_.server, "GET", o_.users_path, access_, ""));
  if (!x.completed) {
    n_.skip("the API call got no answer (" + s_.redactor().redact(x.transport_error) + ")");
  } else if (!diagnose(Endpoint::kResource, facts_of(x)).ok) {
    n_.say("The call failed; the lines above say why. The walkthrough goes on.");
  }
}

void CodeWalk::step9_reuse() {
  n_.step("use the same code a second time");
  n_.say("A code is good for one exchange. A second one must fail, and the server SHOULD");
  n_.say("revoke the tokens the code already bought, since someone may have stolen it");
  n_.say("(RFC 6749 §4.1.2, §10.5). Send the very same request again:");
  n_.blank();
  Exchange again = s_.send(Endpoint::kCodeExchange,
                           code_exchange_request(o_.server, {o_.client_id, secret_}, code_,
                                                 redirect_uri_, verifier_));
  if (!again.completed) {
    n_.skip("the second exchange got no answer (" + s_.redactor().redact(again.transport_error) +
            ")");
    return;
  }
  if (diagnose(Endpoint::kCodeExchange, facts_of(again)).ok) {
    n_.say("The server accepted the code twice. RFC 6749 §4.1.2 says a code MUST NOT be used "
           "more than once; anyone who saw it can get tokens with it.");
    return;
  }
  n_.say("As expected: the code is spent. Now, is the first access token still accepted?");
  n_.blank();
  Exchange x =
      s_.send(Endpoint::kResource, api_request(o_.server, "GET", o_.users_path, access_, ""));
  if (!x.completed) {
    n_.skip("the API call got no answer (" + s_.redactor().redact(x.transport_error) + ")");
  } else if (x.response.status >= 200 && x.response.status < 300) {
    n_.say("It still works: this server does not revoke what a replayed code bought (RFC 6749 "
           "§4.1.2 says SHOULD). A thief who raced the real client keeps his tokens.");
  } else {
    n_.say("It is refused: the server revoked the tokens of the replayed code, as RFC 6749 "
           "§4.1.2 recommends.");
  }
}

int CodeWalk::run() {
  if (int rc = check_input(); rc != kExitOk) return rc;
  s_.out() << "OAuth 2.0 authorization code walkthrough (PKCE) against " << o_.server.base_url
           << "\n";
  s_.out() << "Lines starting with '>' were sent, lines starting with '<' came back.\n";
  step1_needs();
  step2_pkce();
  for (auto stage : {&CodeWalk::step3_listen, &CodeWalk::step4_login, &CodeWalk::step5_check,
                     &CodeWalk::step6_exchange}) {
    if (int rc = (this->*stage)(); rc != kExitOk) return rc;
  }
  step7_fields();
  step8_call();
  step9_reuse();
  n_.finish("Next: a real app keeps the refresh token (if one came) and uses it instead of "
            "sending the user through the browser again (RFC 6749 §6).");
  return kExitOk;
}

}  // namespace

int run_code_walkthrough(Session& session) {
  session.options().explain = true;
  return CodeWalk(session).run();
}

}  // namespace ock::client
