// Unit tests of checks/check.h: record() and record_or_abort(), the plumbing of every check, and
// the Recorder they write to.
#include "conformance/checks/check.h"

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

TEST(RecordTest, UsesTheTagIdElseTheDefaultAndKeepsTheLevel) {
  auto f = findings_of([] {
    record({}, "fallback", true, "x", "x");
    record({.id = "custom", .level = Level::kShould}, "fallback", false, "x", "y");
  });
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].id, "fallback");
  EXPECT_TRUE(f[0].passed);
  EXPECT_EQ(f[1].id, "custom");
  EXPECT_FALSE(f[1].passed);
  EXPECT_EQ(f[1].level, Level::kShould);
  EXPECT_EQ(f[1].expected, "x");
  EXPECT_EQ(f[1].actual, "y");
}

TEST(RecordOrAbortTest, AbortsTheCaseOnlyWhenTheAssertionFails) {
  Recorder r;
  RecorderScope s(r);
  EXPECT_NO_THROW(record_or_abort({}, "ok", true, "x", "x"));
  try {
    record_or_abort({.id = "must"}, "fallback", false, "x", "y");
    ADD_FAILURE() << "no CaseAborted";
  } catch (const CaseAborted& a) {
    EXPECT_EQ(a.reason, "must: expected x, got y");
  }
  EXPECT_EQ(r.findings().size(), 2u);
}

TEST(RecorderTest, ChecksOutsideACaseAreAProgrammingError) {
  EXPECT_THROW(expect_status(canned(200), 200), std::logic_error);
}

}  // namespace
}  // namespace ock::conformance::checks
