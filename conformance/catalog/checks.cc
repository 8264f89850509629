#include "conformance/catalog/checks.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

#include "conformance/catalog/token_response.h"

namespace ock::conformance::catalog {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool record(const Tag& tag, std::string_view default_id, bool ok, std::string expected,
            std::string actual) {
  current_recorder().record(Finding{tag.id.empty() ? std::string(default_id) : tag.id, ok,
                                    tag.level, std::move(expected), std::move(actual)});
  return ok;
}

[[noreturn]] void abort_case(const Tag& tag, std::string_view default_id,
                             const std::string& expected, const std::string& actual) {
  throw CaseAborted{(tag.id.empty() ? std::string(default_id) : tag.id) + ": expected " +
                    expected + ", got " + actual};
}

std::string join_ints(const std::vector<int>& v, std::string_view sep) {
  std::string out;
  for (auto i : v) {
    if (!out.empty()) out += sep;
    out += std::to_string(i);
  }
  return out;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::optional<std::string> error_member(const HttpExchange& x) {
  auto t = parse_token_response(x.response);
  if (!t) return std::nullopt;
  return t->error;
}

std::string error_actual(const HttpExchange& x) {
  auto j = parse_json_body(x.response);
  if (!j) return "no JSON body (status " + std::to_string(x.response.status) + ")";
  if (!j->is_object()) return "body is not a JSON object";
  auto it = j->find("error");
  if (it == j->end()) return "no error member (status " + std::to_string(x.response.status) + ")";
  if (!it->is_string()) return "error member is not a string: " + it->dump();
  return it->get<std::string>();
}

bool is_tchar(char c) {
  auto u = static_cast<unsigned char>(c);
  if (std::isalnum(u)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token68_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

// A small cursor over a header value for the RFC 9110 §11 grammar.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }
  std::size_t pos() const { return pos_; }
  void reset(std::size_t p) { pos_ = p; }
  void skip_ows() {
    while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  std::size_t skip_sp() {
    std::size_t n = 0;
    while (!at_end() && s_[pos_] == ' ') ++pos_, ++n;
    return n;
  }
  std::string token() {
    std::size_t start = pos_;
    while (!at_end() && is_tchar(s_[pos_])) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }
  // quoted-string; nullopt (position restored) when malformed.
  std::optional<std::string> quoted() {
    std::size_t start = pos_;
    if (peek() != '"') return std::nullopt;
    ++pos_;
    std::string out;
    while (!at_end()) {
      char c = s_[pos_];
      auto u = static_cast<unsigned char>(c);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\\') {
        if (pos_ + 1 >= s_.size()) break;
        char n = s_[pos_ + 1];
        auto nu = static_cast<unsigned char>(n);
        if (!(n == '\t' || n == ' ' || (nu >= 0x21 && nu != 0x7F))) break;
        out.push_back(n);
        pos_ += 2;
        continue;
      }
      if (!(c == '\t' || c == ' ' || u == 0x21 || (u >= 0x23 && u <= 0x5B) ||
            (u >= 0x5D && u <= 0x7E) || u >= 0x80))
        break;
      out.push_back(c);
      ++pos_;
    }
    pos_ = start;
    return std::nullopt;
  }
  // token68 followed by OWS and a comma or the end; nullopt (restored) otherwise.
  std::optional<std::string> token68() {
    std::size_t start = pos_;
    while (!at_end() && is_token68_char(s_[pos_])) ++pos_;
    if (pos_ == start) return std::nullopt;
    while (!at_end() && s_[pos_] == '=') ++pos_;
    std::string value(s_.substr(start, pos_ - start));
    std::size_t after = pos_;
    skip_ows();
    if (at_end() || peek() == ',') {
      pos_ = after;
      return value;
    }
    pos_ = start;
    return std::nullopt;
  }
  // auth-param followed by OWS and a comma or the end; nullopt (restored) otherwise.
  std::optional<std::pair<std::string, std::string>> auth_param() {
    std::size_t start = pos_;
    std::string name = token();
    if (name.empty()) return std::nullopt;
    skip_ows();
    if (peek() != '=') {
      pos_ = start;
      return std::nullopt;
    }
    ++pos_;
    skip_ows();
    std::optional<std::string> value;
    if (peek() == '"') {
      value = quoted();
    } else {
      std::string t = token();
      if (!t.empty()) value = t;
    }
    if (!value) {
      pos_ = start;
      return std::nullopt;
    }
    std::size_t after = pos_;
    skip_ows();
    if (!at_end() && peek() != ',') {
      pos_ = start;
      return std::nullopt;
    }
    pos_ = after;
    return std::make_pair(lower(name), *value);
  }
  // Skips OWS, commas and OWS: the separators of a #list.
  bool skip_list_separators() {
    bool saw_comma = false;
    skip_ows();
    while (peek() == ',') {
      saw_comma = true;
      ++pos_;
      skip_ows();
    }
    return saw_comma;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

class DuplicateFinder : public nlohmann::json_sax<nlohmann::json> {
 public:
  bool duplicate = false;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override {
    keys_.emplace_back();
    return true;
  }
  bool key(string_t& k) override {
    if (!keys_.back().insert(k).second) duplicate = true;
    return true;
  }
  bool end_object() override {
    keys_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  std::vector<std::set<std::string>> keys_;
};

bool in_range_string(std::string_view s, bool (*ok)(unsigned char)) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return ok(static_cast<unsigned char>(c)); });
}

bool nqschar(unsigned char u) {
  return u == 0x20 || u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}
bool scope_char(unsigned char u) {
  return u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E);
}
bool vschar(unsigned char u) { return u >= 0x20 && u <= 0x7E; }

}  // namespace

// ---- generic

bool expect(bool ok, const Tag& tag, std::string expected, std::string actual) {
  return record(tag, "check", ok, std::move(expected), std::move(actual));
}

void require(bool ok, const Tag& tag, std::string expected, std::string actual) {
  if (!record(tag, "check", ok, expected, actual)) abort_case(tag, "check", expected, actual);
}

// ---- status and error codes

bool expect_status(const HttpExchange& x, int status, const Tag& tag) {
  return record(tag, "status", x.response.status == status, std::to_string(status),
                describe(x));
}

bool expect_status_in(const HttpExchange& x, std::vector<int> statuses, const Tag& tag) {
  bool ok = std::find(statuses.begin(), statuses.end(), x.response.status) != statuses.end();
  return record(tag, "status", ok, join_ints(statuses, " or "), describe(x));
}

void require_status(const HttpExchange& x, int status, const Tag& tag) {
  if (!expect_status(x, status, tag)) abort_case(tag, "status", std::to_string(status), describe(x));
}

bool expect_client_error(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "status", s >= 400 && s <= 499, "4xx", describe(x));
}

bool expect_no_server_error(const HttpExchange& x, const Tag& tag) {
  int s = x.response.status;
  return record(tag, "no_server_error", s < 500, "not 5xx", describe(x));
}

bool expect_error_code(const HttpExchange& x, std::string_view code, const Tag& tag) {
  auto got = error_member(x);
  return record(tag, "error_code", got && *got == code, std::string(code), error_actual(x));
}

bool expect_error_code_in(const HttpExchange& x, std::vector<std::string> codes,
                          const Tag& tag) {
  auto got = error_member(x);
  bool ok = got && std::find(codes.begin(), codes.end(), *got) != codes.end();
  return record(tag, "error_code", ok, join(codes, " or "), error_actual(x));
}

bool expect_no_token_issued(const HttpExchange& x, const Tag& tag) {
  return record(tag, "no_token", !token_issued(x), "no token issued", describe(x));
}

void require_token_issued(const HttpExchange& x, const Tag& tag) {
  bool ok = x.response.status == 200 && token_issued(x);
  if (!record(tag, "token_issued", ok, "200 with an access_token", describe(x)))
    abort_case(tag, "token_issued", "200 with an access_token", describe(x));
}

// ---- JSON and media type

bool is_json_media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto type = lower(trim(content_type.substr(0, semi)));
  return type == "application/json";
}

bool expect_json_content_type(const HttpExchange& x, const Tag& tag) {
  auto ct = x.response.header("Content-Type");
  return record(tag, "media_type", ct && is_json_media_type(*ct), "application/json",
                ct ? *ct : "no Content-Type");
}

bool expect_json_object(const HttpExchange& x, const Tag& tag) {
  auto j = parse_json_body(x.response);
  std::string actual = !j ? "body is not JSON" : (j->is_object() ? "JSON object" : "JSON " +
                                                                      std::string(j->type_name()));
  return record(tag, "json_object", j && j->is_object(), "one JSON object", actual);
}

bool json_has_duplicate_members(std::string_view text) {
  DuplicateFinder finder;
  bool parsed = nlohmann::json::sax_parse(text, &finder, nlohmann::json::input_format_t::json,
                                          /*strict=*/true);
  return parsed && finder.duplicate;
}

bool expect_no_duplicate_members(const HttpExchange& x, const Tag& tag) {
  bool dup = json_has_duplicate_members(x.response.body);
  return record(tag, "no_duplicate_members", !dup, "no repeated member names",
                dup ? "a member name appears twice" : "none repeated");
}

// ---- caching

std::vector<std::pair<std::string, std::optional<std::string>>> cache_control_directives(
    const std::vector<std::string>& header_values) {
  std::vector<std::pair<std::string, std::optional<std::string>>> out;
  for (const auto& value : header_values) {
    std::string current;
    bool in_quotes = false;
    auto flush = [&] {
      auto item = trim(current);
      if (!item.empty()) {
        auto eq = item.find('=');
        std::string name = lower(trim(item.substr(0, eq)));
        std::optional<std::string> v;
        if (eq != std::string_view::npos) {
          auto raw = trim(item.substr(eq + 1));
          if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
            raw = raw.substr(1, raw.size() - 2);
          }
          v = std::string(raw);
        }
        out.emplace_back(std::move(name), std::move(v));
      }
      current.clear();
    };
    for (char c : value) {
      if (c == '"') in_quotes = !in_quotes;
      if (c == ',' && !in_quotes) {
        flush();
      } else {
        current.push_back(c);
      }
    }
    flush();
  }
  return out;
}

namespace {
bool has_directive(const HttpExchange& x, std::string_view name) {
  for (const auto& [n, v] : cache_control_directives(x.response.header_all("Cache-Control"))) {
    if (n == name) return true;
  }
  return false;
}
std::string cache_control_actual(const HttpExchange& x) {
  auto all = x.response.header_all("Cache-Control");
  return all.empty() ? "no Cache-Control header" : "Cache-Control: " + join(all, ", ");
}
}  // namespace

bool expect_cache_control_no_store(const HttpExchange& x, const Tag& tag) {
  return record(tag, "cache_control", has_directive(x, "no-store"), "Cache-Control: no-store",
                cache_control_actual(x));
}

bool expect_cache_control_private(const HttpExchange& x, const Tag& tag) {
  return record(tag, "cache_control_private", has_directive(x, "private"),
                "Cache-Control: private", cache_control_actual(x));
}

bool expect_pragma_no_cache(const HttpExchange& x, const Tag& tag) {
  bool ok = false;
  auto all = x.response.header_all("Pragma");
  for (const auto& v : all) {
    for (const auto& [n, val] : cache_control_directives({v})) {
      if (n == "no-cache" && !val) ok = true;
    }
  }
  return record(tag, "pragma", ok, "Pragma: no-cache",
                all.empty() ? "no Pragma header" : "Pragma: " + join(all, ", "));
}

// ---- challenges

std::optional<std::string> Challenge::param(std::string_view name) const {
  for (const auto& [n, v] : params) {
    if (n == name) return v;
  }
  return std::nullopt;
}

Result<std::vector<Challenge>, std::string> parse_challenges(std::string_view value) {
  std::vector<Challenge> out;
  Cursor cur(value);
  cur.skip_list_separators();
  if (cur.at_end()) return fail(std::string("empty WWW-Authenticate value"));
  while (!cur.at_end()) {
    Challenge c;
    c.scheme = cur.token();
    if (c.scheme.empty()) {
      return fail("expected an auth-scheme at offset " + std::to_string(cur.pos()));
    }
    std::size_t spaces = cur.skip_sp();
    if (!cur.at_end() && cur.peek() != ',') {
      if (spaces == 0) {
        return fail("expected a space after scheme \"" + c.scheme + "\" at offset " +
                    std::to_string(cur.pos()));
      }
      if (auto p = cur.auth_param()) {
        c.params.push_back(std::move(*p));
        // More auth-params of this challenge follow commas until something is not one.
        while (true) {
          std::size_t before = cur.pos();
          if (!cur.skip_list_separators()) break;
          if (cur.at_end()) break;
          if (auto next = cur.auth_param()) {
            c.params.push_back(std::move(*next));
          } else {
            cur.reset(before);
            break;
          }
        }
      } else if (auto t = cur.token68()) {
        c.token68 = std::move(*t);
      } else {
        return fail("malformed auth-param or token68 after scheme \"" + c.scheme +
                    "\" at offset " + std::to_string(cur.pos()));
      }
    }
    out.push_back(std::move(c));
    bool separated = cur.skip_list_separators();
    if (!cur.at_end() && !separated) {
      return fail("expected a comma at offset " + std::to_string(cur.pos()));
    }
  }
  return out;
}

std::vector<Challenge> challenges_of(const HttpExchange& x) {
  std::vector<Challenge> out;
  for (const auto& v : x.response.header_all("WWW-Authenticate")) {
    if (auto parsed = parse_challenges(v)) {
      for (auto& c : *parsed) out.push_back(std::move(c));
    }
  }
  return out;
}

std::optional<std::string> bearer_challenge_problem(const Challenge& c) {
  if (c.token68) return "a Bearer challenge carries auth-params, not a token68";
  std::set<std::string> seen;
  for (const auto& [name, value] : c.params) {
    if (!seen.insert(name).second) return "attribute \"" + name + "\" appears more than once";
    if ((name == "error" || name == "error_description") && !is_nqschar_string(value)) {
      return "attribute \"" + name + "\" has characters outside %x20-21 / %x23-5B / %x5D-7E";
    }
    if (name == "scope" && classify_scope(value) != ScopeShape::kValid) {
      return "attribute \"scope\" is not a space-separated list of scope-tokens";
    }
    if (name == "error_uri" && !in_range_string(value, scope_char)) {
      return "attribute \"error_uri\" has characters outside %x21 / %x23-5B / %x5D-7E";
    }
  }
  return std::nullopt;
}

bool expect_www_authenticate(const HttpExchange& x, std::string_view scheme, const Tag& tag) {
  auto all = x.response.header_all("WWW-Authenticate");
  bool ok = false;
  for (const auto& c : challenges_of(x)) {
    if (lower(c.scheme) == lower(scheme)) ok = true;
  }
  return record(tag, "www_authenticate", ok,
                "WWW-Authenticate with scheme " + std::string(scheme),
                all.empty() ? "no WWW-Authenticate header" : "WWW-Authenticate: " + join(all, " | "));
}

bool expect_bearer_challenge(const HttpExchange& x, std::optional<std::string> error,
                             const Tag& tag) {
  auto all = x.response.header_all("WWW-Authenticate");
  bool ok = false;
  for (const auto& c : challenges_of(x)) {
    if (lower(c.scheme) != "bearer") continue;
    if (!error || c.param("error") == *error) ok = true;
  }
  std::string expected = "WWW-Authenticate: Bearer";
  if (error) expected += " error=\"" + *error + "\"";
  return record(tag, "bearer_challenge", ok, expected,
                all.empty() ? "no WWW-Authenticate header" : "WWW-Authenticate: " + join(all, " | "));
}

// ---- token response members

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

bool is_vschar_string(std::string_view s) { return in_range_string(s, vschar); }
bool is_nqschar_string(std::string_view s) { return in_range_string(s, nqschar); }
bool is_scope_token(std::string_view s) { return in_range_string(s, scope_char); }

bool is_b64token(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_token68_char(s[i])) ++i;
  if (i == 0) return false;
  while (i < s.size() && s[i] == '=') ++i;
  return i == s.size();
}

ScopeShape classify_scope(std::string_view scope) {
  for (char c : scope) {
    if (c != ' ' && !scope_char(static_cast<unsigned char>(c))) return ScopeShape::kIllegal;
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
        actual = s.empty() ? "empty string" : (ok ? "VSCHAR string of length " +
                                                        std::to_string(s.size())
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

bool is_known_error_code(std::string_view code) {
  static const std::set<std::string, std::less<>> kCodes = {
      "invalid_request",  "invalid_client",        "invalid_grant",
      "unauthorized_client", "unsupported_grant_type", "invalid_scope",
      "unsupported_token_type", "invalid_target", "invalid_dpop_proof",
      "use_dpop_nonce",   "authorization_pending", "slow_down",
      "access_denied",    "expired_token",         "invalid_authorization_details"};
  return kCodes.contains(code);
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
      if (!u->is_string() || !in_range_string(u->get<std::string>(), scope_char))
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

}  // namespace ock::conformance::catalog
