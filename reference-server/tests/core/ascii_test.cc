#include "reference-server/core/ascii.h"

#include <gtest/gtest.h>

namespace ock::server {
namespace {

TEST(AsciiTest, LowersOnlyAsciiLetters) {
  EXPECT_EQ(ascii_lower("Bearer ABC-xyz_09"), "bearer abc-xyz_09");
  EXPECT_EQ(ascii_lower("\xC3\x84"), "\xC3\x84");  // UTF-8 'Ä' stays as it is
}

TEST(AsciiTest, PrefixIgnoresCase) {
  EXPECT_TRUE(iequals_prefix("BASIC abc", "basic "));
  EXPECT_TRUE(iequals_prefix("basic", "basic"));
  EXPECT_FALSE(iequals_prefix("bas", "basic"));
  EXPECT_FALSE(iequals_prefix("bearer x", "basic "));
}

TEST(AsciiTest, LogSafeEscapesEveryByteThatIsNotPrintableAscii) {
  EXPECT_EQ(log_safe("/api/users/?a=1"), "/api/users/?a=1");
  EXPECT_EQ(log_safe("/he\x1b[31mllo\r\n2026 GET /forged 200"),
            "/he\\x1b[31mllo\\x0d\\x0a2026 GET /forged 200");
  EXPECT_EQ(log_safe(std::string("a\0b\x7f\\z\xc3\xa4", 8)), "a\\x00b\\x7f\\x5cz\\xc3\\xa4");
  EXPECT_EQ(log_safe(""), "");
}

TEST(AsciiTest, UnreservedIsRfc3986Section23) {
  for (char c : std::string("AZaz09-._~")) EXPECT_TRUE(is_unreserved(c)) << c;
  for (char c : std::string(" +/%=&?#:@!$'()*,;[]\"<>\x7f\x80\xff"))
    EXPECT_FALSE(is_unreserved(c)) << c;
}

}  // namespace
}  // namespace ock::server
