// Unit tests of checks/json.h (media type and JSON shape): each check in its passing and its
// failing shape.
#include "conformance/checks/json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "conformance/checks/grammar.h"
#include "conformance/checks/json.h"
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

TEST(ExpectJsonContentTypeTest, AllowsParametersButNotOtherTypes) {
  EXPECT_TRUE(passed([] { expect_json_content_type(canned(200, "{}")); }));
  EXPECT_TRUE(passed([] {
    expect_json_content_type(
        canned(200, "{}", {{"content-type", "Application/JSON; charset=utf-8"}}));
  }));
  EXPECT_TRUE(failed([] {
    expect_json_content_type(canned(200, "{}", {{"Content-Type", "text/html"}}));
  }));
  EXPECT_TRUE(failed([] { expect_json_content_type(canned(200, "{}", {})); }));
}

TEST(ExpectJsonObjectTest, OnlyAnObject) {
  EXPECT_TRUE(passed([] { expect_json_object(canned(200, kToken)); }));
  EXPECT_TRUE(failed([] { expect_json_object(canned(200, "[1,2]")); }));
  EXPECT_TRUE(failed([] { expect_json_object(canned(200, "access_token=x")); }));
}

TEST(ExpectNoDuplicateMembersTest, FindsRepeatedNamesAtAnyDepth) {
  EXPECT_TRUE(passed([] { expect_no_duplicate_members(canned(200, kToken)); }));
  EXPECT_TRUE(failed([] { expect_no_duplicate_members(canned(200, R"({"a":1,"a":2})")); }));
  EXPECT_TRUE(failed([] { expect_no_duplicate_members(canned(200, R"({"x":{"b":1,"b":1}})")); }));
  EXPECT_FALSE(json_has_duplicate_members(R"({"a":{"b":1},"b":2})"));
}

TEST(ExpectJsonErrorBodyTest, AnObjectWithAnErrorMember) {
  EXPECT_TRUE(
      passed([] { expect_json_error_body(canned(400, R"({"error":"invalid_request"})")); }));
  EXPECT_TRUE(failed([] { expect_json_error_body(canned(400, R"({"detail":"no"})")); }));
  auto f = findings_of([] {
    expect_json_error_body(canned(400, "<html>", {{"Content-Type", "text/html"}}));
  });
  EXPECT_EQ(f.at(0).actual, "not JSON (text/html)");
}

}  // namespace
}  // namespace ock::conformance::checks
