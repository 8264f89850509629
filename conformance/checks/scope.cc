#include "conformance/checks/scope.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "conformance/checks/grammar.h"
#include "conformance/checks/text.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {

using engine::describe;
using engine::parse_json_body;
using engine::token_issued;

ScopeShape classify_scope(std::string_view scope) {
  for (char c : scope) {
    if (c != ' ' && !is_scope_char(c)) return ScopeShape::kIllegal;
  }
  if (scope.empty() || scope.front() == ' ' || scope.back() == ' ' ||
      scope.find("  ") != std::string_view::npos)
    return ScopeShape::kBadSpacing;
  return ScopeShape::kValid;
}

std::vector<std::string> split_scope(std::string_view scope) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < scope.size()) {
    auto sp = scope.find(' ', i);
    if (sp == std::string_view::npos) sp = scope.size();
    if (sp > i) out.emplace_back(scope.substr(i, sp - i));
    i = sp + 1;
  }
  return out;
}

bool same_scope_set(std::string_view a, std::string_view b) {
  auto sa = split_scope(a);
  auto sb = split_scope(b);
  return std::set<std::string>(sa.begin(), sa.end()) == std::set<std::string>(sb.begin(), sb.end());
}

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
  return join(tokens, " ");
}

std::string scope_without(std::string_view scope, std::string_view value) {
  auto tokens = split_scope(scope);
  std::erase(tokens, std::string(value));
  return join(tokens, " ");
}

bool expect_scope_syntax(const HttpExchange& x, const Tag& tag) {
  auto j = parse_json_body(x.response);
  if (!j || !j->is_object()) return record(tag, "scope_syntax", false, "a JSON object", "not one");
  auto it = j->find("scope");
  if (it == j->end()) return record(tag, "scope_syntax", true, "absent or scope-tokens", "absent");
  if (!it->is_string()) {
    return record(tag, "scope_syntax", false, "a string of scope-tokens", it->dump());
  }
  auto s = it->get<std::string>();
  return record(tag, "scope_syntax", classify_scope(s) == ScopeShape::kValid,
                "scope-tokens separated by single spaces", it->dump());
}

bool expect_scope_within(std::string_view granted, std::string_view allowed, const Tag& tag) {
  std::vector<std::string> extra;
  for (const auto& t : split_scope(granted)) {
    if (!scope_contains(allowed, t)) extra.push_back(t);
  }
  return record(tag, "scope_within", extra.empty(), "scope-tokens within " + shown(allowed),
                shown(granted) + (extra.empty() ? "" : " (beyond: " + join(extra, " ") + ")"));
}

bool expect_scope_covers(std::string_view granted, std::string_view required, const Tag& tag) {
  std::vector<std::string> missing;
  for (const auto& t : split_scope(required)) {
    if (!scope_contains(granted, t)) missing.push_back(t);
  }
  return record(tag, "scope_covers", missing.empty(), "every scope-token of " + shown(required),
                shown(granted) + (missing.empty() ? "" : " (missing: " + join(missing, " ") + ")"));
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

std::string scope_outcome(const HttpExchange& x) {
  if (x.response.status == 200 && token_issued(x)) return "token issued";
  if (x.response.status == 400 && engine::error_code_of(x) == "invalid_scope") {
    return "invalid_scope";
  }
  return "other (" + describe(x) + ")";
}

bool expect_default_scope_outcome(const HttpExchange& x, const Tag& tag) {
  auto outcome = scope_outcome(x);
  return record(tag, "outcome", outcome == "token issued" || outcome == "invalid_scope",
                "200 with a token, or 400 invalid_scope", outcome);
}

bool expect_same_scope_outcome(const HttpExchange& x, const HttpExchange& ref, const Tag& tag) {
  auto a = scope_outcome(x), b = scope_outcome(ref);
  return record(tag, "same_outcome", a == b, "same outcome as without scope: " + b, a);
}

namespace {

// The scope member as written: nullopt when absent (or the body is not a JSON object).
std::optional<nlohmann::json> scope_member(const HttpExchange& x) {
  auto j = engine::json_object_body(x.response);
  if (!j) return std::nullopt;
  auto it = j->find("scope");
  if (it == j->end()) return std::nullopt;
  return *it;
}

}  // namespace

bool expect_scope_characters(const HttpExchange& x, const Tag& tag) {
  auto v = scope_member(x);
  if (!v) return record(tag, "scope_syntax", true, "absent or scope-tokens", "absent");
  if (!v->is_string()) return record(tag, "scope_syntax", false, "a string", v->dump());
  return record(tag, "scope_syntax", classify_scope(v->get<std::string>()) != ScopeShape::kIllegal,
                "scope-tokens of %x21 / %x23-5B / %x5D-7E", v->dump());
}

bool expect_scope_spacing(const HttpExchange& x, const Tag& tag) {
  auto v = scope_member(x);
  if (!v || !v->is_string()) return true;
  auto shape = classify_scope(v->get<std::string>());
  if (shape == ScopeShape::kIllegal) return true;
  return record(tag, "scope_spacing", shape == ScopeShape::kValid,
                "single spaces between scope-tokens", v->dump());
}

}  // namespace ock::conformance::checks
