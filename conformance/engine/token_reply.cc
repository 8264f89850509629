#include "conformance/engine/token_reply.h"

#include <cstdlib>
#include <vector>

#include "conformance/engine/form.h"
#include "conformance/engine/url.h"

namespace ock::conformance::engine {
namespace {

std::optional<std::string> member(const nlohmann::json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// base64url without padding, as JWS segments use it.
std::optional<std::string> b64url_decode(std::string_view seg) {
  std::string s(seg);
  for (auto& c : s) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
  }
  while (s.size() % 4 != 0) s.push_back('=');
  return base64_decode(s);
}

std::optional<nlohmann::json> jwt_part(std::string_view token, int index) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= token.size(); ++i) {
    if (i == token.size() || token[i] == '.') {
      parts.push_back(token.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3 || parts[0].empty() || parts[1].empty()) return std::nullopt;
  auto raw = b64url_decode(parts[static_cast<std::size_t>(index)]);
  if (!raw) return std::nullopt;
  auto j = parse_untrusted_json(*raw);
  if (!j || !j->is_object()) return std::nullopt;
  return j;
}

}  // namespace

std::optional<nlohmann::json> parse_untrusted_json(std::string_view text) {
  // nlohmann's parser keeps its own stack; the callback drops every value that starts deeper
  // than the limit, so the tree built (and later copied or dumped) stays shallow.
  auto shallow = [](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
    using E = nlohmann::json::parse_event_t;
    return !((event == E::object_start || event == E::array_start) && depth > kMaxJsonDepth);
  };
  auto j = nlohmann::json::parse(text, shallow, /*allow_exceptions=*/false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::optional<nlohmann::json> parse_json_body(const HttpResponse& r) {
  return parse_untrusted_json(r.body);
}

std::optional<nlohmann::json> json_object_body(const HttpResponse& r) {
  auto j = parse_json_body(r);
  if (!j || !j->is_object()) return std::nullopt;
  return j;
}

std::optional<std::string> string_member(const HttpResponse& r, std::string_view name) {
  auto j = json_object_body(r);
  if (!j) return std::nullopt;
  auto it = j->find(name);
  if (it == j->end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<TokenResponse> parse_token_response(const HttpResponse& r) {
  auto j = parse_json_body(r);
  if (!j || !j->is_object()) return std::nullopt;
  TokenResponse t;
  t.access_token = member(*j, "access_token");
  t.refresh_token = member(*j, "refresh_token");
  t.token_type = member(*j, "token_type");
  t.scope = member(*j, "scope");
  t.error = member(*j, "error");
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
    if (t->error)
      out += " " + *t->error;
    else if (t->access_token)
      out += " (token issued)";
  } else if (!x.response.body.empty()) {
    out += " (body is not a JSON object)";
  }
  if (auto c = x.response.header("WWW-Authenticate")) out += " (WWW-Authenticate: " + *c + ")";
  return out;
}

std::optional<std::string> access_token_of(const HttpExchange& x) {
  auto v = string_member(x.response, "access_token");
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::optional<std::string> refresh_token_of(const HttpExchange& x) {
  auto v = string_member(x.response, "refresh_token");
  if (v && v->empty()) return std::nullopt;
  return v;
}

std::string error_code_of(const HttpExchange& x) {
  if (auto e = string_member(x.response, "error")) return *e;
  auto location = x.response.header("Location");
  if (x.response.status < 300 || x.response.status > 399 || !location) return "";
  for (const auto& [k, v] : url_params(*location)) {
    if (k == "error") return v;
  }
  return "";
}

bool is_jwt_shaped(std::string_view token) {
  auto h = jwt_part(token, 0);
  return h && h->contains("alg");
}

std::optional<std::string> jwt_string_claim(std::string_view token, std::string_view claim) {
  auto p = jwt_part(token, 1);
  if (!p) return std::nullopt;
  auto it = p->find(std::string(claim));
  if (it == p->end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace ock::conformance::engine
