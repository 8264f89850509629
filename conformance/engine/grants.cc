#include "conformance/engine/grants.h"

#include <utility>

#include "conformance/engine/authorization.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::engine {
namespace {

constexpr const char* kNoRefreshToken = "no refresh token issued";

Fact reply_fact(GrantKind kind) {
  switch (kind) {
    case GrantKind::kPassword:
      return facts::kPasswordReply;
    case GrantKind::kAuthorizationCode:
      return facts::kCodeReply;
    case GrantKind::kClientCredentials:
      return facts::kCcReply;
  }
  return facts::kPasswordReply;
}

// When a grant is being obtained: its issue time, taken just before the token request goes out
// (after the code flow's front-channel steps, which take seconds on a loaded target: an expiry
// case that counted from before them waited too little).
void stamp(Probe& p, Grant* g) {
  if (g == nullptr) return;
  g->issued_at = p.now();
  g->issued_at_unix = p.unix_seconds();
}

// The code flow end to end: authorization, then the code redeemed.
HttpExchange code_flow_token(Probe& p, const TokenAsk& ask, const std::string& label, Grant* g) {
  // clients.code stands in for clients.primary in the code flow.
  std::string client =
      ask.client_role == "primary" ? p.profile().code_client_role() : ask.client_role;
  AuthorizationAsk a{.client_role = client, .user_role = ask.user_role, .scope = ask.scope};
  auto out = authorize(p, a);
  if (!out.redirected) {
    p.error("the authorization code flow did not complete for " + label + ": " + out.stopped);
  }
  auto code = out.param("code");
  if (!code) return *out.last;  // an error response at the authorization endpoint
  stamp(p, g);
  return p.send(
      code_token_request(p, *code, ask.client_role,
                         out.redirect_uri.empty() ? std::nullopt : std::optional(out.redirect_uri),
                         out.verifier),
      label);
}

}  // namespace

const char* to_string(GrantKind kind) {
  switch (kind) {
    case GrantKind::kPassword:
      return "password";
    case GrantKind::kAuthorizationCode:
      return "authorization_code";
    case GrantKind::kClientCredentials:
      return "client_credentials";
  }
  return "password";
}

GrantKind token_source(Probe& p, bool user) {
  for (auto kind :
       {GrantKind::kPassword, GrantKind::kAuthorizationCode, GrantKind::kClientCredentials}) {
    if (user && kind == GrantKind::kClientCredentials) break;
    if (p.published(reply_fact(kind))) return kind;
  }
  p.skip(user ? "needs a user's token: neither password.success.basic nor code.success issued one"
              : "needs a token: none of password.success.basic, code.success and cc.success "
                "issued one");
}

namespace {

HttpExchange request_token(Probe& p, const TokenAsk& ask, std::string label, Grant* g) {
  switch (token_source(p, ask.user)) {
    case GrantKind::kPassword: {
      auto req = p.token_request(p.password_form(p.user(ask.user_role), ask.scope),
                                 p.client(ask.client_role));
      stamp(p, g);
      return p.send(req, std::move(label));
    }
    case GrantKind::kAuthorizationCode:
      return code_flow_token(p, ask, label, g);
    case GrantKind::kClientCredentials: {
      auto req = p.client_credentials_grant(ask.client_role, ask.scope);
      stamp(p, g);
      return p.send(req, std::move(label));
    }
  }
  p.error("no token source");
}

}  // namespace

HttpExchange request_token(Probe& p, const TokenAsk& ask, std::string label) {
  return request_token(p, ask, std::move(label), nullptr);
}

Grant obtain_token(Probe& p, const TokenAsk& ask) {
  Grant g;
  g.exchange =
      request_token(p, ask, "fresh grant for " + ask.user_role + " via " + ask.client_role, &g);
  auto t = parse_token_response(g.exchange.response);
  if (g.exchange.response.status != 200 || !t || !t->access_token || t->access_token->empty()) {
    p.error("could not obtain a fresh grant (" + describe(g.exchange) + ")");
  }
  g.access_token = *t->access_token;
  g.refresh_token = t->refresh_token;
  g.expires_in = t->expires_in;
  g.scope = t->scope;
  return g;
}

Form grant_form(Probe& p, std::string_view client_role) {
  switch (token_source(p, false)) {
    case GrantKind::kPassword:
      return p.password_form(p.user());
    case GrantKind::kAuthorizationCode: {
      std::string role = grant_client_role(p, client_role);
      auto out = authorize(p, {.client_role = role});
      auto code = out.redirected ? out.param("code") : std::nullopt;
      if (!code) {
        std::string why = "no authorization code for clients." + role + " (" +
                          (out.redirected ? "an error redirect" : out.stopped) + ")";
        // A dedicated client (special characters, client_secret_post, disposable) may be
        // registered for the password grant only; the code flow is the token source only
        // because no selected case established the password grant.
        if (role != p.profile().code_client_role())
          p.skip(why + "; the token source is the code flow, which this client may not use");
        p.error(why);
      }
      Form f{{"grant_type", "authorization_code"}, {"code", *code}};
      if (!out.redirect_uri.empty()) f.add("redirect_uri", out.redirect_uri);
      if (!out.verifier.empty()) f.add("code_verifier", out.verifier);
      return f;
    }
    case GrantKind::kClientCredentials: {
      Form f{{"grant_type", "client_credentials"}};
      if (!p.profile().scope_request.empty()) f.add("scope", p.profile().scope_request);
      return f;
    }
  }
  p.error("no token source");
}

std::string grant_client_role(Probe& p, std::string_view client_role) {
  if (client_role == "primary" && token_source(p, false) == GrantKind::kAuthorizationCode)
    return p.profile().code_client_role();
  return std::string(client_role);
}

void skip_unless_refresh_tokens(Probe& p) {
  auto source = p.published(reply_fact(token_source(p, false)));
  if (source && token_issued(*source) && !refresh_token_of(*source)) p.skip(kNoRefreshToken);
}

Grant obtain_refresh_grant(Probe& p, std::optional<std::string> scope,
                           std::string_view client_role) {
  skip_unless_refresh_tokens(p);
  Grant g = obtain_token(p, {.client_role = std::string(client_role), .scope = std::move(scope)});
  if (!g.refresh_token || g.refresh_token->empty()) p.skip(kNoRefreshToken);
  return g;
}

std::string short_client_role(const Profile& profile) {
  return profile.client("short_lived") ? "short_lived" : "primary";
}

Grant obtain_short_grant(Probe& p) {
  std::string role = short_client_role(p.profile());
  Grant g = obtain_token(p, {.client_role = role});
  const int max_wait = p.profile().timing.max_wait_s;
  if (!g.expires_in) {
    p.skip("needs [SHORT]: the " + role + " client's token reply has no expires_in");
  }
  if (*g.expires_in > max_wait) {
    p.skip(
        "needs [SHORT]: the " + role + " client's tokens live " + std::to_string(*g.expires_in) +
        " s, longer than timing.max_wait_s (" + std::to_string(max_wait) + " s); " +
        (role == "primary" ? "add clients.short_lived or raise --max-wait" : "raise --max-wait"));
  }
  return g;
}

}  // namespace ock::conformance::engine
