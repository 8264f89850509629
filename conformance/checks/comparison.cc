#include "conformance/checks/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "conformance/checks/text.h"
#include "conformance/engine/token_reply.h"

namespace ock::conformance::checks {
namespace {

std::string description_of(const HttpExchange& x) {
  return engine::string_member(x.response, "error_description").value_or("(none)");
}

std::string names(const std::set<std::string>& s) {
  return join(std::vector<std::string>(s.begin(), s.end()), ",");
}

}  // namespace

std::set<std::string> comparable_header_names(const HttpExchange& x) {
  std::set<std::string> out;
  for (const auto& h : x.response.headers) {
    std::string n = lower(h.name);
    if (n == "date" || n == "content-length" || n == "x-request-id") continue;
    out.insert(n);
  }
  return out;
}

double median_ms(const std::vector<HttpExchange>& xs) {
  std::vector<double> v;
  for (const auto& x : xs) v.push_back(static_cast<double>(x.elapsed.count()) / 1000.0);
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

std::string describe_latency(const std::vector<HttpExchange>& xs,
                             const std::vector<HttpExchange>& refs, std::string_view what,
                             std::string_view reference) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "median %.1f ms (%.*s) vs %.1f ms (%.*s)", median_ms(xs),
                static_cast<int>(what.size()), what.data(), median_ms(refs),
                static_cast<int>(reference.size()), reference.data());
  return buf;
}

bool expect_same_status(const HttpExchange& x, const HttpExchange& ref, std::string_view reference,
                        const Tag& tag) {
  return record(
      tag, "same_status", x.response.status == ref.response.status,
      "same status as " + std::string(reference) + ": " + std::to_string(ref.response.status),
      std::to_string(x.response.status));
}

bool expect_same_error_code(const HttpExchange& x, const HttpExchange& ref,
                            std::string_view reference, const Tag& tag) {
  auto a = engine::error_code_of(x), b = engine::error_code_of(ref);
  return record(tag, "same_error_code", a == b,
                "same error as " + std::string(reference) + ": " + b, a);
}

bool expect_same_error_description(const HttpExchange& x, const HttpExchange& ref,
                                   std::string_view reference, const Tag& tag) {
  auto a = description_of(x), b = description_of(ref);
  return record(tag, "same_description", a == b,
                "same error_description as " + std::string(reference) + ": " + b, a);
}

bool expect_same_header_names(const HttpExchange& x, const HttpExchange& ref,
                              std::string_view reference, const Tag& tag) {
  auto a = comparable_header_names(x), b = comparable_header_names(ref);
  return record(tag, "same_header_names", a == b,
                "same header names as " + std::string(reference) + ": " + names(b), names(a));
}

bool expect_similar_latency(const std::vector<HttpExchange>& xs,
                            const std::vector<HttpExchange>& refs, std::string_view what,
                            std::string_view reference, const Tag& tag) {
  double a = median_ms(xs), b = median_ms(refs);
  double lo = std::max(0.1, std::min(a, b));
  bool similar = std::abs(a - b) <= 100.0 || std::max(a, b) / lo <= 3.0;
  return record(tag, "similar_latency", similar, "medians within 100 ms or a factor of 3",
                describe_latency(xs, refs, what, reference));
}

}  // namespace ock::conformance::checks
