#include "reference-server/core/oauth_request.h"

#include "reference-server/core/ascii.h"
#include "reference-server/core/crypto.h"

namespace ock::server {
namespace {

OAuthError invalid_client(std::string description, bool basic) {
  OAuthError e = oauth_error(ErrorCode::kInvalidClient, std::move(description));
  e.basic_auth_attempted = basic;
  return e;
}

// A hash that matches no secret, compared against when the client is unknown so that unknown
// and known clients cost the same.
const std::string& dummy_secret_hash() {
  static const std::string h = sha256_hex("ock-no-such-client");
  return h;
}

}  // namespace

Result<FormParams, OAuthError> parse_oauth_form(const ApiRequest& req) {
  return parse_post_form(req, false);
}

Result<FormParams, OAuthError> parse_post_form(const ApiRequest& req, bool query_allowed) {
  if (req.method != "POST") {
    return unexpected(oauth_error(ErrorCode::kInvalidRequest, "the request must use POST"));
  }
  std::string ct = ascii_lower(req.content_type.value_or(""));
  auto semi = ct.find(';');
  std::string media = ct.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.pop_back();
  if (media != "application/x-www-form-urlencoded") {
    return unexpected(oauth_error(ErrorCode::kInvalidRequest,
                                  "the body must be application/x-www-form-urlencoded"));
  }
  if (!query_allowed && !req.query.empty()) {
    return unexpected(oauth_error(ErrorCode::kInvalidRequest,
                                  "parameters must be sent in the request body, not in the URI"));
  }
  auto form = parse_form(req.body);
  if (!form) return unexpected(oauth_error(ErrorCode::kInvalidRequest, "malformed body: " + form.error()));
  if (auto name = first_repeated_name(*form)) {
    return unexpected(
        oauth_error(ErrorCode::kInvalidRequest, "the parameter " + *name + " is repeated"));
  }
  return std::move(*form);
}

Result<Client, OAuthError> authenticate_client(ClientStore& clients, const ApiRequest& req,
                                               const FormParams& form, LoginThrottle& throttle) {
  std::optional<std::string> id;
  std::optional<std::string> secret;
  bool basic = false;

  if (req.authorization) {
    std::string_view h = *req.authorization;
    if (!iequals_prefix(h, "basic ")) {
      return unexpected(invalid_client("only the Basic authentication scheme is supported", true));
    }
    basic = true;
    std::string_view b64 = h.substr(6);
    while (!b64.empty() && b64.front() == ' ') b64.remove_prefix(1);
    while (!b64.empty() && b64.back() == ' ') b64.remove_suffix(1);
    auto decoded = base64_decode(b64);
    if (!decoded || decoded->empty()) {
      return unexpected(oauth_error(ErrorCode::kInvalidRequest, "malformed Basic credentials"));
    }
    auto colon = decoded->find(':');
    if (colon == std::string::npos) {
      return unexpected(oauth_error(ErrorCode::kInvalidRequest, "the Basic credentials have no ':'"));
    }
    auto uid = form_decode(std::string_view(*decoded).substr(0, colon));
    auto pw = form_decode(std::string_view(*decoded).substr(colon + 1));
    if (!uid || !pw) {
      return unexpected(oauth_error(ErrorCode::kInvalidRequest, "malformed Basic credentials"));
    }
    if (form_get(form, "client_secret")) {
      return unexpected(oauth_error(ErrorCode::kInvalidRequest,
                                    "the client used more than one authentication method"));
    }
    if (auto body_id = form_get(form, "client_id"); body_id && *body_id != *uid) {
      return unexpected(oauth_error(ErrorCode::kInvalidRequest,
                                    "client_id in the body differs from the authenticated client"));
    }
    id = std::move(*uid);
    secret = std::move(*pw);
  } else {
    id = form_get(form, "client_id");
    secret = form_get(form, "client_secret");
  }

  if (!id || id->empty()) {
    return unexpected(invalid_client("client authentication is required", basic));
  }
  const std::string throttle_key = "client:" + *id;
  if (auto wait = throttle.reserve(throttle_key); wait > 0) {
    OAuthError e = invalid_client("too many failed authentications; try again later", basic);
    e.retry_after = static_cast<long>(wait);
    return unexpected(e);
  }
  ThrottleAttempt attempt(throttle, throttle_key);
  auto found = clients.find_client(*id);
  if (!found) return unexpected(oauth_error(ErrorCode::kServerError, ""));
  const Client* client = found->has_value() ? &found->value() : nullptr;

  if (client && client->type == ClientType::kPublic && !secret) return *client;
  if (!secret) {
    return unexpected(invalid_client("client authentication is required", basic));
  }
  const std::string& want = client ? client->secret_hash : dummy_secret_hash();
  bool ok = constant_time_equal(sha256_hex(*secret), want);
  if (!client || !ok || client->secret_hash.empty()) {
    attempt.failed();
    return unexpected(invalid_client("client authentication failed", basic));
  }
  attempt.succeeded();
  return *client;
}

Result<ScopeSet, OAuthError> requested_scope(ClientStore& clients, const Client& client,
                                             const std::optional<std::string>& requested) {
  auto asked = parse_scope(requested.value_or(""));
  if (!asked) return unexpected(asked.error());
  auto known_list = clients.list_scopes();
  if (!known_list) return unexpected(oauth_error(ErrorCode::kServerError, ""));
  ScopeSet known;
  for (const auto& s : *known_list) known.insert(s.name);
  return grant_scope(*asked, known, client.scopes);
}

}  // namespace ock::server
