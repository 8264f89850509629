// Unit tests of checks/check.h (the plumbing of every check: record() and the Recorder it writes to): each check in its passing and its failing shape.
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

TEST(GenericExpectTest, RecordsAndRequireAborts) {
  auto f = findings_of([] { expect(false, {.id = "custom"}, "x", "y"); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "custom");
  EXPECT_FALSE(f[0].passed);
  EXPECT_THROW(
      {
        Recorder r;
        RecorderScope s(r);
        require(false, {.id = "must"}, "x", "y");
      },
      CaseAborted);
}

TEST(RecorderTest, ChecksOutsideACaseAreAProgrammingError) {
  EXPECT_THROW(expect_status(canned(200), 200), std::logic_error);
}

}  // namespace
}  // namespace ock::conformance::checks
