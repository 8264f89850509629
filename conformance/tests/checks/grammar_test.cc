// Unit tests of checks/grammar.h (the character classes of RFC 6749 Appendix A and RFC 6750): each
// check in its passing and its failing shape.
#include "conformance/checks/grammar.h"

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

TEST(CharacterClassesTest, FollowAppendixA) {
  EXPECT_TRUE(is_vschar_string(" ~"));
  EXPECT_FALSE(is_vschar_string(""));
  EXPECT_FALSE(is_vschar_string("\x7f"));
  EXPECT_TRUE(is_nqschar_string("The token expired"));
  EXPECT_FALSE(is_nqschar_string("say \"hi\""));
  EXPECT_FALSE(is_nqschar_string("back\\slash"));
  EXPECT_TRUE(is_scope_token("read"));
  EXPECT_FALSE(is_scope_token("re ad"));
}

}  // namespace
}  // namespace ock::conformance::checks
