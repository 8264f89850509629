#include "conformance/catalog/checks_ehgi.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "conformance/catalog/token_response.h"

namespace ock::conformance::catalog {
namespace {

constexpr const char* kC1 = "password.success.basic";
constexpr const char* kNoRefreshToken = "no refresh token issued";

bool record(const Tag& tag, std::string_view default_id, bool ok, std::string expected,
            std::string actual) {
  current_recorder().record(Finding{tag.id.empty() ? std::string(default_id) : tag.id, ok,
                                    tag.level, std::move(expected), std::move(actual)});
  return ok;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string shown(std::string_view scope) {
  return scope.empty() ? std::string("(empty)") : "\"" + std::string(scope) + "\"";
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

std::optional<std::string> string_member(const HttpExchange& x, const char* name) {
  auto j = parse_json_body(x.response);
  if (!j || !j->is_object()) return std::nullopt;
  auto it = j->find(name);
  if (it == j->end() || !it->is_string()) return std::nullopt;
  auto v = it->get<std::string>();
  return v;
}

std::string challenges_actual(const HttpExchange& x) {
  auto all = x.response.header_all("WWW-Authenticate");
  if (all.empty())
    return "no WWW-Authenticate header (status " + std::to_string(x.response.status) + ")";
  std::string out = "WWW-Authenticate:";
  for (std::size_t i = 0; i < all.size(); ++i) out += (i ? " | " : " ") + all[i];
  return out;
}

}  // namespace

// ---- scope values

std::optional<std::string> granted_scope(const HttpExchange& x, std::string_view requested) {
  if (!token_issued(x)) return std::nullopt;
  auto j = parse_json_body(x.response);
  auto it = j->find("scope");
  if (it == j->end()) return std::string(requested);
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

bool scope_contains(std::string_view scope, std::string_view value) {
  auto tokens = split_scope(scope);
  return std::find(tokens.begin(), tokens.end(), value) != tokens.end();
}

bool scope_subset(std::string_view inner, std::string_view outer) {
  auto tokens = split_scope(inner);
  return std::all_of(tokens.begin(), tokens.end(),
                     [&](const std::string& t) { return scope_contains(outer, t); });
}

std::string scope_with(std::string_view scope, std::string_view value) {
  auto tokens = split_scope(scope);
  if (std::find(tokens.begin(), tokens.end(), value) == tokens.end()) {
    tokens.emplace_back(value);
  }
  return join(tokens);
}

std::string scope_without(std::string_view scope, std::string_view value) {
  auto tokens = split_scope(scope);
  std::erase(tokens, std::string(value));
  return join(tokens);
}

std::optional<std::string> introspected_scope(const HttpExchange& x) {
  return string_member(x, "scope");
}

std::optional<std::string> access_token_of(const HttpExchange& x) {
  auto v = string_member(x, "access_token");
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::optional<std::string> refresh_token_of(const HttpExchange& x) {
  auto v = string_member(x, "refresh_token");
  if (v && v->empty()) return std::nullopt;
  return v;
}

// ---- scope checks

bool expect_scope_within(std::string_view granted, std::string_view allowed, const Tag& tag) {
  std::vector<std::string> extra;
  for (const auto& t : split_scope(granted)) {
    if (!scope_contains(allowed, t)) extra.push_back(t);
  }
  return record(tag, "scope_within", extra.empty(), "scope-tokens within " + shown(allowed),
                shown(granted) + (extra.empty() ? "" : " (beyond: " + join(extra) + ")"));
}

bool expect_scope_covers(std::string_view granted, std::string_view required, const Tag& tag) {
  std::vector<std::string> missing;
  for (const auto& t : split_scope(required)) {
    if (!scope_contains(granted, t)) missing.push_back(t);
  }
  return record(tag, "scope_covers", missing.empty(), "every scope-token of " + shown(required),
                shown(granted) + (missing.empty() ? "" : " (missing: " + join(missing) + ")"));
}

bool expect_scope_equal(std::string_view granted, std::string_view want, const Tag& tag) {
  return record(tag, "scope_equal", same_scope_set(granted, want), "the scope set " + shown(want),
                shown(granted));
}

bool expect_scope_lacks(std::string_view scope, std::string_view value, const Tag& tag) {
  return record(tag, "scope_lacks", !scope_contains(scope, value),
                "a scope without " + std::string(value), shown(scope));
}

bool expect_scope_value_not_granted(const HttpExchange& x, std::string_view value, const Tag& tag) {
  std::string expected = "no token, or a \"scope\" member without " + std::string(value);
  if (!token_issued(x)) return record(tag, "value_not_granted", true, expected, describe(x));
  auto j = parse_json_body(x.response);
  auto it = j->find("scope");
  if (it == j->end()) {
    return record(tag, "value_not_granted", false, expected,
                  "token issued, \"scope\" omitted (asserts the request was granted as sent)");
  }
  if (!it->is_string()) {
    return record(tag, "value_not_granted", false, expected, "\"scope\" is " + it->dump());
  }
  auto s = it->get<std::string>();
  return record(tag, "value_not_granted", !scope_contains(s, value), expected,
                "token issued with scope " + shown(s));
}

// ---- token endpoint

bool expect_token_issued(const HttpExchange& x, const Tag& tag) {
  return record(tag, "token_issued", x.response.status == 200 && token_issued(x),
                "200 with an access_token", describe(x));
}

bool expect_at_most_one_token(const std::vector<HttpExchange>& replies, const Tag& tag) {
  std::size_t issued = 0;
  std::string actual;
  for (const auto& x : replies) {
    if (token_issued(x)) ++issued;
    actual += (actual.empty() ? "" : ", ") + describe(x);
  }
  return record(tag, "at_most_one_token", issued <= 1, "at most one token issued",
                std::to_string(issued) + " issued: " + actual);
}

bool expect_expires_in_at_most(const HttpExchange& x, std::int64_t max_s, const Tag& tag) {
  auto t = parse_token_response(x.response);
  std::string expected = "expires_in <= " + std::to_string(max_s) + " s";
  if (!t || !t->expires_in) {
    return record(tag, "lifetime", false, expected, "no expires_in (lifetime unknown)");
  }
  return record(tag, "lifetime", *t->expires_in <= max_s, expected,
                std::to_string(*t->expires_in) + " s");
}

// ---- resource server

bool expect_success(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "accepted", s >= 200 && s <= 299, "2xx", describe(x));
}

bool expect_refused(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "refused", !(s >= 200 && s <= 299), "not 2xx", describe(x));
}

bool expect_bearer_challenge_without_error(const HttpExchange& x, const Tag& tag) {
  bool ok = true;
  for (const auto& c : challenges_of(x)) {
    if (lower(c.scheme) == "bearer" && c.param("error")) ok = false;
  }
  return record(tag, "no_error_attribute", ok, "a Bearer challenge without an error attribute",
                challenges_actual(x));
}

std::optional<std::string> challenge_syntax_problem(const HttpExchange& x) {
  bool bearer = false;
  for (const auto& value : x.response.header_all("WWW-Authenticate")) {
    auto parsed = parse_challenges(value);
    if (!parsed) return "WWW-Authenticate does not parse: " + parsed.error();
    for (const auto& c : *parsed) {
      if (lower(c.scheme) != "bearer") continue;
      bearer = true;
      if (auto problem = bearer_challenge_problem(c)) return "Bearer challenge: " + *problem;
    }
  }
  if (x.response.status == 401 && !bearer) return std::string("401 without a Bearer challenge");
  return std::nullopt;
}

bool expect_challenge_syntax(const HttpExchange& x, const Tag& tag) {
  auto problem = challenge_syntax_problem(x);
  return record(tag, "challenge_syntax", !problem,
                "grammatical challenges (RFC 9110 §11.6.1, RFC 6750 §3)",
                problem ? *problem + " in " + challenges_actual(x) : challenges_actual(x));
}

// ---- introspection

bool expect_introspection_active(const HttpExchange& x, bool active, const Tag& tag) {
  std::string expected = std::string("200 {\"active\":") + (active ? "true" : "false") + "}";
  auto j = parse_json_body(x.response);
  std::string actual = std::to_string(x.response.status);
  bool ok = false;
  if (!j || !j->is_object()) {
    actual += " (body is not a JSON object)";
  } else if (auto it = j->find("active"); it == j->end()) {
    actual += " (no \"active\" member)";
  } else {
    actual += " \"active\": " + it->dump();
    ok = x.response.status == 200 && it->is_boolean() && it->get<bool>() == active;
  }
  return record(tag, "introspection_active", ok, expected, actual);
}

// ---- Probe helpers

void skip_unless_refresh_tokens(Probe& p) {
  auto c1 = p.shared().published(kC1);
  if (c1 && token_issued(*c1) && !refresh_token_of(*c1)) p.skip(kNoRefreshToken);
}

Grant obtain_refresh_grant(Probe& p, std::optional<std::string> scope,
                           std::string_view client_role) {
  skip_unless_refresh_tokens(p);
  Grant g = p.obtain_grant("primary", client_role, std::move(scope));
  if (!g.refresh_token || g.refresh_token->empty()) p.skip(kNoRefreshToken);
  return g;
}

std::string short_client_role(const Profile& profile) {
  return profile.client("short_lived") ? "short_lived" : "primary";
}

Grant obtain_short_grant(Probe& p) {
  std::string role = short_client_role(p.profile());
  Grant g = p.obtain_grant("primary", role);
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

}  // namespace ock::conformance::catalog
