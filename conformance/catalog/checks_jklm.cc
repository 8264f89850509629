#include "conformance/catalog/checks_jklm.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "conformance/catalog/form.h"
#include "conformance/catalog/token_response.h"

namespace ock::conformance::catalog {
namespace {

constexpr std::size_t kMinSecretLength = 8;

Tag with_default(const Tag& tag, std::string id) {
  Tag t = tag;
  if (t.id.empty()) t.id = std::move(id);
  return t;
}

std::optional<nlohmann::json> json_object(const HttpExchange& x) {
  auto j = parse_json_body(x.response);
  if (!j || !j->is_object()) return std::nullopt;
  return j;
}

std::string body_actual(const HttpExchange& x) {
  auto j = parse_json_body(x.response);
  if (!j) return "no JSON body (" + describe(x) + ")";
  if (!j->is_object()) return "body is not a JSON object";
  std::string s = j->dump();
  if (s.size() > 200) s = s.substr(0, 200) + "...";
  return s;
}

std::string fmt_bits(double bits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", bits);
  return buf;
}

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return 0;
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + needle.size())) {
    ++n;
  }
  return n;
}

bool holds(std::string_view haystack, const KnownSecret& s) {
  if (s.value.size() < kMinSecretLength) return false;
  if (haystack.find(s.value) != std::string_view::npos) return true;
  std::string enc = form_encode(s.value);
  return enc != s.value && haystack.find(enc) != std::string_view::npos;
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
  auto j = nlohmann::json::parse(*raw, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

}  // namespace

// ---- introspection

bool expect_only_active_member(const HttpExchange& x, const Tag& tag) {
  auto j = json_object(x);
  std::vector<std::string> extra;
  if (j) {
    for (const auto& [k, v] : j->items()) {
      if (k != "active") extra.push_back(k);
    }
  }
  return expect(j && extra.empty(), with_default(tag, "inactive_minimal"), "only the active member",
                !j              ? body_actual(x)
                : extra.empty() ? std::string("only active")
                                : "also " + join(extra, ", "));
}

bool expect_integer_member_if_present(const HttpExchange& x, std::string_view member,
                                      const Tag& tag) {
  auto j = json_object(x);
  std::string name(member);
  bool ok = true;
  std::string actual = "absent";
  if (j) {
    if (auto it = j->find(name); it != j->end()) {
      ok = it->is_number_integer();
      actual = it->dump();
    }
  }
  return expect(ok, with_default(tag, name + "_type"), "absent or a JSON integer", actual);
}

bool expect_string_member_if_present(const HttpExchange& x, std::string_view member,
                                     const Tag& tag) {
  auto j = json_object(x);
  std::string name(member);
  bool ok = true;
  std::string actual = "absent";
  if (j) {
    if (auto it = j->find(name); it != j->end()) {
      ok = it->is_string();
      actual = it->dump();
    }
  }
  return expect(ok, with_default(tag, name + "_type"), "absent or a JSON string", actual);
}

bool expect_member_equals_if_present(const HttpExchange& x, std::string_view member,
                                     std::string_view want, const Tag& tag) {
  auto j = json_object(x);
  std::string name(member);
  bool ok = true;
  std::string actual = "absent";
  if (j) {
    if (auto it = j->find(name); it != j->end()) {
      ok = it->is_string() && it->get<std::string>() == want;
      actual = it->dump();
    }
  }
  return expect(ok, with_default(tag, name + "_value"), "absent or \"" + std::string(want) + "\"",
                actual);
}

bool expect_scope_set_if_present(const HttpExchange& x, std::string_view want, const Tag& tag) {
  auto j = json_object(x);
  bool ok = true;
  std::string actual = "absent";
  if (j) {
    if (auto it = j->find("scope"); it != j->end()) {
      ok = it->is_string() && same_scope_set(it->get<std::string>(), want);
      actual = it->dump();
    }
  }
  return expect(ok, with_default(tag, "scope_value"),
                "absent or the scope set \"" + std::string(want) + "\"", actual);
}

bool expect_exp_near(const HttpExchange& x, std::int64_t want, std::int64_t leeway,
                     const Tag& tag) {
  auto j = json_object(x);
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
  return expect(ok, with_default(tag, "exp_value"),
                std::to_string(want) + " +/- " + std::to_string(leeway) + " s", actual);
}

// ---- token responses

bool expect_no_refresh_token(const HttpExchange& x, const Tag& tag) {
  auto j = json_object(x);
  bool present = j && j->contains("refresh_token");
  return expect(!present, with_default(tag, "no_refresh_token"), "no refresh_token member",
                present ? "a refresh_token member" : "absent");
}

// ---- entropy and uniqueness

EntropyEstimate estimate_entropy(const std::vector<std::string>& tokens) {
  EntropyEstimate e;
  e.samples = tokens.size();
  if (tokens.empty()) return e;
  std::size_t shortest = tokens.front().size();
  for (const auto& t : tokens) shortest = std::min(shortest, t.size());
  if (tokens.size() > 1) {
    std::size_t p = 0;
    while (p < shortest && std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) {
             return t[p] == tokens.front()[p];
           })) {
      ++p;
    }
    std::size_t s = 0;
    while (s < shortest - p && std::all_of(tokens.begin(), tokens.end(), [&](const std::string& t) {
             return t[t.size() - 1 - s] == tokens.front()[tokens.front().size() - 1 - s];
           })) {
      ++s;
    }
    e.common_prefix = p;
    e.common_suffix = s;
  }
  e.varying_length = shortest - e.common_prefix - e.common_suffix;
  std::map<char, std::size_t> freq;
  std::size_t total = 0;
  for (const auto& t : tokens) {
    for (std::size_t i = e.common_prefix; i + e.common_suffix < t.size(); ++i) {
      ++freq[t[i]];
      ++total;
    }
  }
  e.alphabet = freq.size();
  if (e.alphabet > 1) {
    e.upper_bound_bits =
        static_cast<double>(e.varying_length) * std::log2(static_cast<double>(e.alphabet));
  }
  double h = 0;
  for (const auto& [c, n] : freq) {
    double q = static_cast<double>(n) / static_cast<double>(total);
    h -= q * std::log2(q);
  }
  e.shannon_bits = h * static_cast<double>(e.varying_length);
  return e;
}

std::string describe_entropy(const EntropyEstimate& e) {
  return std::to_string(e.samples) + " samples, common prefix " + std::to_string(e.common_prefix) +
         ", common suffix " + std::to_string(e.common_suffix) + ", varying length " +
         std::to_string(e.varying_length) + " over " + std::to_string(e.alphabet) +
         " symbols: upper bound " + fmt_bits(e.upper_bound_bits) + " bits, Shannon estimate " +
         fmt_bits(e.shannon_bits) + " bits";
}

bool expect_entropy_upper_bound(const EntropyEstimate& e, double bits, const Tag& tag) {
  return expect(e.upper_bound_bits >= bits,
                with_default(tag, "upper_bound_" + std::to_string(static_cast<int>(bits))),
                "upper bound >= " + fmt_bits(bits) + " bits", describe_entropy(e));
}

bool expect_entropy_shannon(const EntropyEstimate& e, double bits, const Tag& tag) {
  return expect(e.shannon_bits >= bits,
                with_default(tag, "shannon_" + std::to_string(static_cast<int>(bits))),
                "Shannon estimate >= " + fmt_bits(bits) + " bits", describe_entropy(e));
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

std::vector<std::pair<std::size_t, std::size_t>> equal_pairs(const std::vector<std::string>& v) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      if (v[i] == v[j]) out.emplace_back(i, j);
    }
  }
  return out;
}

bool expect_all_distinct(const std::vector<std::string>& values, std::string_view what,
                         const Tag& tag) {
  auto pairs = equal_pairs(values);
  std::string actual = std::to_string(values.size()) + " distinct " + std::string(what);
  if (!pairs.empty()) {
    actual = std::to_string(pairs.size()) + " equal pair(s) among " +
             std::to_string(values.size()) + " " + std::string(what) + ", e.g. #" +
             std::to_string(pairs.front().first + 1) + " = #" +
             std::to_string(pairs.front().second + 1);
  }
  return expect(pairs.empty(), with_default(tag, "distinct"),
                "all " + std::string(what) + " distinct", actual);
}

bool expect_disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b,
                     std::string_view what, const Tag& tag) {
  std::set<std::string> left(a.begin(), a.end());
  std::size_t shared = 0;
  for (const auto& v : b) shared += left.count(v);
  return expect(shared == 0, with_default(tag, "disjoint"), "no " + std::string(what) + " shared",
                shared == 0 ? "none shared" : std::to_string(shared) + " shared");
}

std::optional<std::string> visible_sequence(const std::vector<std::string>& tokens_in_order,
                                            std::int64_t now_unix) {
  // Unix times (seconds or milliseconds) anywhere in a token.
  for (const auto& t : tokens_in_order) {
    for (std::size_t i = 0; i < t.size();) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j]))) ++j;
      std::size_t len = j - i;
      if (len == 10 || len == 13) {
        long long v = std::atoll(t.substr(i, len).c_str());
        if (len == 13) v /= 1000;
        if (std::llabs(v - now_unix) <= 86400) {
          return "a " + std::to_string(len) + "-digit Unix time at offset " + std::to_string(i);
        }
      }
      i = j;
    }
  }
  if (tokens_in_order.size() < 3) return std::nullopt;
  // A decimal run at the same offset of every token that counts up.
  std::size_t shortest = tokens_in_order.front().size();
  for (const auto& t : tokens_in_order) shortest = std::min(shortest, t.size());
  for (std::size_t off = 0; off < shortest; ++off) {
    std::vector<long long> values;
    bool run_everywhere = true;
    for (const auto& t : tokens_in_order) {
      std::size_t j = off;
      while (j < t.size() && std::isdigit(static_cast<unsigned char>(t[j])) && j - off < 18) ++j;
      bool starts_run = off == 0 || !std::isdigit(static_cast<unsigned char>(t[off - 1]));
      if (j - off < 4 || !starts_run) {
        run_everywhere = false;
        break;
      }
      values.push_back(std::atoll(t.substr(off, j - off).c_str()));
    }
    if (!run_everywhere) continue;
    bool non_decreasing = std::is_sorted(values.begin(), values.end());
    bool constant =
        std::all_of(values.begin(), values.end(), [&](long long v) { return v == values.front(); });
    if (non_decreasing && !constant) {
      return "a decimal counter at offset " + std::to_string(off) + " (" +
             std::to_string(values.front()) + " ... " + std::to_string(values.back()) + ")";
    }
  }
  return std::nullopt;
}

bool expect_no_visible_sequence(const std::vector<std::string>& tokens_in_order,
                                std::int64_t now_unix, const Tag& tag) {
  auto seq = visible_sequence(tokens_in_order, now_unix);
  return expect(!seq, with_default(tag, "no_sequence"), "no counter or timestamp in the tokens",
                seq.value_or("none seen"));
}

// ---- secrets in replies and logs

std::vector<std::string> secret_echoes(const HttpExchange& x,
                                       const std::vector<KnownSecret>& secrets) {
  std::vector<std::string> out;
  std::string body = x.response.body;
  if (auto j = json_object(x)) {
    for (const char* m : {"access_token", "refresh_token", "id_token"}) j->erase(m);
    body = j->dump();
  }
  for (const auto& s : secrets) {
    for (const auto& h : x.response.headers) {
      if (holds(h.value, s)) out.push_back(s.kind + " in the " + h.name + " header");
    }
    if (holds(body, s)) out.push_back(s.kind + " in the body");
  }
  return out;
}

std::vector<std::string> secrets_in_url_headers(const HttpExchange& x,
                                                const std::vector<KnownSecret>& secrets) {
  std::vector<std::string> out;
  for (const char* name : {"Location", "Content-Location", "Link"}) {
    for (const auto& v : x.response.header_all(name)) {
      for (const auto& s : secrets) {
        if (holds(v, s)) out.push_back(s.kind + " in the " + name + " URL");
      }
    }
  }
  return out;
}

std::vector<std::string> secrets_in_text(std::string_view text,
                                         const std::vector<KnownSecret>& secrets) {
  std::vector<std::string> out;
  for (const auto& s : secrets) {
    if (s.value.size() < kMinSecretLength) continue;
    std::size_t n = count_of(text, s.value);
    std::string enc = form_encode(s.value);
    if (enc != s.value) n += count_of(text, enc);
    if (n > 0) out.push_back(s.kind + " (" + std::to_string(n) + "x)");
  }
  return out;
}

namespace {

bool expect_none_across(const std::vector<LoggedExchange>& xs,
                        const std::vector<KnownSecret>& secrets, const Tag& tag,
                        const std::string& default_id, const std::string& expected,
                        std::vector<std::string> (*scan)(const HttpExchange&,
                                                         const std::vector<KnownSecret>&)) {
  std::vector<std::string> found;
  for (const auto& e : xs) {
    for (auto& f : scan(e.exchange, secrets)) {
      found.push_back(f + " (" + e.case_id + ": " + e.exchange.label + ")");
    }
  }
  std::string actual = std::to_string(xs.size()) + " replies scanned, none found";
  if (!found.empty()) {
    actual = std::to_string(found.size()) + " found: ";
    for (std::size_t i = 0; i < found.size() && i < 5; ++i) actual += (i ? "; " : "") + found[i];
    if (found.size() > 5) actual += "; ...";
  }
  return expect(found.empty(), with_default(tag, default_id), expected, actual);
}

}  // namespace

bool expect_no_secret_echo(const std::vector<LoggedExchange>& xs,
                           const std::vector<KnownSecret>& secrets, const Tag& tag) {
  return expect_none_across(xs, secrets, tag, "no_echo",
                            "no password, client secret or token echoed in a reply",
                            &secret_echoes);
}

bool expect_no_secret_in_url_headers(const std::vector<LoggedExchange>& xs,
                                     const std::vector<KnownSecret>& secrets, const Tag& tag) {
  return expect_none_across(xs, secrets, tag, "no_secret_in_url",
                            "no secret in a Location, Content-Location or Link URL",
                            &secrets_in_url_headers);
}

bool expect_no_secrets_in_text(std::string_view text, const std::vector<KnownSecret>& secrets,
                               const Tag& tag) {
  auto found = secrets_in_text(text, secrets);
  return expect(found.empty(), with_default(tag, "logs_clean"),
                "none of " + std::to_string(secrets.size()) + " secrets in the log",
                found.empty() ? "none found in " + std::to_string(text.size()) + " bytes"
                              : join(found, "; "));
}

}  // namespace ock::conformance::catalog
