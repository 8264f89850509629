// Unit tests of checks/metadata.h: RFC 8414 members and whether the metadata agrees with what
// the run observed, each check in its passing and its failing shape.
#include "conformance/checks/metadata.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::checks {
namespace {

using namespace engine;        // NOLINT
using namespace test_support;  // NOLINT
using ::testing::HasSubstr;

const nlohmann::json kDoc = nlohmann::json::parse(R"({
  "issuer": "https://as.example",
  "token_endpoint": "https://as.example/token",
  "response_types_supported": ["code"],
  "grant_types_supported": ["password", "refresh_token"],
  "odd": 7
})");

TEST(StringListTest, ArrayStringsOrTheDefault) {
  EXPECT_EQ(string_list(kDoc, "grant_types_supported", {"x"}),
            (std::vector<std::string>{"password", "refresh_token"}));
  EXPECT_EQ(string_list(kDoc, "token_endpoint_auth_methods_supported", {"client_secret_basic"}),
            std::vector<std::string>{"client_secret_basic"});
  EXPECT_TRUE(contains({"a", "b"}, "b"));
  EXPECT_FALSE(contains({"a", "b"}, "c"));
}

TEST(ExpectStringMemberTest, StringPassesAbsentOrOtherTypeFails) {
  EXPECT_TRUE(passed([] { expect_string_member(kDoc, "issuer"); }));
  EXPECT_TRUE(failed([] { expect_string_member(kDoc, "authorization_endpoint"); }));
  auto f = findings_of([] { expect_string_member(kDoc, "odd"); });
  EXPECT_EQ(f.at(0).id, "odd");
  EXPECT_FALSE(f[0].passed);
}

TEST(ExpectStringMemberEqualsTest, ByteForByte) {
  EXPECT_TRUE(passed([] { expect_string_member_equals(kDoc, "issuer", "https://as.example"); }));
  EXPECT_TRUE(failed([] { expect_string_member_equals(kDoc, "issuer", "https://as.example/"); }));
}

TEST(ExpectStringArrayMemberTest, OnlyAnArrayOfStrings) {
  EXPECT_TRUE(passed([] { expect_string_array_member(kDoc, "response_types_supported"); }));
  EXPECT_TRUE(failed([] { expect_string_array_member(kDoc, "odd"); }));
  EXPECT_TRUE(
      failed([] { expect_string_array_member(nlohmann::json::parse(R"({"r":["a",1]})"), "r"); }));
}

TEST(ExpectAdvertisedIfWorksTest, WhatWorksMustBeListed) {
  std::vector<std::string> grants{"password"};
  EXPECT_TRUE(passed([&] { expect_advertised_if_works("works", grants, "grants", "password"); }));
  auto f =
      findings_of([&] { expect_advertised_if_works("works", grants, "grants", "refresh_token"); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "grants#refresh_token");
  EXPECT_FALSE(f[0].passed);
  EXPECT_TRUE(findings_of([&] {
                expect_advertised_if_works("fails", grants, "grants", "refresh_token");
              }).empty());
}

TEST(ExpectWorksIfAdvertisedTest, AListedButRefusedMethodFails) {
  std::vector<std::string> methods{"client_secret_post"};
  EXPECT_TRUE(
      failed([&] { expect_works_if_advertised("rejected", methods, "client_secret_post"); }));
  EXPECT_TRUE(findings_of([&] {
                expect_works_if_advertised("works", methods, "client_secret_post");
                expect_works_if_advertised("rejected", methods, "client_secret_basic");
              }).empty());
}

TEST(ExpectEndpointAdvertisedTest, EqualAbsentOrDifferent) {
  EXPECT_TRUE(passed([] {
    expect_endpoint_advertised(kDoc, "token_endpoint", "https://as.example/token", "works");
  }));
  EXPECT_TRUE(failed([] {
    expect_endpoint_advertised(kDoc, "token_endpoint", "https://other/token", std::nullopt);
  }));
  auto f = findings_of([] {
    expect_endpoint_advertised(kDoc, "revocation_endpoint", "https://as.example/revoke", "works");
  });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "revocation_endpoint_advertised");
  EXPECT_FALSE(f[0].passed);
  EXPECT_TRUE(findings_of([] {
                expect_endpoint_advertised(kDoc, "revocation_endpoint", "https://x", std::nullopt);
              }).empty());
}


TEST(ExpectNotAdvertisedTest, AListedValueFails) {
  EXPECT_TRUE(passed([] { expect_not_advertised({"S256"}, "code_challenge_methods_supported", "plain"); }));
  auto f = findings_of(
      [] { expect_not_advertised({"S256", "plain"}, "code_challenge_methods_supported", "plain"); });
  EXPECT_EQ(f.at(0).id, "code_challenge_methods_supported#plain");
  EXPECT_FALSE(f[0].passed);
}

}  // namespace
}  // namespace ock::conformance::checks
