#include "conformance/checks/entropy.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

namespace ock::conformance::checks {
namespace {

std::string fmt_bits(double bits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", bits);
  return buf;
}

}  // namespace

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

std::vector<std::pair<std::size_t, std::size_t>> equal_pairs(const std::vector<std::string>& v) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    for (std::size_t j = i + 1; j < v.size(); ++j) {
      if (v[i] == v[j]) out.emplace_back(i, j);
    }
  }
  return out;
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

bool expect_entropy_upper_bound(const EntropyEstimate& e, double bits, const Tag& tag) {
  return record(tag, "upper_bound_" + std::to_string(static_cast<int>(bits)),
                e.upper_bound_bits >= bits, "upper bound >= " + fmt_bits(bits) + " bits",
                describe_entropy(e));
}

bool expect_entropy_shannon(const EntropyEstimate& e, double bits, const Tag& tag) {
  return record(tag, "shannon_" + std::to_string(static_cast<int>(bits)), e.shannon_bits >= bits,
                "Shannon estimate >= " + fmt_bits(bits) + " bits", describe_entropy(e));
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
  return record(tag, "distinct", pairs.empty(), "all " + std::string(what) + " distinct", actual);
}

bool expect_disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b,
                     std::string_view what, const Tag& tag) {
  std::set<std::string> left(a.begin(), a.end());
  std::size_t shared = 0;
  for (const auto& v : b) shared += left.count(v);
  return record(tag, "disjoint", shared == 0, "no " + std::string(what) + " shared",
                shared == 0 ? "none shared" : std::to_string(shared) + " shared");
}

bool expect_no_visible_sequence(const std::vector<std::string>& tokens_in_order,
                                std::int64_t now_unix, const Tag& tag) {
  auto seq = visible_sequence(tokens_in_order, now_unix);
  return record(tag, "no_sequence", !seq, "no counter or timestamp in the tokens",
                seq.value_or("none seen"));
}

}  // namespace ock::conformance::checks
