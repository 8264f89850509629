// Unit tests of checks/entropy.h (token entropy, uniqueness and visible sequences): each check in
// its passing and its failing shape.
#include "conformance/checks/entropy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/status.h"
#include "conformance/engine/form.h"
#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

std::vector<std::string> random_tokens(std::size_t n, std::size_t len, std::string_view alphabet) {
  std::mt19937 rng(42);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) {
    std::string s;
    for (std::size_t j = 0; j < len; ++j) s.push_back(alphabet[pick(rng)]);
    out.push_back(s);
  }
  return out;
}

constexpr std::string_view kB64url =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

TEST(EntropyTest, RandomBase64urlTokensClearBothBounds) {
  auto e = estimate_entropy(random_tokens(20, 43, kB64url));
  EXPECT_EQ(e.samples, 20u);
  EXPECT_GE(e.upper_bound_bits, 160.0);
  EXPECT_GE(e.shannon_bits, 128.0);
  auto fs = findings_of([&] {
    expect_entropy_upper_bound(e, 128);
    expect_entropy_upper_bound(e, 160);
    expect_entropy_shannon(e, 128);
  });
  ASSERT_EQ(fs.size(), 3u);
  for (const auto& f : fs) EXPECT_TRUE(f.passed) << f.id;
  EXPECT_EQ(fs[0].id, "upper_bound_128");
}

TEST(EntropyTest, CommonPrefixIsStrippedAndShortHexFails) {
  auto raw = random_tokens(20, 8, "0123456789abcdef");
  for (auto& t : raw) t = "tok_prefix_" + t;
  auto e = estimate_entropy(raw);
  EXPECT_GE(e.common_prefix, 11u);
  EXPECT_LE(e.upper_bound_bits, 32.0 + 1e-9);
  EXPECT_FALSE(only(findings_of([&] { expect_entropy_upper_bound(e, 128); })).passed);
  EXPECT_FALSE(only(findings_of([&] { expect_entropy_shannon(e, 128); })).passed);
}

TEST(DistinctTest, EqualPairsAndDisjoint) {
  EXPECT_TRUE(only(findings_of([] { expect_all_distinct({"a1", "b2", "c3"}, "tokens"); })).passed);
  auto f = only(findings_of([] { expect_all_distinct({"a1", "b2", "a1"}, "tokens"); }));
  EXPECT_FALSE(f.passed);
  EXPECT_EQ(f.id, "distinct");
  EXPECT_TRUE(only(findings_of([] { expect_disjoint({"a", "b"}, {"c"}, "token"); })).passed);
  EXPECT_FALSE(only(findings_of([] { expect_disjoint({"a", "b"}, {"b"}, "token"); })).passed);
}

TEST(VisibleSequenceTest, CounterTimestampAndRandom) {
  std::vector<std::string> counter;
  for (int i = 0; i < 5; ++i) counter.push_back("tok-" + std::to_string(100041 + i) + "-xyzw");
  EXPECT_TRUE(visible_sequence(counter, 1'700'000'000).has_value());
  std::vector<std::string> stamped{"a1700000123Zq", "b1700000124Zr", "c1700000130Zs"};
  EXPECT_TRUE(visible_sequence(stamped, 1'700'000'200).has_value());
  EXPECT_FALSE(visible_sequence(random_tokens(20, 43, kB64url), 1'700'000'000).has_value());
  EXPECT_FALSE(
      only(findings_of([&] { expect_no_visible_sequence(counter, 1'700'000'000); })).passed);
  EXPECT_TRUE(only(findings_of([] {
                expect_no_visible_sequence(random_tokens(20, 43, kB64url), 1'700'000'000);
              })).passed);
}

}  // namespace
}  // namespace ock::conformance::checks
