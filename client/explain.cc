#include "client/explain.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>

#include "client/www_authenticate.h"

namespace ock::client {

namespace {

using nlohmann::json;

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_oauth_endpoint(Endpoint e) { return e != Endpoint::kResource; }

std::optional<json> parse_json(const std::string& body) {
  auto value = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

std::string string_field(const json& object, const char* name) {
  if (!object.is_object()) return {};
  auto it = object.find(name);
  if (it == object.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

struct CodeText {
  std::string meaning;
  std::string fix;
  std::string reference;
};

// What each error code means at this endpoint, and what usually fixes it.
CodeText describe_code(Endpoint e, const std::string& code, const std::string& scope_needed) {
  if (code == "invalid_client") {
    return {
        "the server could not authenticate the client (unknown client id, wrong secret, or "
        "an authentication method it does not accept)",
        "check the client id and secret, and that both are form-encoded before the Basic "
        "encoding",
        "RFC 6749 §2.3.1, §5.2"};
  }
  if (code == "invalid_grant") {
    if (e == Endpoint::kCodeExchange) {
      return {"the code was refused: wrong, expired, already used, issued to another client or "
              "for another redirect_uri, or the code_verifier does not match the "
              "code_challenge sent with the authorization request",
              "start the flow again: a code is good for one exchange, within a minute or so, "
              "by the same client with the same redirect_uri and verifier",
              "RFC 6749 §4.1.3, §5.2; RFC 7636 §4.6"};
    }
    if (e == Endpoint::kRefresh) {
      return {
          "the refresh token is not valid: expired, revoked, already used (servers that "
          "rotate refresh tokens accept each one once), or issued to another client",
          "get a fresh token with `oauth-client token`", "RFC 6749 §5.2, §6"};
    }
    return {
        "the grant was refused: for the password grant, the username or password is wrong "
        "(or, on a refresh, the refresh token was used or revoked)",
        "check the username and the password (OAUTH_USERNAME, OAUTH_PASSWORD)",
        "RFC 6749 §4.3.2, §5.2"};
  }
  if (code == "invalid_scope") {
    if (e == Endpoint::kRefresh) {
      return {"a refresh asked for a scope the original grant did not include",
              "ask for the original scope or less", "RFC 6749 §6"};
    }
    return {"the requested scope is unknown, malformed, or more than this client may have",
            "ask only for scopes the server knows and the client is allowed (--scope)",
            "RFC 6749 §3.3, §5.2"};
  }
  if (code == "unauthorized_client") {
    return {"the client is authenticated but not allowed to use this grant type",
            "allow the grant (password, refresh_token) for this client on the server, or use "
            "another client",
            "RFC 6749 §5.2"};
  }
  if (code == "unsupported_grant_type") {
    return {"the server does not support this grant_type at all",
            "check grant_type, or use a grant the server offers", "RFC 6749 §5.2"};
  }
  if (code == "invalid_request") {
    if (e == Endpoint::kResource) {
      return {"the resource request was malformed (for instance, the token was sent twice)",
              "send the token once, in the Authorization header", "RFC 6750 §3.1"};
    }
    return {"a required parameter is missing, repeated, or malformed",
            "check the parameters the request sends", "RFC 6749 §5.2"};
  }
  if (code == "unsupported_token_type") {
    return {"the server cannot revoke this type of token",
            "revoke the other token (--access), or ask the server operator", "RFC 7009 §2.2.1"};
  }
  if (code == "invalid_token") {
    return {"the access token expired, was revoked, or is not known to this server",
            "refresh it (`oauth-client refresh`) or get a new one (`oauth-client token`)",
            "RFC 6750 §3.1"};
  }
  if (code == "insufficient_scope") {
    if (scope_needed.empty()) {
      return {"the token is valid but lacks the scope this endpoint needs",
              "get a token that asks for the scope this endpoint needs (oauth-client token "
              "--scope ...)",
              "RFC 6750 §3.1"};
    }
    return {"the token is valid but lacks the scope this endpoint needs",
            "get a token that asks for scope \"" + scope_needed +
                "\" (oauth-client token --scope \"" + scope_needed + "\")",
            "RFC 6750 §3.1"};
  }
  if (code == "access_denied") {
    return {"the resource owner or the server denied the request",
            "check the user's rights on the server", "RFC 6749 §4.1.2.1"};
  }
  if (code == "server_error" || code == "temporarily_unavailable") {
    return {"the server failed or is overloaded; the request itself may be fine",
            "try again later and look at the server's log", "RFC 6749 §4.1.2.1"};
  }
  return {"\"" + code + "\" is not an error code of RFC 6749 §5.2 or RFC 6750 §3.1",
          "read the server's error_description and documentation", "RFC 6749 §5.2"};
}

Diagnosis error_with_code(Endpoint e, int status, const std::string& code,
                          const std::string& description, const std::string& scope_needed) {
  const CodeText text = describe_code(e, code, scope_needed);
  Diagnosis d;
  d.code = code;
  d.summary = endpoint_name(e) + " answered " + std::to_string(status) + " " + code;
  d.detail = description;
  d.meaning = text.meaning;
  d.fix = text.fix;
  d.reference = text.reference;
  return d;
}

Diagnosis plain(std::string code, std::string summary, std::string meaning, std::string fix,
                std::string reference) {
  Diagnosis d;
  d.code = std::move(code);
  d.summary = std::move(summary);
  d.meaning = std::move(meaning);
  d.fix = std::move(fix);
  d.reference = std::move(reference);
  return d;
}

std::string flag_for(Endpoint e) {
  switch (e) {
    case Endpoint::kToken:
    case Endpoint::kCodeExchange:
    case Endpoint::kRefresh:
      return "--token-path";
    case Endpoint::kRevocation:
      return "--revocation-path";
    case Endpoint::kIntrospection:
      return "--introspection-path";
    case Endpoint::kResource:
      return "the PATH argument";
  }
  return "the path";
}

Diagnosis diagnose_success(Endpoint e, const ResponseFacts& r) {
  const std::string where = endpoint_name(e) + " answered " + std::to_string(r.status);
  Diagnosis d;
  d.ok = true;
  d.summary = where;
  switch (e) {
    case Endpoint::kToken:
    case Endpoint::kCodeExchange:
    case Endpoint::kRefresh: {
      auto body = parse_json(r.body);
      if (!body || !body->is_object()) {
        return plain("not_json", where + " but its body is not a JSON object",
                     "a token response must be JSON",
                     "check that --server points at an OAuth "
                     "server and the token path is right",
                     "RFC 6749 §5.1");
      }
      if (string_field(*body, "access_token").empty()) {
        return plain("missing_access_token", where + " without an access_token",
                     "a successful token response must hold access_token and token_type",
                     "check the server", "RFC 6749 §5.1");
      }
      if (e == Endpoint::kToken) {
        d.meaning =
            "the server authenticated the client, checked the user's password and issued an "
            "access token";
        d.reference = "RFC 6749 §4.3.3, §5.1";
      } else if (e == Endpoint::kCodeExchange) {
        d.meaning =
            "the server checked the code, that it was issued to this client for this "
            "redirect_uri, and that the code_verifier hashes to the code_challenge, then issued "
            "an access token";
        d.reference = "RFC 6749 §4.1.4, §5.1; RFC 7636 §4.6";
      } else {
        d.meaning = "the server accepted the refresh token and issued a new access token";
        d.reference = "RFC 6749 §6";
      }
      return d;
    }
    case Endpoint::kRevocation:
      d.meaning =
          "the token is revoked (a server answers 200 also for a token it did not know, "
          "so that nobody can probe tokens)";
      d.reference = "RFC 7009 §2.2";
      return d;
    case Endpoint::kIntrospection: {
      auto body = parse_json(r.body);
      if (!body || !body->is_object() || !(*body).contains("active")) {
        return plain("not_json", where + " without a JSON object holding \"active\"",
                     "an introspection response must say whether the token is active",
                     "check the server", "RFC 7662 §2.2");
      }
      const bool active = (*body)["active"].is_boolean() && (*body)["active"].get<bool>();
      d.meaning = active ? "the token is active; the other fields describe it (scope, client, "
                           "user, expiry)"
                         : "the token is not active: expired, revoked, or never issued";
      d.reference = "RFC 7662 §2.2";
      return d;
    }
    case Endpoint::kResource:
      d.meaning = "the API accepted the Bearer token from the Authorization header";
      d.reference = "RFC 6750 §2.1";
      return d;
  }
  return d;
}

}  // namespace

std::string endpoint_name(Endpoint e) {
  switch (e) {
    case Endpoint::kToken:
      return "the token endpoint";
    case Endpoint::kCodeExchange:
      return "the token endpoint (code exchange)";
    case Endpoint::kRefresh:
      return "the token endpoint (refresh)";
    case Endpoint::kRevocation:
      return "the revocation endpoint";
    case Endpoint::kIntrospection:
      return "the introspection endpoint";
    case Endpoint::kResource:
      return "the API";
  }
  return "the server";
}

std::string Diagnosis::sentence() const {
  std::string s = summary;
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  if (!detail.empty()) s += " (\"" + detail + "\")";
  if (!meaning.empty()) s += ": " + meaning;
  if (!fix.empty()) s += "; " + fix;
  if (!reference.empty()) s += " (" + reference + ")";
  return s + ".";
}

Diagnosis diagnose(Endpoint e, const ResponseFacts& r) {
  const std::string where = endpoint_name(e) + " answered " + std::to_string(r.status);
  if (r.status >= 200 && r.status < 300) return diagnose_success(e, r);

  const Challenge challenge = parse_challenge(r.www_authenticate);
  const std::string scheme = lower(challenge.scheme);
  const auto body = parse_json(r.body);
  const std::string body_error = body ? string_field(*body, "error") : std::string();
  const std::string body_description = body ? string_field(*body, "error_description") : "";

  // 1. The resource server speaks RFC 6750 §3: the error code is in WWW-Authenticate.
  if (e == Endpoint::kResource && (r.status == 401 || r.status == 403 || r.status == 400)) {
    auto code_it = challenge.params.find("error");
    if (scheme == "bearer" && code_it != challenge.params.end()) {
      auto scope_it = challenge.params.find("scope");
      auto desc_it = challenge.params.find("error_description");
      return error_with_code(e, r.status, code_it->second,
                             desc_it != challenge.params.end() ? desc_it->second : "",
                             scope_it != challenge.params.end() ? scope_it->second : "");
    }
    if (r.status == 401) {
      return plain("no_token", where + " without an error code",
                   "the request carried no token the API accepts; a request without "
                   "credentials gets a bare Bearer challenge",
                   "send Authorization: Bearer <token>, and get a token first with "
                   "`oauth-client token`",
                   "RFC 6750 §3.1");
    }
    if (!body_error.empty()) return error_with_code(e, r.status, body_error, body_description, "");
    if (r.status == 403) {
      return plain("forbidden", where + " (forbidden) without an error code",
                   "the token was accepted but this user or client may not do this",
                   "check the user's rights on the server", "RFC 9110 §15.5.4");
    }
  }

  // 2. The OAuth endpoints speak RFC 6749 §5.2: a JSON body with "error".
  if (is_oauth_endpoint(e) && !body_error.empty()) {
    return error_with_code(e, r.status, body_error, body_description, "");
  }

  // 3. Answers that are not OAuth at all.
  if (r.status == 404) {
    if (e == Endpoint::kRevocation) {
      return plain("not_found", where + " (not found)",
                   "this server offers no token revocation at that path",
                   "check " + flag_for(e) + ", or skip revocation", "RFC 7009 §2");
    }
    return plain("not_found", where + " (not found)", "the server has nothing at that path",
                 "check --server and " + flag_for(e), "RFC 9110 §15.5.5");
  }
  if (r.status == 405) {
    return plain("method_not_allowed", where + " (method not allowed)",
                 "the path exists but does not take this method",
                 "check the method (--method) and the path", "RFC 9110 §15.5.6");
  }
  if (r.status == 401 && is_oauth_endpoint(e)) {
    return plain("invalid_client", where + " without a JSON error",
                 "the server did not accept the client's credentials",
                 "check the client id and secret, and that both are form-encoded before the "
                 "Basic encoding",
                 "RFC 6749 §2.3.1");
  }
  const bool html = lower(r.content_type).find("text/html") != std::string::npos;
  if (r.status >= 500) {
    if (!body_error.empty()) return error_with_code(e, r.status, body_error, body_description, "");
    return plain(html ? "html_error_page" : "server_error",
                 where + (html ? " with an HTML error page" : " (server error)"),
                 "the server failed while handling the request; this is not an OAuth error",
                 "look at the server's log", "RFC 9110 §15.6");
  }
  if (!body) {
    return plain("not_json", where + " with a body that is not JSON",
                 html ? "an HTML page came back where an OAuth server answers with JSON"
                      : "an OAuth server answers errors with a JSON body",
                 "check that --server points at an OAuth server", "RFC 6749 §5.2");
  }
  return plain("unexpected_status", where + " without an error code",
               "the status alone does not say what went wrong", "look at the response body",
               "RFC 6749 §5.2");
}

Diagnosis diagnose_authorization_error(const std::string& code,
                                       const std::string& description) {
  struct Known {
    const char* code;
    const char* meaning;
    const char* fix;
  };
  static const Known kKnown[] = {
      {"invalid_request",
       "the authorization request is missing a parameter, repeats one, or has a malformed one "
       "(a server that requires PKCE answers this to a request without code_challenge)",
       "check the parameters of the authorization URL"},
      {"unauthorized_client", "this client may not ask for a code",
       "allow the authorization code grant for this client on the server"},
      {"access_denied", "the user (or the server) refused the request, for instance on the "
                        "consent page",
       "approve the request on the consent page, or check the user's rights"},
      {"unsupported_response_type", "the server does not issue codes with this response_type",
       "send response_type=code"},
      {"invalid_scope", "the requested scope is unknown, malformed or not allowed",
       "ask only for scopes the server knows (--scope)"},
      {"server_error", "the server failed while handling the request",
       "try again later and look at the server's log"},
      {"temporarily_unavailable", "the server is overloaded or down for maintenance",
       "try again later"},
  };
  Diagnosis d;
  d.code = code;
  d.summary = "the authorization endpoint redirected back with error=" + code;
  d.detail = description;
  d.reference = "RFC 6749 §4.1.2.1";
  for (const auto& k : kKnown) {
    if (code == k.code) {
      d.meaning = k.meaning;
      d.fix = k.fix;
      return d;
    }
  }
  d.meaning = "\"" + code + "\" is not an error code of RFC 6749 §4.1.2.1";
  d.fix = "read the server's error_description and documentation";
  return d;
}

std::vector<std::string> explain(Endpoint e, const ResponseFacts& r) {
  const Diagnosis d = diagnose(e, r);
  std::vector<std::string> lines;
  if (d.ok) {
    lines.push_back("What happened: " + d.meaning + ".");
    if ((e == Endpoint::kToken || e == Endpoint::kCodeExchange || e == Endpoint::kRefresh) &&
        lower(r.body).find("refresh_token") == std::string::npos) {
      lines.push_back(
          "No refresh_token came back: this server (or client) does not use refresh "
          "tokens, so a new token means asking for one again.");
    }
    if (e == Endpoint::kRefresh) {
      lines.push_back(
          "If a new refresh_token came back, the old one must be thrown away "
          "(RFC 6749 §6).");
    }
    lines.push_back("Which RFC says so: " + d.reference + ".");
    return lines;
  }
  std::string said = "What went wrong: " + d.summary;
  if (!d.detail.empty()) said += " (\"" + d.detail + "\")";
  lines.push_back(said + ".");
  lines.push_back("What it means: " + d.meaning + ".");
  if (!d.fix.empty()) lines.push_back("Likely fix: " + d.fix + ".");
  lines.push_back("Which RFC says so: " + d.reference + ".");
  return lines;
}

}  // namespace ock::client
