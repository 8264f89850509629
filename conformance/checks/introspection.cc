#include "conformance/checks/introspection.h"

#include <cstdlib>
#include <functional>
#include <nlohmann/json.hpp>
#include <vector>

#include "conformance/checks/json.h"
#include "conformance/checks/scope.h"
#include "conformance/checks/text.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {

using engine::parse_json_body;

std::optional<std::string> introspected_scope(const HttpExchange& x) {
  return engine::string_member(x.response, "scope");
}

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

bool expect_only_active_member(const HttpExchange& x, const Tag& tag) {
  auto j = engine::json_object_body(x.response);
  std::vector<std::string> extra;
  if (j) {
    for (const auto& [k, v] : j->items()) {
      if (k != "active") extra.push_back(k);
    }
  }
  return record(tag, "inactive_minimal", j && extra.empty(), "only the active member",
                !j              ? describe_json_body(x)
                : extra.empty() ? std::string("only active")
                                : "also " + join(extra, ", "));
}

namespace {

// Judges a member only when it is there: `holds` decides for a present member, an absent one
// passes. The actual value is the member as written.
bool member_if_present(const HttpExchange& x, std::string_view member, const Tag& tag,
                       const std::string& default_id, const std::string& expected,
                       const std::function<bool(const nlohmann::json&)>& holds) {
  auto j = engine::json_object_body(x.response);
  bool ok = true;
  std::string actual = "absent";
  if (j) {
    if (auto it = j->find(member); it != j->end()) {
      ok = holds(*it);
      actual = it->dump();
    }
  }
  return record(tag, default_id, ok, expected, actual);
}

}  // namespace

bool expect_integer_member_if_present(const HttpExchange& x, std::string_view member,
                                      const Tag& tag) {
  return member_if_present(x, member, tag, std::string(member) + "_type",
                           "absent or a JSON integer",
                           [](const nlohmann::json& v) { return v.is_number_integer(); });
}

bool expect_string_member_if_present(const HttpExchange& x, std::string_view member,
                                     const Tag& tag) {
  return member_if_present(x, member, tag, std::string(member) + "_type", "absent or a JSON string",
                           [](const nlohmann::json& v) { return v.is_string(); });
}

bool expect_member_equals_if_present(const HttpExchange& x, std::string_view member,
                                     std::string_view want, const Tag& tag) {
  return member_if_present(
      x, member, tag, std::string(member) + "_value", "absent or \"" + std::string(want) + "\"",
      [&](const nlohmann::json& v) { return v.is_string() && v.get<std::string>() == want; });
}

bool expect_scope_set_if_present(const HttpExchange& x, std::string_view want, const Tag& tag) {
  return member_if_present(x, "scope", tag, "scope_value",
                           "absent or the scope set \"" + std::string(want) + "\"",
                           [&](const nlohmann::json& v) {
                             return v.is_string() && same_scope_set(v.get<std::string>(), want);
                           });
}

bool expect_exp_near(const HttpExchange& x, std::int64_t want, std::int64_t leeway,
                     const Tag& tag) {
  auto j = engine::json_object_body(x.response);
  bool ok = false;
  std::string actual = "absent";
  if (j) {
    if (auto it = j->find("exp"); it != j->end()) {
      actual = it->dump();
      if (it->is_number_integer()) {
        auto exp = it->get<std::int64_t>();
        ok = std::llabs(exp - want) <= leeway;
        actual += " (" + std::string(exp >= want ? "+" : "") + std::to_string(exp - want) + " s)";
      }
    }
  }
  return record(tag, "exp_value", ok,
                std::to_string(want) + " +/- " + std::to_string(leeway) + " s", actual);
}

bool introspection_active(const HttpExchange& x) {
  auto j = engine::json_object_body(x.response);
  if (!j) return false;
  auto it = j->find("active");
  return it != j->end() && it->is_boolean() && it->get<bool>();
}

bool expect_no_disclosure(const HttpExchange& x, const Tag& tag) {
  return record(tag, "no_disclosure", !introspection_active(x), "no token data disclosed",
                engine::describe(x));
}

}  // namespace ock::conformance::checks
