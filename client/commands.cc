#include "client/commands.h"

#include <cstdint>
#include <nlohmann/json.hpp>

#include "client/exchange_format.h"
#include "client/oauth_requests.h"

namespace ock::client {

namespace {

bool is_invalid_token(const Exchange& x) {
  return x.completed && x.response.status == 401 &&
         diagnose(Endpoint::kResource, facts_of(x)).code == "invalid_token";
}

}  // namespace

int run_token(Session& s) {
  Options& o = s.options();
  if (o.client_id.empty()) {
    return s.fail("no client id: pass --client-id or set OAUTH_CLIENT_ID", kExitUsage);
  }
  if (o.username.empty()) {
    return s.fail("no username: pass --username or set OAUTH_USERNAME", kExitUsage);
  }
  auto secret = s.client_secret();
  if (!secret) return kExitUsage;
  auto password = s.password();
  if (!password) return kExitUsage;

  Exchange x = s.send(Endpoint::kToken, password_grant_request(o.server, {o.client_id, *secret},
                                                               o.username, *password, o.scope));
  if (!x.completed || !diagnose(Endpoint::kToken, facts_of(x)).ok) {
    return s.fail_exchange(Endpoint::kToken, x);
  }
  const CachedToken token =
      token_from_response(nlohmann::json::parse(x.response.body), o.server.base_url, o.client_id,
                          o.username, o.scope, Session::now());
  if (!s.store_token(token)) return kExitUsage;
  s.out() << "Got a token for " << o.username << " from " << o.server.base_url << " (client "
          << o.client_id << "):\n";
  print_token_summary(token, s.out());
  s.out() << "Cached in " << o.cache_file << " (mode 0600).\n";
  return kExitOk;
}

int run_call(Session& s) {
  auto token = s.load_token();
  if (!token) return kExitUsage;
  Options& o = s.options();
  // The token goes only to the server it came from: an absolute URL elsewhere is refused.
  const std::string url = o.server.url(o.path);
  if (url.rfind(o.server.base_url + "/", 0) != 0 && url != o.server.base_url) {
    return s.fail("refusing to send the token of " + o.server.base_url + " to " + url +
                      "; give a path on that server",
                  kExitUsage);
  }
  bool refreshed = false;
  // 1. An expired token is refreshed before it is used, when a refresh token is cached.
  if (token->access_token.empty() || is_expired(*token, Session::now())) {
    if (token->refresh_token.empty()) {
      return s.fail(
          "the cached token has expired and no refresh token is cached; run "
          "`oauth-client token` again",
          kExitRefused);
    }
    s.err() << "oauth-client: the cached access token has expired (or was revoked); refreshing "
               "it first.\n";
    if (int rc = s.refresh(*token); rc != kExitOk) return rc;
    refreshed = true;
  }
  // 2. The call itself, with the token in the Authorization header (RFC 6750 §2.1).
  Exchange x = s.send(Endpoint::kResource,
                      api_request(o.server, o.method, o.path, token->access_token, o.json_body));
  // 3. A token the server calls invalid (expired early, or revoked) gets one refresh and retry.
  if (is_invalid_token(x) && !refreshed && !token->refresh_token.empty()) {
    s.err() << "oauth-client: the server refused the access token (invalid_token); refreshing "
               "it and trying again.\n";
    if (int rc = s.refresh(*token); rc != kExitOk) return rc;
    x = s.send(Endpoint::kResource,
               api_request(o.server, o.method, o.path, token->access_token, o.json_body));
  }
  if (!x.completed) return s.fail_exchange(Endpoint::kResource, x);
  const std::string shown =
      format_body(x.response.body, x.response.header("Content-Type"), s.redactor());
  s.out() << shown;  // stdout is the result, also with --explain (which writes to stderr)
  if (x.response.status < 200 || x.response.status >= 300) {
    return s.fail_exchange(Endpoint::kResource, x);
  }
  return kExitOk;
}

int run_refresh(Session& s) {
  auto token = s.load_token();
  if (!token) return kExitUsage;
  if (int rc = s.refresh(*token); rc != kExitOk) return rc;
  s.out() << "Refreshed the token for " << token->username << " at " << token->server << ":\n";
  print_token_summary(*token, s.out());
  s.out() << "Cached in " << s.options().cache_file << " (mode 0600).\n";
  return kExitOk;
}

int run_revoke(Session& s) {
  auto token = s.load_token();
  if (!token) return kExitUsage;
  Options& o = s.options();
  bool access = o.use_access;
  if (!access && token->refresh_token.empty()) {
    s.err() << "oauth-client: no refresh token is cached; revoking the access token instead.\n";
    access = true;
  }
  auto secret = s.client_secret();
  if (!secret) return kExitUsage;
  const std::string value = access ? token->access_token : token->refresh_token;
  Exchange x =
      s.send(Endpoint::kRevocation, revocation_request(o.server, {token->client_id, *secret}, value,
                                                       access ? "access_token" : "refresh_token"));
  if (!x.completed || !diagnose(Endpoint::kRevocation, facts_of(x)).ok) {
    return s.fail_exchange(Endpoint::kRevocation, x);
  }
  // RFC 7009 §2.1: revoking a refresh token should also end the access tokens of that grant,
  // so the whole cache goes; revoking only the access token keeps the refresh token.
  if (access && !token->refresh_token.empty()) {
    token->access_token.clear();  // the next `call` refreshes first
    token->expires_at = token->obtained_at;
    if (!s.store_token(*token)) return kExitUsage;
  } else if (auto error = remove_cache(o.cache_file); !error.empty()) {
    return s.fail(error, kExitUsage);
  }
  s.out() << "Revoked the " << (access ? "access" : "refresh") << " token " << mask_secret(value)
          << " at " << token->server << " (RFC 7009).\n";
  return kExitOk;
}

int run_introspect(Session& s) {
  auto token = s.load_token();
  if (!token) return kExitUsage;
  Options& o = s.options();
  const bool refresh = o.use_refresh;
  if (refresh && token->refresh_token.empty()) {
    return s.fail("no refresh token is cached to introspect", kExitUsage);
  }
  if (!refresh && token->access_token.empty()) {
    return s.fail("no access token is cached to introspect (it was revoked); try --refresh",
                  kExitUsage);
  }
  auto secret = s.client_secret();
  if (!secret) return kExitUsage;
  Exchange x = s.send(Endpoint::kIntrospection,
                      introspection_request(o.server, {token->client_id, *secret},
                                            refresh ? token->refresh_token : token->access_token,
                                            refresh ? "refresh_token" : "access_token"));
  if (!x.completed || !diagnose(Endpoint::kIntrospection, facts_of(x)).ok) {
    return s.fail_exchange(Endpoint::kIntrospection, x);
  }
  s.out() << format_body(x.response.body, x.response.header("Content-Type"), s.redactor());
  return kExitOk;
}

}  // namespace ock::client
