#include "conformance/checks/token_reply.h"

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/json.h"
#include "conformance/checks/text.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {

using engine::describe;
using engine::parse_json_body;
using engine::parse_token_response;

bool is_known_error_code(std::string_view code) {
  static const std::set<std::string, std::less<>> kCodes = {
      "invalid_request",        "invalid_client",         "invalid_grant",
      "unauthorized_client",    "unsupported_grant_type", "invalid_scope",
      "unsupported_token_type", "invalid_target",         "invalid_dpop_proof",
      "use_dpop_nonce",         "authorization_pending",  "slow_down",
      "access_denied",          "expired_token",          "invalid_authorization_details"};
  return kCodes.contains(code);
}

bool expect_token_type(const HttpExchange& x, std::string_view type, const Tag& tag) {
  auto t = parse_token_response(x.response);
  std::string actual = "absent";
  bool ok = false;
  if (t) {
    auto it = t->body.find("token_type");
    if (it != t->body.end()) actual = it->is_string() ? it->get<std::string>() : it->dump();
    ok = t->token_type && lower(*t->token_type) == lower(type);
  }
  return record(tag, "token_type", ok, std::string(type) + " (case-insensitive)", actual);
}

bool expect_token_type_bearer(const HttpExchange& x, const Tag& tag) {
  return expect_token_type(x, "Bearer", tag);
}

bool expect_positive_expires_in(const HttpExchange& x, const Tag& tag) {
  auto j = parse_json_body(x.response);
  std::string actual = "absent";
  bool ok = false;
  if (j && j->is_object()) {
    auto it = j->find("expires_in");
    if (it != j->end()) {
      actual = it->dump();
      ok = it->is_number_integer() && it->get<std::int64_t>() > 0;
    }
  }
  return record(tag, "expires_in", ok, "a positive integer JSON number", actual);
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

bool expect_token_syntax(const HttpExchange& x, std::string_view member, const Tag& tag) {
  std::string id = std::string(member) + "_syntax";
  auto j = parse_json_body(x.response);
  std::string actual = "absent";
  bool ok = false;
  if (j && j->is_object()) {
    auto it = j->find(member);
    if (it != j->end()) {
      if (!it->is_string()) {
        actual = std::string("a JSON ") + it->type_name();
      } else {
        const auto& s = it->get_ref<const std::string&>();
        ok = is_vschar_string(s);
        actual = s.empty() ? "empty string"
                           : (ok ? "VSCHAR string of length " + std::to_string(s.size())
                                 : "characters outside %x20-7E");
      }
    }
  }
  return record(tag, id, ok, "a non-empty VSCHAR string", actual);
}

bool expect_b64token(const HttpExchange& x, std::string_view member, const Tag& tag) {
  std::string id = std::string(member) + "_b64token";
  auto j = parse_json_body(x.response);
  bool ok = false;
  std::string actual = "absent or not a string";
  if (j && j->is_object()) {
    auto it = j->find(member);
    if (it != j->end() && it->is_string()) {
      ok = is_b64token(it->get_ref<const std::string&>());
      actual = ok ? "b64token" : "characters outside b64token";
    }
  }
  return record(tag, id, ok, "b64token (ALPHA DIGIT -._~+/ then =)", actual);
}

bool expect_no_refresh_token(const HttpExchange& x, const Tag& tag) {
  auto j = engine::json_object_body(x.response);
  bool present = j && j->contains("refresh_token");
  return record(tag, "no_refresh_token", !present, "no refresh_token member",
                present ? "a refresh_token member" : "absent");
}

bool expect_error_response_format(const HttpExchange& x, const Tag& tag) {
  std::vector<std::string> problems;
  auto j = parse_json_body(x.response);
  std::string code;
  if (!j || !j->is_object()) {
    problems.push_back("body is not a JSON object");
  } else {
    auto it = j->find("error");
    if (it == j->end() || !it->is_string()) {
      problems.push_back("no string member \"error\"");
    } else {
      code = it->get<std::string>();
      if (!is_known_error_code(code)) problems.push_back("unknown error code \"" + code + "\"");
      if (!is_nqschar_string(code)) problems.push_back("error has illegal characters");
    }
    if (auto d = j->find("error_description"); d != j->end()) {
      if (!d->is_string() || !is_nqschar_string(d->get<std::string>()))
        problems.push_back("error_description not within %x20-21 / %x23-5B / %x5D-7E");
    }
    if (auto u = j->find("error_uri"); u != j->end()) {
      if (!u->is_string() || !is_scope_token(u->get<std::string>()))
        problems.push_back("error_uri not within %x21 / %x23-5B / %x5D-7E");
    }
  }
  int s = x.response.status;
  if (!(s == 400 || (s == 401 && code == "invalid_client"))) {
    problems.push_back("status " + std::to_string(s) + " (400, or 401 for invalid_client)");
  }
  auto ct = x.response.header("Content-Type");
  if (!ct || !is_json_media_type(*ct)) problems.push_back("Content-Type is not application/json");
  return record(tag, "error_format", problems.empty(),
                "RFC 6749 §5.2 error: 400 (401 for invalid_client), JSON, known code",
                problems.empty() ? describe(x) : join(problems, "; "));
}

namespace {

// The expires_in member as written: nullopt when absent (or the body is not a JSON object).
std::optional<nlohmann::json> expires_in_of(const HttpExchange& x) {
  auto j = engine::json_object_body(x.response);
  if (!j) return std::nullopt;
  auto it = j->find("expires_in");
  if (it == j->end()) return std::nullopt;
  return *it;
}

bool digits_string(const nlohmann::json& v) {
  if (!v.is_string()) return false;
  const auto& s = v.get_ref<const std::string&>();
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

bool expect_token_type_present(const HttpExchange& x, const Tag& tag) {
  auto t = parse_token_response(x.response);
  return record(tag, "token_type_present", t && t->token_type.has_value(), "a token_type member",
                t && t->token_type ? *t->token_type : "absent");
}

bool expect_member_present(const HttpExchange& x, std::string_view member, const Tag& tag) {
  auto j = engine::json_object_body(x.response);
  bool ok = j && j->contains(member);
  return record(tag, std::string(member) + "_present", ok, "a " + std::string(member) + " member",
                ok ? "present" : "absent");
}

bool expect_expires_in_value(const HttpExchange& x, const Tag& tag) {
  auto v = expires_in_of(x);
  if (!v) return true;
  bool positive_int = v->is_number_integer() && v->get<long long>() > 0;
  return record(tag, "expires_in_value", positive_int || digits_string(*v), "a positive integer",
                v->dump());
}

bool expect_expires_in_number(const HttpExchange& x, const Tag& tag) {
  auto v = expires_in_of(x);
  if (!v) return true;
  bool quoted = v->is_string();
  return record(tag, "expires_in_number", !quoted, "a JSON number",
                quoted ? "a quoted string " + v->dump() : v->dump());
}

bool expect_rotation_or_sender_constraint(const HttpExchange& refresh_reply,
                                          std::string_view old_refresh_token, const Tag& tag) {
  auto t = parse_token_response(refresh_reply.response);
  bool constrained = t && t->token_type && lower(*t->token_type) != "bearer";
  auto rt = engine::refresh_token_of(refresh_reply);
  bool rotated = rt && *rt != old_refresh_token;
  return record(tag, "public_client_protected", rotated || constrained,
                "rotation or a sender-constrained token for the public client",
                describe(refresh_reply));
}

}  // namespace ock::conformance::checks
