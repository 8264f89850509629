// Checks on a sample of issued tokens: estimated entropy (RFC 6749 §10.10, RFC 6819 §5.1.4.2.2),
// uniqueness, and counters or timestamps visible in them. The estimators are pure. No I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/checks/check.h"

namespace ock::conformance::checks {

// An estimate over the part of the tokens that varies: the common prefix and suffix of all
// samples are stripped. upper_bound_bits = shortest varying length x log2(distinct characters
// seen in the varying parts); shannon_bits = Shannon entropy of the pooled character distribution
// (bits per character) x the shortest varying length.
struct EntropyEstimate {
  std::size_t samples = 0;
  std::size_t common_prefix = 0;
  std::size_t common_suffix = 0;
  std::size_t varying_length = 0;  // shortest varying part
  std::size_t alphabet = 0;        // distinct characters in the varying parts
  double upper_bound_bits = 0;
  double shannon_bits = 0;
};
EntropyEstimate estimate_entropy(const std::vector<std::string>& tokens);
// "20 samples, common prefix 0, varying length 43 over 64 symbols: upper bound 258.0 bits,
// Shannon estimate 255.1 bits".
std::string describe_entropy(const EntropyEstimate& e);
// Index pairs (i < j) of equal values.
std::vector<std::pair<std::size_t, std::size_t>> equal_pairs(const std::vector<std::string>& v);
// A counter or timestamp in the varying part: a decimal run (>= 4 digits) at the same offset of
// every token (issue order) that never decreases and is not constant, or a 10/13-digit run that
// reads as a Unix time within a day of `now_unix`. nullopt when none, else what was seen.
std::optional<std::string> visible_sequence(const std::vector<std::string>& tokens_in_order,
                                            std::int64_t now_unix);

// upper_bound_bits >= bits.                       default id "upper_bound_<bits>"
bool expect_entropy_upper_bound(const EntropyEstimate& e, double bits, const Tag& tag = {});
// shannon_bits >= bits.                           default id "shannon_<bits>"
bool expect_entropy_shannon(const EntropyEstimate& e, double bits, const Tag& tag = {});
// Every value differs from every other. `what` names them ("access tokens"). default id "distinct"
bool expect_all_distinct(const std::vector<std::string>& values, std::string_view what,
                         const Tag& tag = {});
// Every value of `a` differs from every value of `b`.            default id "disjoint"
bool expect_disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b,
                     std::string_view what, const Tag& tag = {});
//                                                                default id "no_sequence"
bool expect_no_visible_sequence(const std::vector<std::string>& tokens_in_order,
                                std::int64_t now_unix, const Tag& tag = {});

}  // namespace ock::conformance::checks
