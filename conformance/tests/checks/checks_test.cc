#include "conformance/catalog/checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/tests/checks/canned.h"

namespace ock::conformance::catalog {
namespace {

using testing::canned;
using testing::failed;
using testing::findings_of;
using testing::passed;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;

const std::string kToken =
    R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,)"
    R"("refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","scope":"read write"})";

TEST(ExpectStatusTest, PassesOnTheStatusAndFailsOtherwise) {
  EXPECT_TRUE(passed([] { expect_status(canned(400), 400); }));
  EXPECT_TRUE(failed([] { expect_status(canned(200), 400); }));
}

TEST(ExpectStatusTest, RecordsExpectedActualAndDefaultId) {
  auto f = findings_of([] { expect_status(canned(200, kToken), 400); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "status");
  EXPECT_EQ(f[0].expected, "400");
  EXPECT_THAT(f[0].actual, HasSubstr("200"));
}

TEST(ExpectStatusTest, TagSetsIdAndLevel) {
  auto f = findings_of(
      [] { expect_status(canned(401), 400, {.id = "status#x", .level = Level::kShould}); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "status#x");
  EXPECT_EQ(f[0].level, Level::kShould);
}

TEST(ExpectStatusInTest, AcceptsAnyListedStatus) {
  EXPECT_TRUE(passed([] { expect_status_in(canned(401), {400, 401}); }));
  EXPECT_TRUE(failed([] { expect_status_in(canned(403), {400, 401}); }));
}

TEST(RequireStatusTest, AbortsTheCaseOnMismatch) {
  EXPECT_THROW(
      {
        Recorder r;
        RecorderScope s(r);
        require_status(canned(500), 200);
      },
      CaseAborted);
  EXPECT_TRUE(passed([] { require_status(canned(200), 200); }));
}

TEST(ExpectClientErrorTest, OnlyFourHundreds) {
  EXPECT_TRUE(passed([] { expect_client_error(canned(404)); }));
  EXPECT_TRUE(failed([] { expect_client_error(canned(500)); }));
  EXPECT_TRUE(failed([] { expect_client_error(canned(200)); }));
}

TEST(ExpectNoServerErrorTest, FailsOnFiveHundreds) {
  EXPECT_TRUE(passed([] { expect_no_server_error(canned(400)); }));
  EXPECT_TRUE(failed([] { expect_no_server_error(canned(503)); }));
}

TEST(ExpectErrorCodeTest, ComparesTheErrorMember) {
  EXPECT_TRUE(passed([] { expect_error_code(canned(400, R"({"error":"invalid_grant"})"), "invalid_grant"); }));
  auto f = findings_of(
      [] { expect_error_code(canned(400, R"({"error":"invalid_request"})"), "invalid_grant"); });
  EXPECT_THAT(f, ElementsAre(Field(&Finding::actual, "invalid_request")));
  EXPECT_TRUE(failed([] { expect_error_code(canned(400, "<html>"), "invalid_grant"); }));
  EXPECT_TRUE(failed([] { expect_error_code(canned(400, R"({"error":7})"), "invalid_grant"); }));
}

TEST(ExpectErrorCodeInTest, AcceptsAnyListedCode) {
  EXPECT_TRUE(passed([] {
    expect_error_code_in(canned(401, R"({"error":"invalid_client"})"),
                         {"invalid_request", "invalid_client"});
  }));
  EXPECT_TRUE(failed([] {
    expect_error_code_in(canned(400, R"({"error":"invalid_grant"})"),
                         {"invalid_request", "invalid_client"});
  }));
}

TEST(ExpectNoTokenIssuedTest, FailsOnlyWhenATokenCameBack) {
  EXPECT_TRUE(passed([] { expect_no_token_issued(canned(400, R"({"error":"invalid_grant"})")); }));
  EXPECT_TRUE(failed([] { expect_no_token_issued(canned(200, kToken)); }));
  EXPECT_TRUE(passed([] { expect_no_token_issued(canned(200, R"({"access_token":""})")); }));
}

TEST(RequireTokenIssuedTest, AbortsWithoutAToken) {
  EXPECT_TRUE(passed([] { require_token_issued(canned(200, kToken)); }));
  EXPECT_THROW(
      {
        Recorder r;
        RecorderScope s(r);
        require_token_issued(canned(400, R"({"error":"invalid_grant"})"));
      },
      CaseAborted);
}

TEST(ExpectJsonContentTypeTest, AllowsParametersButNotOtherTypes) {
  EXPECT_TRUE(passed([] { expect_json_content_type(canned(200, "{}")); }));
  EXPECT_TRUE(passed([] {
    expect_json_content_type(canned(200, "{}", {{"content-type", "Application/JSON; charset=utf-8"}}));
  }));
  EXPECT_TRUE(failed([] { expect_json_content_type(canned(200, "{}", {{"Content-Type", "text/html"}})); }));
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

TEST(ExpectCacheControlNoStoreTest, ParsesTheDirectiveList) {
  EXPECT_TRUE(passed([] { expect_cache_control_no_store(canned(200, kToken, {{"Cache-Control", "no-store"}})); }));
  EXPECT_TRUE(passed([] {
    expect_cache_control_no_store(canned(200, kToken, {{"Cache-Control", "private, No-Store"}}));
  }));
  EXPECT_TRUE(passed([] {
    expect_cache_control_no_store(
        canned(200, kToken, {{"Cache-Control", "private"}, {"Cache-Control", "no-store"}}));
  }));
  EXPECT_TRUE(failed([] { expect_cache_control_no_store(canned(200, kToken, {{"Cache-Control", "no-cache, private"}})); }));
  EXPECT_TRUE(failed([] {
    expect_cache_control_no_store(canned(200, kToken, {{"Cache-Control", "no-cache=\"no-store\""}}));
  }));
  EXPECT_TRUE(failed([] { expect_cache_control_no_store(canned(200, kToken, {})); }));
}

TEST(ExpectCacheControlPrivateTest, NeedsPrivate) {
  EXPECT_TRUE(passed([] { expect_cache_control_private(canned(200, "", {{"Cache-Control", "private, max-age=0"}})); }));
  EXPECT_TRUE(failed([] { expect_cache_control_private(canned(200, "", {{"Cache-Control", "public"}})); }));
}

TEST(ExpectPragmaNoCacheTest, NeedsNoCache) {
  EXPECT_TRUE(passed([] { expect_pragma_no_cache(canned(200, "", {{"Pragma", "no-cache"}})); }));
  EXPECT_TRUE(failed([] { expect_pragma_no_cache(canned(200, "", {{"Pragma", "x-other"}})); }));
  EXPECT_TRUE(failed([] { expect_pragma_no_cache(canned(200, "", {})); }));
}

TEST(CacheControlDirectivesTest, LowerCasesNamesAndUnquotesValues) {
  auto d = cache_control_directives({"No-Store, max-age=\"0\"", "private"});
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].first, "no-store");
  EXPECT_FALSE(d[0].second.has_value());
  EXPECT_EQ(d[1].first, "max-age");
  EXPECT_EQ(d[1].second, "0");
  EXPECT_EQ(d[2].first, "private");
}

TEST(ExpectWwwAuthenticateTest, MatchesTheSchemeCaseInsensitively) {
  EXPECT_TRUE(passed([] {
    expect_www_authenticate(canned(401, "", {{"WWW-Authenticate", "basic realm=\"x\""}}), "Basic");
  }));
  EXPECT_TRUE(failed([] {
    expect_www_authenticate(canned(401, "", {{"WWW-Authenticate", "Bearer realm=\"x\""}}), "Basic");
  }));
  EXPECT_TRUE(failed([] { expect_www_authenticate(canned(401, "", {}), "Basic"); }));
  EXPECT_TRUE(passed([] {
    expect_www_authenticate(canned(401, "", {{"WWW-Authenticate", "Bearer realm=\"x\", Basic realm=\"y\""}}),
                            "Basic");
  }));
}

TEST(ExpectBearerChallengeTest, ChecksTheErrorAttribute) {
  auto x = canned(401, "", {{"WWW-Authenticate", R"(Bearer realm="api", error="invalid_token")"}});
  EXPECT_TRUE(passed([&] { expect_bearer_challenge(x); }));
  EXPECT_TRUE(passed([&] { expect_bearer_challenge(x, "invalid_token"); }));
  EXPECT_TRUE(failed([&] { expect_bearer_challenge(x, "insufficient_scope"); }));
  EXPECT_TRUE(failed([] { expect_bearer_challenge(canned(401, "", {{"WWW-Authenticate", "Basic"}})); }));
}

TEST(ExpectTokenTypeTest, CaseInsensitiveBearer) {
  EXPECT_TRUE(passed([] { expect_token_type_bearer(canned(200, kToken)); }));
  EXPECT_TRUE(passed([] { expect_token_type_bearer(canned(200, R"({"access_token":"a","token_type":"bearer"})")); }));
  EXPECT_TRUE(failed([] { expect_token_type_bearer(canned(200, R"({"access_token":"a","token_type":"mac"})")); }));
  EXPECT_TRUE(failed([] { expect_token_type_bearer(canned(200, R"({"access_token":"a"})")); }));
}

TEST(ExpectPositiveExpiresInTest, OnlyPositiveIntegerNumbers) {
  EXPECT_TRUE(passed([] { expect_positive_expires_in(canned(200, kToken)); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({"expires_in":"3600"})")); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({"expires_in":-5})")); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({"expires_in":1.5})")); }));
  EXPECT_TRUE(failed([] { expect_positive_expires_in(canned(200, R"({})")); }));
}

TEST(ExpectScopeSyntaxTest, ScopeTokensWithSingleSpaces) {
  EXPECT_TRUE(passed([] { expect_scope_syntax(canned(200, kToken)); }));
  EXPECT_TRUE(passed([] { expect_scope_syntax(canned(200, R"({"access_token":"a"})")); }));
  EXPECT_TRUE(failed([] { expect_scope_syntax(canned(200, R"({"scope":["read"]})")); }));
  EXPECT_TRUE(failed([] { expect_scope_syntax(canned(200, R"({"scope":"read  write"})")); }));
  EXPECT_TRUE(failed([] { expect_scope_syntax(canned(200, R"({"scope":"read\\write"})")); }));
}

TEST(ClassifyScopeTest, TellsSpacingFromIllegalCharacters) {
  EXPECT_EQ(classify_scope("read write"), ScopeShape::kValid);
  EXPECT_EQ(classify_scope(" read"), ScopeShape::kBadSpacing);
  EXPECT_EQ(classify_scope("read "), ScopeShape::kBadSpacing);
  EXPECT_EQ(classify_scope("read\"x"), ScopeShape::kIllegal);
  EXPECT_EQ(classify_scope("r\xc3\xa9" "ad"), ScopeShape::kIllegal);
  EXPECT_TRUE(same_scope_set("read write", "write  read"));
  EXPECT_FALSE(same_scope_set("read", "read write"));
}

TEST(ExpectTokenSyntaxTest, NonEmptyVscharString) {
  EXPECT_TRUE(passed([] { expect_token_syntax(canned(200, kToken), "access_token"); }));
  EXPECT_TRUE(failed([] { expect_token_syntax(canned(200, R"({"access_token":""})"), "access_token"); }));
  EXPECT_TRUE(failed([] { expect_token_syntax(canned(200, R"({"access_token":12})"), "access_token"); }));
  EXPECT_TRUE(failed([] { expect_token_syntax(canned(200, R"({"access_token":"a\u0001b"})"), "access_token"); }));
  EXPECT_TRUE(failed([] { expect_token_syntax(canned(200, R"({})"), "refresh_token"); }));
  auto f = findings_of([] { expect_token_syntax(canned(200, kToken), "refresh_token"); });
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].id, "refresh_token_syntax");
}

TEST(ExpectB64TokenTest, RejectsCharactersOutsideB64Token) {
  EXPECT_TRUE(passed([] { expect_b64token(canned(200, R"({"access_token":"abc-._~+/=="})"), "access_token"); }));
  EXPECT_TRUE(failed([] { expect_b64token(canned(200, R"({"access_token":"a b"})"), "access_token"); }));
  EXPECT_TRUE(failed([] { expect_b64token(canned(200, R"({"access_token":"a=b"})"), "access_token"); }));
  EXPECT_TRUE(is_b64token("x=="));
  EXPECT_FALSE(is_b64token("=x"));
}

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

TEST(ExpectErrorResponseFormatTest, AcceptsAProperErrorReply) {
  EXPECT_TRUE(passed([] {
    expect_error_response_format(canned(400, R"({"error":"invalid_grant","error_description":"bad credentials"})"));
  }));
  EXPECT_TRUE(passed([] { expect_error_response_format(canned(401, R"({"error":"invalid_client"})")); }));
}

TEST(ExpectErrorResponseFormatTest, RejectsEachViolation) {
  EXPECT_TRUE(failed([] { expect_error_response_format(canned(401, R"({"error":"invalid_grant"})")); }));
  EXPECT_TRUE(failed([] { expect_error_response_format(canned(400, R"({"error":"bad_thing"})")); }));
  EXPECT_TRUE(failed([] { expect_error_response_format(canned(400, R"({"error_description":"x"})")); }));
  EXPECT_TRUE(failed([] {
    expect_error_response_format(canned(400, R"({"error":"invalid_grant","error_description":"say \"no\""})"));
  }));
  EXPECT_TRUE(failed([] {
    expect_error_response_format(canned(400, R"({"error":"invalid_grant"})", {{"Content-Type", "text/plain"}}));
  }));
  EXPECT_TRUE(failed([] { expect_error_response_format(canned(400, "<html>error</html>")); }));
}

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
}  // namespace ock::conformance::catalog
