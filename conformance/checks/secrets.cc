#include "conformance/checks/secrets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

#include "conformance/checks/text.h"
#include "conformance/engine/secret_forms.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {
namespace {

constexpr std::size_t kMinSecretLength = 8;

// The secret as sent, or in any encoding a server may echo it in (engine/secret_forms.h).
bool holds(std::string_view haystack, const KnownSecret& s) {
  if (s.value.size() < kMinSecretLength) return false;
  for (const auto& form : *engine::shared_encoded_forms(s.value)) {
    if (haystack.find(form) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> secret_echoes(const HttpExchange& x,
                                       const std::vector<KnownSecret>& secrets) {
  std::vector<std::string> out;
  std::string body = x.response.body;
  if (auto j = engine::json_object_body(x.response)) {
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
    // Each place once: a form inside another's match (unpadded base64 in padded) is not counted.
    std::vector<std::pair<std::size_t, std::size_t>> places;  // [begin, end)
    for (const auto& form : *engine::shared_encoded_forms(s.value)) {
      for (auto pos = text.find(form); pos != std::string_view::npos;
           pos = text.find(form, pos + 1)) {
        places.emplace_back(pos, pos + form.size());
      }
    }
    std::sort(places.begin(), places.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first < b.first : a.second > b.second;
    });
    std::size_t n = 0, covered_to = 0;
    for (const auto& [begin, end] : places) {
      if (end <= covered_to) continue;
      ++n;
      covered_to = std::max(covered_to, end);
    }
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
  return record(tag, default_id, found.empty(), expected, actual);
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
  return record(tag, "logs_clean", found.empty(),
                "none of " + std::to_string(secrets.size()) + " secrets in the log",
                found.empty() ? "none found in " + std::to_string(text.size()) + " bytes"
                              : join(found, "; "));
}

}  // namespace ock::conformance::checks
