#include "conformance/catalog/token_response.h"

#include <cstdlib>

namespace ock::conformance::catalog {
namespace {

std::optional<std::string> string_member(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

std::optional<nlohmann::json> parse_json_body(const HttpResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::optional<TokenResponse> parse_token_response(const HttpResponse& r) {
  auto j = parse_json_body(r);
  if (!j || !j->is_object()) return std::nullopt;
  TokenResponse t;
  t.access_token = string_member(*j, "access_token");
  t.refresh_token = string_member(*j, "refresh_token");
  t.token_type = string_member(*j, "token_type");
  t.scope = string_member(*j, "scope");
  t.error = string_member(*j, "error");
  if (auto it = j->find("expires_in"); it != j->end()) {
    if (it->is_number_integer()) {
      t.expires_in = it->get<std::int64_t>();
    } else if (it->is_string()) {
      const auto& s = it->get_ref<const std::string&>();
      char* end = nullptr;
      long long v = std::strtoll(s.c_str(), &end, 10);
      if (!s.empty() && end && *end == '\0') t.expires_in = v;
    }
  }
  t.body = std::move(*j);
  return t;
}

bool token_issued(const HttpExchange& x) {
  if (x.response.status < 200 || x.response.status > 299) return false;
  auto t = parse_token_response(x.response);
  return t && t->access_token && !t->access_token->empty();
}

std::string describe(const HttpExchange& x) {
  std::string out = std::to_string(x.response.status);
  if (auto t = parse_token_response(x.response)) {
    if (t->error) out += " " + *t->error;
    else if (t->access_token) out += " (token issued)";
  } else if (!x.response.body.empty()) {
    out += " (body is not a JSON object)";
  }
  if (auto c = x.response.header("WWW-Authenticate")) out += " (WWW-Authenticate: " + *c + ")";
  return out;
}

}  // namespace ock::conformance::catalog
