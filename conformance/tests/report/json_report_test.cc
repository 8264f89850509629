#include "conformance/report/json_report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>

#include "conformance/tests/report/golden.h"
#include "conformance/tests/report/sample_report.h"

namespace ock::conformance::report {
namespace {

using testing::matches_golden;
using testing::sample_report;

TEST(JsonReportTest, MatchesGolden) {
  EXPECT_TRUE(matches_golden(to_json(sample_report()), "report.json"));
}

TEST(JsonReportTest, RoundTripIsIdentical) {
  const std::string first = to_json(sample_report());
  const std::string second = to_json(from_json(first));
  EXPECT_EQ(first, second);
}

TEST(JsonReportTest, RoundTripKeepsEveryField) {
  const RunReport back = from_json(to_json(sample_report()));
  ASSERT_EQ(back.results.size(), 8u);
  EXPECT_EQ(back.target_name, "demo <&> \"target\"");
  EXPECT_TRUE(back.insecure);
  const CaseResult& baselined = back.results[2];
  EXPECT_EQ(baselined.baseline, Verdict::kFail);
  EXPECT_EQ(baselined.baseline_comment, "answers 400 instead of 401 (known, ticket #42)");
  EXPECT_TRUE(back.results[3].stale_baseline);
  EXPECT_EQ(back.results[5].skip_reason, "no refresh token issued");
  EXPECT_FALSE(back.results[0].skip_reason.has_value());
  ASSERT_EQ(back.results[1].exchanges.size(), 1u);
  EXPECT_EQ(back.results[1].exchanges[0].label, "wrong password, Basic");
  // The NUL survives as \u0000; the invalid byte 0xFF comes back as U+FFFD.
  EXPECT_NE(back.results[1].exchanges[0].response.find(std::string("\0nul", 4)), std::string::npos);
  EXPECT_NE(back.results[1].exchanges[0].response.find("\xEF\xBF\xBD bad byte"), std::string::npos);
  EXPECT_EQ(back.results[1].refs[1].section, "4.3.2");
  EXPECT_EQ(back.results[1].assertions[1].actual, "<absent> | `none`");
}

TEST(JsonReportTest, RoundTripsWhateverBytesTheTargetSent) {
  std::mt19937 rng(20260101);  // fixed seed: the same inputs on every run
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 200; ++round) {
    std::string junk(static_cast<std::size_t>(round % 64 + 1), '\0');
    for (char& c : junk) c = static_cast<char>(byte(rng));
    RunReport r = sample_report();
    r.results[1].reason = junk;
    r.results[1].exchanges[0].response = junk;
    const std::string first = to_json(r);
    ASSERT_NO_THROW(nlohmann::json::parse(first)) << "round " << round;
    EXPECT_EQ(to_json(from_json(first)), first) << "round " << round;
  }
}

TEST(JsonReportTest, ParsesAndFollowsTheSchema) {
  const auto j = nlohmann::json::parse(to_json(sample_report()));
  EXPECT_EQ(j["schema"], "ock-report/1");
  EXPECT_EQ(j["runner"]["version"], "0.1.0");
  EXPECT_EQ(j["runner"]["catalog_version"], "2026.1");
  EXPECT_EQ(j["runner"]["mode"], "rfc");
  EXPECT_EQ(j["target"]["name"], "demo <&> \"target\"");
  EXPECT_EQ(j["target"]["base_url"], "http://127.0.0.1:8000");
  EXPECT_EQ(j["target"]["profile_sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(j["started"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(j["duration_ms"], 12345);
  EXPECT_EQ(j["summary"],
            nlohmann::json({{"PASS", 3}, {"FAIL", 2}, {"WARN", 1}, {"SKIP", 1}, {"ERROR", 1}}));
  ASSERT_EQ(j["results"].size(), 8u);
  const auto& fail = j["results"][1];
  for (const char* key : {"id", "area", "title", "refs", "level", "verdict", "baseline", "reason",
                          "notes", "assertions", "skip_reason", "duration_ms", "exchanges"}) {
    EXPECT_TRUE(fail.contains(key)) << key;
  }
  EXPECT_TRUE(fail["baseline"].is_null());
  EXPECT_TRUE(fail["skip_reason"].is_null());
  EXPECT_EQ(fail["refs"][0], nlohmann::json({{"doc", "RFC6749"}, {"section", "5.2"}}));
  EXPECT_EQ(fail["assertions"][0],
            nlohmann::json(
                {{"id", "status"}, {"verdict", "FAIL"}, {"expected", "400"}, {"actual", "200"}}));
  EXPECT_EQ(j["results"][2]["baseline"], "FAIL");
  EXPECT_EQ(j["results"][5]["skip_reason"], "no refresh token issued");
}

TEST(JsonReportTest, IsPrettyPrintedWithTwoSpaces) {
  const std::string text = to_json(sample_report());
  EXPECT_EQ(text.rfind("{\n  \"schema\": \"ock-report/1\",\n", 0), 0u);
  EXPECT_EQ(text.back(), '\n');
}

TEST(JsonReportTest, EmptyRunHasZeroSummaryAndNoResults) {
  RunReport empty;
  empty.target_name = "t";
  const auto j = nlohmann::json::parse(to_json(empty));
  EXPECT_EQ(j["summary"]["ERROR"], 0);
  EXPECT_TRUE(j["results"].is_array());
  EXPECT_TRUE(j["results"].empty());
}

void expect_rejected(const std::string& text, const std::string& fragment) {
  try {
    from_json(text);
    ADD_FAILURE() << "accepted: " << text;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).back(), '.') << "one sentence: " << e.what();
  }
}

TEST(JsonReportTest, FromJsonRejectsBadInputWithOneSentence) {
  expect_rejected("{not json", "not valid JSON");
  expect_rejected(R"({"schema": "ock-report/1", "duration_ms": 1e400})", "number out of range");
  expect_rejected("[1, 2]", "must be a JSON object");
  expect_rejected(R"({"schema": "other/1"})", "not an ock-report schema");
  expect_rejected(R"({"schema": "ock-report/1", "runner": {}, "target": {"name": "x"}})",
                  "\"results\" is missing");
  expect_rejected(R"({"schema": "ock-report/1", "runner": {}, "target": {"name": "x"},
                      "results": [{"id": "a.b", "area": "a", "verdict": "MAYBE"}]})",
                  "results[0].verdict");
  expect_rejected(R"({"schema": "ock-report/1", "runner": {}, "target": {"name": "x"},
                      "results": [{"id": "a.b", "area": "a", "verdict": "PASS", "duration_ms": "1"}]})",
                  "results[0].duration_ms");
  expect_rejected(
      R"({"schema": "ock-report/1", "runner": {}, "target": {"name": 3}, "results": []})",
      "target.name");
}

TEST(JsonReportTest, FromJsonFillsDefaultsForOptionalFields) {
  const RunReport r = from_json(R"({"schema": "ock-report/1", "runner": {"version": "9"},
      "target": {"name": "x"}, "results": [{"id": "a.b", "area": "a", "verdict": "WARN",
      "baseline": null, "skip_reason": null}]})");
  EXPECT_EQ(r.runner_version, "9");
  EXPECT_FALSE(r.insecure);
  ASSERT_EQ(r.results.size(), 1u);
  EXPECT_EQ(r.results[0].verdict, Verdict::kWarn);
  EXPECT_FALSE(r.results[0].baseline.has_value());
  EXPECT_FALSE(r.results[0].stale_baseline);
  EXPECT_TRUE(r.results[0].exchanges.empty());
}

}  // namespace
}  // namespace ock::conformance::report
