#include "conformance/checks/challenge.h"

#include <set>

#include "conformance/checks/grammar.h"
#include "conformance/checks/scope.h"
#include "conformance/checks/text.h"

namespace ock::conformance::checks {
namespace {

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

std::string challenges_actual(const HttpExchange& x) {
  auto all = x.response.header_all("WWW-Authenticate");
  if (all.empty())
    return "no WWW-Authenticate header (status " + std::to_string(x.response.status) + ")";
  std::string out = "WWW-Authenticate:";
  for (std::size_t i = 0; i < all.size(); ++i) out += (i ? " | " : " ") + all[i];
  return out;
}

}  // namespace

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
        return fail("malformed auth-param or token68 after scheme \"" + c.scheme + "\" at offset " +
                    std::to_string(cur.pos()));
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
    if (name == "error_uri" && !is_scope_token(value)) {
      return "attribute \"error_uri\" has characters outside %x21 / %x23-5B / %x5D-7E";
    }
  }
  return std::nullopt;
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

bool expect_www_authenticate(const HttpExchange& x, std::string_view scheme, const Tag& tag) {
  auto all = x.response.header_all("WWW-Authenticate");
  bool ok = false;
  for (const auto& c : challenges_of(x)) {
    if (lower(c.scheme) == lower(scheme)) ok = true;
  }
  return record(
      tag, "www_authenticate", ok, "WWW-Authenticate with scheme " + std::string(scheme),
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
  return record(
      tag, "bearer_challenge", ok, expected,
      all.empty() ? "no WWW-Authenticate header" : "WWW-Authenticate: " + join(all, " | "));
}

bool expect_bearer_challenge_without_error(const HttpExchange& x, const Tag& tag) {
  bool ok = true;
  for (const auto& c : challenges_of(x)) {
    if (lower(c.scheme) == "bearer" && c.param("error")) ok = false;
  }
  return record(tag, "no_error_attribute", ok, "a Bearer challenge without an error attribute",
                challenges_actual(x));
}

bool expect_challenge_syntax(const HttpExchange& x, const Tag& tag) {
  auto problem = challenge_syntax_problem(x);
  return record(tag, "challenge_syntax", !problem,
                "grammatical challenges (RFC 9110 §11.6.1, RFC 6750 §3)",
                problem ? *problem + " in " + challenges_actual(x) : challenges_actual(x));
}

}  // namespace ock::conformance::checks
