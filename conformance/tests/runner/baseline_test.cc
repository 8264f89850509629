#include "conformance/runner/baseline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ock::conformance::runner {
namespace {

using ::testing::HasSubstr;

CaseResult result(std::string id, Verdict v, std::vector<AssertionResult> a = {}) {
  CaseResult r;
  r.id = std::move(id);
  r.verdict = v;
  r.assertions = std::move(a);
  return r;
}

TEST(ParseBaselineTest, ReadsEntries) {
  auto b = parse_baseline(R"({"target":"dot","expected":[
      {"id":"client_auth.wrong_secret","verdict":"FAIL","comment":"Bearer challenge"}]})");
  ASSERT_TRUE(b.has_value()) << b.error();
  EXPECT_EQ(b->target, "dot");
  ASSERT_EQ(b->expected.size(), 1u);
  EXPECT_EQ(b->expected[0].verdict, Verdict::kFail);
}

// The "$schema" line of fixtures/baselines/*.json (for editors) is read past.
TEST(ParseBaselineTest, AcceptsTheSchemaLine) {
  auto b = parse_baseline(R"({"$schema":"../../docs/schema/baseline.schema.json","expected":[
      {"id":"rs.*","verdict":"WARN","comment":"why"}]})");
  ASSERT_TRUE(b.has_value()) << b.error();
  ASSERT_EQ(b->expected.size(), 1u);
  EXPECT_EQ(b->expected[0].verdict, Verdict::kWarn);
}

TEST(ParseBaselineTest, ErrorsNameTheField) {
  auto no_comment = parse_baseline(R"({"expected":[{"id":"a.b","verdict":"FAIL"}]})");
  ASSERT_FALSE(no_comment.has_value());
  EXPECT_THAT(no_comment.error(), HasSubstr("expected[0].comment"));
  auto bad_verdict =
      parse_baseline(R"({"expected":[{"id":"a.b","verdict":"MAYBE","comment":"x"}]})");
  ASSERT_FALSE(bad_verdict.has_value());
  EXPECT_THAT(bad_verdict.error(), HasSubstr("expected[0].verdict"));
  EXPECT_FALSE(parse_baseline("[]").has_value());
}

TEST(MatchBaselineTest, GlobMatchesTheCase) {
  Baseline b{.target = "",
             .expected = {{.id = "client_auth.*", .verdict = Verdict::kFail, .comment = "c"}}};
  auto r = result("client_auth.wrong_secret", Verdict::kFail);
  match_baseline(b, r);
  EXPECT_EQ(r.baseline, Verdict::kFail);
  EXPECT_EQ(r.baseline_comment, "c");
  auto other = result("password.error.get_method", Verdict::kFail);
  match_baseline(b, other);
  EXPECT_FALSE(other.baseline.has_value());
}

TEST(MatchBaselineTest, AssertionEntriesMustCoverEveryFailingAssertion) {
  Baseline b{.target = "",
             .expected = {{.id = "client_auth.wrong_secret#www_authenticate*",
                           .verdict = Verdict::kFail,
                           .comment = "c"}}};
  auto covered = result("client_auth.wrong_secret", Verdict::kFail,
                        {{"www_authenticate#basic", Verdict::kFail, "", ""},
                         {"status#basic", Verdict::kPass, "", ""}});
  match_baseline(b, covered);
  EXPECT_EQ(covered.baseline, Verdict::kFail);
  auto uncovered = result("client_auth.wrong_secret", Verdict::kFail,
                          {{"www_authenticate#basic", Verdict::kFail, "", ""},
                           {"status#basic", Verdict::kFail, "", ""}});
  match_baseline(b, uncovered);
  EXPECT_FALSE(uncovered.baseline.has_value());
}

TEST(MarkStaleTest, AnEntryWhoseCaseNowPassesIsStale) {
  Baseline b{.target = "",
             .expected = {{.id = "a.one", .verdict = Verdict::kFail, .comment = "c"}}};
  std::vector<CaseResult> results = {result("a.one", Verdict::kPass)};
  auto stale = mark_stale(b, results);
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_TRUE(results[0].stale_baseline);
}

TEST(MarkStaleTest, GlobIsStaleOnlyWhenNoMatchedCaseStillFails) {
  Baseline b{.target = "", .expected = {{.id = "a.*", .verdict = Verdict::kFail, .comment = "c"}}};
  std::vector<CaseResult> results = {result("a.one", Verdict::kPass),
                                     result("a.two", Verdict::kFail)};
  EXPECT_TRUE(mark_stale(b, results).empty());
  std::vector<CaseResult> all_pass = {result("a.one", Verdict::kPass),
                                      result("a.two", Verdict::kPass)};
  EXPECT_EQ(mark_stale(b, all_pass).size(), 1u);
}

TEST(MarkStaleTest, SkippedCasesAreNotStale) {
  Baseline b{.target = "",
             .expected = {{.id = "a.one", .verdict = Verdict::kFail, .comment = "c"}}};
  std::vector<CaseResult> results = {result("a.one", Verdict::kSkip)};
  EXPECT_TRUE(mark_stale(b, results).empty());
}

}  // namespace
}  // namespace ock::conformance::runner
