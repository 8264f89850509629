#include "conformance/checks/caching.h"

#include "conformance/checks/text.h"

namespace ock::conformance::checks {
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

bool expect_cache_control_no_store(const HttpExchange& x, const Tag& tag) {
  return record(tag, "cache_control", has_directive(x, "no-store"), "Cache-Control: no-store",
                cache_control_actual(x));
}

bool expect_cache_control_private(const HttpExchange& x, const Tag& tag) {
  return record(tag, "cache_control_private", has_directive(x, "private"), "Cache-Control: private",
                cache_control_actual(x));
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

}  // namespace ock::conformance::checks
