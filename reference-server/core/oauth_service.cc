#include "reference-server/core/oauth_service.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "reference-server/core/ascii.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/oauth_reply.h"
#include "reference-server/core/oauth_request.h"
#include "reference-server/core/pkce.h"

namespace ock::server {
namespace {

using nlohmann::json;

bool has_grant(const Client& c, std::string_view grant) {
  return std::find(c.grants.begin(), c.grants.end(), grant) != c.grants.end();
}

ApiReply with_client(ApiReply r, const Client& c) {
  r.client_id = c.client_id;
  return r;
}

// A §5.2 error reply to an authenticated client (its id goes to the access log).
ApiReply client_error(const Client& c, ErrorCode code, std::string description) {
  return with_client(token_error(oauth_error(code, std::move(description))), c);
}

ApiReply storage_failure() { return token_error(oauth_error(ErrorCode::kServerError, "")); }

// b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 6750 §2.1).
bool is_b64token(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '-' ||
                          t[i] == '.' || t[i] == '_' || t[i] == '~' || t[i] == '+' || t[i] == '/')) {
    ++i;
  }
  if (i == 0) return false;
  while (i < t.size() && t[i] == '=') ++i;
  return i == t.size();
}

bool is_live(const TokenRecord& t, std::int64_t now) {
  return !t.revoked && !t.used && t.expires_at > now;
}

}  // namespace

OAuthService::OAuthService(Store& store, const Clock& clock, ServerConfig config)
    : store_(store),
      clock_(clock),
      config_(std::move(config)),
      user_login_(store, clock, config_.throttle, config_.pbkdf2_iterations),
      client_throttle_(clock, ThrottleConfig{config_.client_max_failures, config_.throttle.window,
                                             config_.throttle.lockout}) {}

std::int64_t OAuthService::access_ttl(const Client& client) const {
  return client.token_ttl.value_or(config_.access_ttl);
}

Result<OAuthService::ClientCall, ApiReply> OAuthService::client_call(const ApiRequest& req) {
  auto form = parse_oauth_form(req);
  if (!form) return unexpected(token_error(form.error()));
  auto client = authenticate_client(store_, req, *form, client_throttle_);
  if (!client) return unexpected(token_error(client.error()));
  return ClientCall{std::move(*form), std::move(*client)};
}

ApiReply OAuthService::token(const ApiRequest& req) {
  auto call = client_call(req);
  if (!call) return call.error();
  const Client& client = call->client;
  auto grant = form_get(call->form, "grant_type");
  if (!grant || grant->empty()) {
    return client_error(client, ErrorCode::kInvalidRequest, "grant_type is missing");
  }
  const bool known = *grant == "authorization_code" || *grant == "password" ||
                     *grant == "refresh_token" || *grant == "client_credentials";
  if (!known) {
    return client_error(client, ErrorCode::kUnsupportedGrantType, "the grant type is not supported");
  }
  // A public client cannot keep a secret: it may use only grants that need none (RFC 9700 §2.4,
  // §4.14: authorization_code with PKCE, and refresh_token with rotation).
  const bool public_ok = *grant == "authorization_code" || *grant == "refresh_token";
  if (!has_grant(client, *grant) || (client.type == ClientType::kPublic && !public_ok)) {
    return client_error(client, ErrorCode::kUnauthorizedClient,
                        "the client may not use this grant type");
  }
  ApiReply r;
  if (*grant == "authorization_code")
    r = authorization_code_grant(client, call->form);
  else if (*grant == "password")
    r = password_grant(client, call->form);
  else if (*grant == "refresh_token") r = refresh_grant(client, call->form);
  else r = client_credentials_grant(client, call->form);
  return with_client(std::move(r), client);
}

ApiReply OAuthService::password_grant(const Client& client, const FormParams& form) {
  auto username = form_get(form, "username");
  auto password = form_get(form, "password");
  if (!username || username->empty() || !password) {
    return token_error(oauth_error(ErrorCode::kInvalidRequest, "username and password are required"));
  }
  auto user = user_login_.check(*username, *password);
  if (!user) {
    switch (user.error().why) {
      case LoginRefused::Why::kLocked: {
        OAuthError e =
            oauth_error(ErrorCode::kInvalidGrant, "too many failed attempts; try again later");
        e.retry_after = static_cast<long>(user.error().retry_after);
        return token_error(e);
      }
      case LoginRefused::Why::kStorage:
        return storage_failure();
      case LoginRefused::Why::kWrongCredentials:
        break;
    }
    return token_error(oauth_error(ErrorCode::kInvalidGrant, "invalid credentials given"));
  }
  auto scope = requested_scope(store_, client, form_get(form, "scope"));
  if (!scope) return token_error(scope.error());
  return issue(client, user->id, *scope, has_grant(client, "refresh_token"));
}

ApiReply OAuthService::client_credentials_grant(const Client& client, const FormParams& form) {
  auto scope = requested_scope(store_, client, form_get(form, "scope"));
  if (!scope) return token_error(scope.error());
  return issue(client, std::nullopt, *scope, false);
}

OAuthService::MintedTokens OAuthService::mint(const Client& client,
                                              std::optional<std::int64_t> user_id,
                                              const ScopeSet& scope, bool with_refresh,
                                              const std::string& family) const {
  const std::int64_t now = clock_.now();
  MintedTokens out;
  std::string access = random_token();
  out.records.push_back(TokenRecord{sha256_hex(access), TokenKind::kAccess, client.client_id,
                                    user_id, join_scope(scope), now, now + access_ttl(client),
                                    family, false, false});
  out.body = {{"access_token", access},
              {"token_type", "Bearer"},
              {"expires_in", access_ttl(client)},
              {"scope", join_scope(scope)}};
  if (with_refresh) {
    std::string refresh = random_token();
    out.records.push_back(TokenRecord{sha256_hex(refresh), TokenKind::kRefresh, client.client_id,
                                      user_id, join_scope(scope), now, now + config_.refresh_ttl,
                                      family, false, false});
    out.body["refresh_token"] = refresh;
  }
  return out;
}

ApiReply OAuthService::issue(const Client& client, std::optional<std::int64_t> user_id,
                             const ScopeSet& scope, bool with_refresh) {
  MintedTokens minted = mint(client, user_id, scope, with_refresh, random_token(16));
  if (!store_.save_tokens(minted.records)) return storage_failure();
  return token_success(minted.body);
}

ApiReply OAuthService::authorization_code_grant(const Client& client, const FormParams& form) {
  auto code = form_get(form, "code");
  if (!code || code->empty()) {
    return token_error(oauth_error(ErrorCode::kInvalidRequest, "code is missing"));
  }
  const auto invalid = [](const char* why) {
    return token_error(oauth_error(ErrorCode::kInvalidGrant, why));
  };
  constexpr const char* kBadCode = "the authorization code is invalid, expired or already used";
  auto found = store_.find_code(sha256_hex(*code));
  if (!found) return storage_failure();
  if (!found->has_value()) return invalid(kBadCode);
  const AuthorizationCode& c = **found;
  if (c.used) {
    // A redeemed code came back: deny it and revoke what its redemption issued (RFC 6749
    // §4.1.2), as a reused refresh token revokes its family.
    if (!store_.revoke_family(c.family)) return storage_failure();
    return invalid(kBadCode);
  }
  const std::int64_t now = clock_.now();
  if (c.expires_at <= now || c.client_id != client.client_id) return invalid(kBadCode);
  if (auto mismatch = redirect_uri_mismatch(c, client, form)) return *mismatch;
  // RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) must equal the stored S256 challenge.
  auto verifier = form_get(form, "code_verifier");
  if (!verifier || !pkce_verifier_matches(*verifier, c.code_challenge)) {
    return invalid("the code_verifier is missing or does not match the code_challenge");
  }
  auto scope = parse_scope(c.scope);
  if (!scope) return storage_failure();
  MintedTokens minted =
      mint(client, c.user_id, *scope, has_grant(client, "refresh_token"), c.family);
  auto outcome = store_.redeem_code(c.hash, client.client_id, now, minted.records);
  if (!outcome) return storage_failure();
  if (*outcome != RedeemOutcome::kRedeemed) return invalid(kBadCode);
  return token_success(minted.body);
}

std::optional<ApiReply> OAuthService::redirect_uri_mismatch(const AuthorizationCode& code,
                                                            const Client& client,
                                                            const FormParams& form) const {
  auto sent = form_get(form, "redirect_uri");
  if (sent && sent->empty()) sent.reset();  // RFC 6749 §3.1: no value means omitted
  if (code.redirect_uri && !sent) {
    return token_error(oauth_error(ErrorCode::kInvalidRequest,
                                   "redirect_uri is required: the authorization request had one"));
  }
  // When the authorization request had none, the code went to the client's only registered
  // URI; a redirect_uri sent now must be that one.
  const bool same = !sent || (code.redirect_uri ? *sent == *code.redirect_uri
                                                : client.redirect_uris.size() == 1 &&
                                                      *sent == client.redirect_uris.front());
  if (!same) {
    return token_error(oauth_error(ErrorCode::kInvalidGrant,
                                   "redirect_uri differs from the authorization request's"));
  }
  return std::nullopt;
}

ApiReply OAuthService::refresh_grant(const Client& client, const FormParams& form) {
  auto presented = form_get(form, "refresh_token");
  if (!presented || presented->empty()) {
    return token_error(oauth_error(ErrorCode::kInvalidRequest, "refresh_token is missing"));
  }
  const std::int64_t now = clock_.now();
  const std::string old_hash = sha256_hex(*presented);
  auto found = store_.find_token(old_hash);
  if (!found) return storage_failure();
  const auto invalid = [] {
    return token_error(oauth_error(ErrorCode::kInvalidGrant, "the refresh token is invalid, expired or revoked"));
  };
  if (!found->has_value()) return invalid();
  const TokenRecord& old = **found;
  if (old.kind != TokenKind::kRefresh || old.client_id != client.client_id || old.revoked ||
      old.expires_at <= now) {
    return invalid();
  }
  if (old.used) {
    // A rotated refresh token came back: someone holds a copy. Revoke the whole grant.
    if (!store_.revoke_family(old.family)) return storage_failure();
    return invalid();
  }
  auto original = parse_scope(old.scope);
  if (!original) return storage_failure();
  ScopeSet scope = *original;
  if (auto req = form_get(form, "scope"); req && !req->empty()) {
    auto asked = parse_scope(*req);
    if (!asked) return token_error(asked.error());
    if (!scope_subset(*asked, *original)) {
      return token_error(oauth_error(ErrorCode::kInvalidScope,
                                     "the requested scope exceeds the scope originally granted"));
    }
    scope = *asked;
  }
  std::string access = random_token();
  std::string refresh = random_token();
  std::vector<TokenRecord> fresh{
      TokenRecord{sha256_hex(access), TokenKind::kAccess, client.client_id, old.user_id,
                  join_scope(scope), now, now + access_ttl(client), old.family, false, false},
      // The new refresh token keeps the original scope (RFC 6749 §6).
      TokenRecord{sha256_hex(refresh), TokenKind::kRefresh, client.client_id, old.user_id, old.scope,
                  now, now + config_.refresh_ttl, old.family, false, false}};
  auto outcome = store_.rotate_refresh(old_hash, client.client_id, now, fresh);
  if (!outcome) return storage_failure();
  if (*outcome != RotateOutcome::kRotated) return invalid();
  json body = {{"access_token", access},
               {"token_type", "Bearer"},
               {"expires_in", access_ttl(client)},
               {"scope", join_scope(scope)},
               {"refresh_token", refresh}};
  return token_success(body);
}

ApiReply OAuthService::revoke(const ApiRequest& req) {
  auto call = client_call(req);
  if (!call) return call.error();
  const Client& client = call->client;
  auto token = form_get(call->form, "token");
  if (!token || token->empty()) {
    return client_error(client, ErrorCode::kInvalidRequest, "token is missing");
  }
  // token_type_hint only speeds up a lookup; ours searches every kind anyway, and an unknown
  // hint is ignored (RFC 7009 §2.1, §2.2).
  auto found = store_.find_token(sha256_hex(*token));
  if (!found) return storage_failure();
  if (found->has_value()) {
    const TokenRecord& t = **found;
    if (t.client_id != client.client_id) {
      return client_error(client, ErrorCode::kUnauthorizedClient,
                          "the token was not issued to this client");
    }
    auto ok = t.kind == TokenKind::kRefresh ? store_.revoke_family(t.family).has_value()
                                            : store_.revoke_token(t.hash).has_value();
    if (!ok) return storage_failure();
  }
  ApiReply r = token_success(json::object());
  r.body.clear();
  r.content_type.clear();
  return with_client(std::move(r), client);
}

ApiReply OAuthService::introspect(const ApiRequest& req) {
  auto call = client_call(req);
  if (!call) return call.error();
  const Client& client = call->client;
  if (client.type != ClientType::kConfidential) {
    return client_error(client, ErrorCode::kInvalidClient, "public clients may not introspect");
  }
  auto token = form_get(call->form, "token");
  if (!token || token->empty()) {
    return client_error(client, ErrorCode::kInvalidRequest, "token is missing");
  }
  auto found = store_.find_token(sha256_hex(*token));
  if (!found) return storage_failure();
  const std::int64_t now = clock_.now();
  if (!found->has_value() || !is_live(**found, now)) {
    return with_client(token_success(json{{"active", false}}), client);
  }
  const TokenRecord& t = **found;
  json body = {{"active", true},
               {"scope", t.scope},
               {"client_id", t.client_id},
               {"token_type", t.kind == TokenKind::kAccess ? "Bearer" : "refresh_token"},
               {"exp", t.expires_at},
               {"iat", t.issued_at}};
  if (t.user_id) {
    auto user = store_.find_user_by_id(*t.user_id);
    if (!user) return storage_failure();
    if (user->has_value()) body["username"] = (*user)->username;
  }
  return with_client(token_success(body), client);
}

std::string OAuthService::issuer(const ApiRequest& req) const {
  if (!config_.issuer.empty()) return config_.issuer;
  return std::string(req.tls ? "https://" : "http://") + (req.host.empty() ? "127.0.0.1" : req.host);
}

ApiReply OAuthService::metadata(const ApiRequest& req) const {
  const std::string iss = issuer(req);
  json scopes = json::array();
  if (auto list = store_.list_scopes()) {
    for (const auto& s : *list) scopes.push_back(s.name);
  }
  json body = {
      {"issuer", iss},
      {"token_endpoint", iss + "/oauth/token/"},
      {"revocation_endpoint", iss + "/oauth/revoke_token/"},
      {"introspection_endpoint", iss + "/oauth/introspect/"},
      {"authorization_endpoint", iss + "/oauth/authorize/"},
      {"grant_types_supported",
       {"authorization_code", "password", "refresh_token", "client_credentials"}},
      {"response_types_supported", {"code"}},
      {"code_challenge_methods_supported", {"S256"}},
      {"authorization_response_iss_parameter_supported", true},
      {"token_endpoint_auth_methods_supported",
       {"client_secret_basic", "client_secret_post", "none"}},
      {"revocation_endpoint_auth_methods_supported", {"client_secret_basic", "client_secret_post"}},
      {"introspection_endpoint_auth_methods_supported",
       {"client_secret_basic", "client_secret_post"}},
      {"scopes_supported", scopes},
  };
  return json_reply(200, body);
}

Result<AccessContext, ApiReply> OAuthService::authorize(const ApiRequest& req,
                                                        const std::string& required_scope,
                                                        bool form_body_allowed) {
  std::optional<std::string> token;
  int methods = 0;
  if (req.authorization) {
    std::string_view h = *req.authorization;
    auto space = h.find(' ');
    std::string scheme = ascii_lower(h.substr(0, space));
    if (scheme == "bearer") {
      ++methods;
      std::string_view value = space == std::string_view::npos ? std::string_view() : h.substr(space + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
      if (!is_b64token(value)) {
        return unexpected(bearer_error(ErrorCode::kInvalidRequest, "malformed Bearer credentials"));
      }
      token = std::string(value);
    }
  }
  if (!req.query.empty()) {
    auto q = parse_form(req.query);
    if (q && form_count(*q, "access_token") > 0) {
      return unexpected(bearer_error(ErrorCode::kInvalidRequest,
                                     "access tokens are not accepted in the URI query"));
    }
  }
  if (form_body_allowed) {
    auto form = parse_form(req.body);
    if (form && form_count(*form, "access_token") > 0) {
      ++methods;
      if (form_count(*form, "access_token") > 1) {
        return unexpected(bearer_error(ErrorCode::kInvalidRequest, "access_token is repeated"));
      }
      if (!token) token = form_get(*form, "access_token");
    }
  }
  if (methods > 1) {
    return unexpected(bearer_error(ErrorCode::kInvalidRequest, "more than one method was used to send the token"));
  }
  if (!token) return unexpected(bearer_error(std::nullopt));

  auto found = store_.find_token(sha256_hex(*token));
  if (!found) return unexpected(server_error_reply());
  if (!found->has_value() || (*found)->kind != TokenKind::kAccess ||
      !is_live(**found, clock_.now())) {
    return unexpected(bearer_error(ErrorCode::kInvalidToken,
                                   "the access token is invalid, expired or revoked"));
  }
  auto scope = parse_scope((*found)->scope);
  if (!scope) return unexpected(server_error_reply());
  AccessContext ctx{**found, *scope};
  if (!required_scope.empty() && !ctx.scope.count(required_scope)) {
    ApiReply r = bearer_error(ErrorCode::kInsufficientScope,
                              "the access token lacks the scope this request needs", required_scope);
    r.client_id = ctx.token.client_id;
    return unexpected(std::move(r));
  }
  return ctx;
}

}  // namespace ock::server
