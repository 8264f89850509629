// append_json_string against nlohmann::json::dump(), which it stands in for: the same text for
// every string dump() accepts, and a refusal exactly where dump() throws.
#include "reference-server/core/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace ock::server {
namespace {

std::optional<std::string> dumped(const std::string& s) {
  try {
    return nlohmann::json(s).dump();
  } catch (const nlohmann::json::type_error&) {
    return std::nullopt;
  }
}

std::optional<std::string> ours(const std::string& s) {
  std::string out;
  if (!append_json_string(out, s)) return std::nullopt;
  return out;
}

TEST(JsonTextTest, MatchesDumpOnChosenStrings) {
  const std::vector<std::string> cases = {
      "",
      "alice",
      "quote \" and backslash \\ and slash /",
      std::string("\0\x01\x08\t\n\x0b\x0c\r\x1f\x20\x7f", 11),
      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",  // é € 😀
      "\xed\x9f\xbf",                               // U+D7FF, the last before the surrogates
      "\xef\xbf\xbf",                               // U+FFFF
      "\xf4\x8f\xbf\xbf",                           // U+10FFFF
  };
  for (const std::string& s : cases) {
    ASSERT_TRUE(dumped(s).has_value());
    EXPECT_EQ(ours(s), dumped(s)) << s;
  }
}

TEST(JsonTextTest, RefusesWhatDumpRefuses) {
  const std::vector<std::string> bad = {
      "\x80",              // a continuation byte alone
      "\xc3",              // cut short
      "\xc0\xaf",          // overlong
      "\xe0\x80\xaf",      // overlong
      "\xed\xa0\x80",      // a surrogate
      "\xf4\x90\x80\x80",  // beyond U+10FFFF
      "\xf5\x80\x80\x80",
      "\xff",
      "ok\xe2\x82",  // cut short at the end
  };
  for (const std::string& s : bad) {
    EXPECT_FALSE(dumped(s).has_value()) << "the oracle accepts it";
    EXPECT_FALSE(ours(s).has_value());
  }
}

TEST(JsonTextTest, MatchesDumpOnRandomBytes) {
  std::mt19937 rng(20261207);
  // Bytes around every boundary of the UTF-8 table and the escapes.
  const std::vector<unsigned char> alphabet = {0x00, 0x08, 0x09, 0x0a, 0x1f, 0x20, '"',  '\\',
                                               'a',  0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf,
                                               0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed,
                                               0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 6);
  int accepted = 0;
  for (int n = 0; n < 200000; ++n) {
    std::string s;
    for (int k = length(rng); k > 0; --k) s += static_cast<char>(alphabet[pick(rng)]);
    auto want = dumped(s);
    ASSERT_EQ(ours(s), want) << "input of " << s.size() << " bytes, case " << n;
    if (want) ++accepted;
  }
  EXPECT_GT(accepted, 1000) << "too few valid strings to mean anything";
}

}  // namespace
}  // namespace ock::server
