#include "conformance/report/junit_report.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <set>

#include "conformance/tests/report/golden.h"
#include "conformance/tests/report/sample_report.h"
#include "conformance/tests/report/xml_check.h"

namespace ock::conformance::report {
namespace {

using testing::parse_xml;
using testing::sample_report;
using testing::XmlElement;

const XmlElement* find_case(const XmlElement& root, const std::string& name) {
  for (const auto* suite : root.all("testsuite")) {
    for (const auto* c : suite->all("testcase")) {
      if (c->attributes.at("name") == name) return c;
    }
  }
  return nullptr;
}

std::multimap<std::string, std::string> properties_of(const XmlElement& e) {
  std::multimap<std::string, std::string> out;
  for (const auto* ps : e.all("properties")) {
    for (const auto* p : ps->all("property"))
      out.emplace(p->attributes.at("name"), p->attributes.at("value"));
  }
  return out;
}

bool has_property(const XmlElement& e, const std::string& name, const std::string& value) {
  auto props = properties_of(e);
  auto [lo, hi] = props.equal_range(name);
  for (auto it = lo; it != hi; ++it) {
    if (it->second == value) return true;
  }
  return false;
}

TEST(JunitReportTest, MatchesGolden) {
  EXPECT_TRUE(testing::matches_golden(to_junit(sample_report()), "junit.xml"));
}

TEST(JunitReportTest, IsWellFormedAndEveryTestcaseHasClassnameAndUniqueName) {
  const XmlElement root = parse_xml(to_junit(sample_report()));
  EXPECT_EQ(root.name, "testsuites");
  std::set<std::string> names;
  int cases = 0;
  for (const auto* suite : root.all("testsuite")) {
    const std::string area =
        suite->attributes.at("name").substr(std::string("oauth2-conformance.").size());
    for (const auto* c : suite->all("testcase")) {
      ++cases;
      ASSERT_TRUE(c->attributes.count("classname"));
      ASSERT_TRUE(c->attributes.count("name"));
      EXPECT_EQ(c->attributes.at("classname"), "oauth2conf." + area);
      EXPECT_TRUE(names.insert(c->attributes.at("name")).second) << c->attributes.at("name");
      EXPECT_TRUE(c->attributes.count("time"));
    }
  }
  EXPECT_EQ(cases, 8);
}

TEST(JunitReportTest, SuiteAndRootCountsMatchTheTestcases) {
  const XmlElement root = parse_xml(to_junit(sample_report()));
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  std::vector<std::string> suite_names;
  for (const auto* suite : root.all("testsuite")) {
    suite_names.push_back(suite->attributes.at("name"));
    int t = 0, f = 0, e = 0, s = 0;
    for (const auto* c : suite->all("testcase")) {
      ++t;
      f += static_cast<int>(c->all("failure").size());
      e += static_cast<int>(c->all("error").size());
      s += static_cast<int>(c->all("skipped").size());
      EXPECT_LE(c->all("failure").size() + c->all("error").size() + c->all("skipped").size(), 1u);
    }
    EXPECT_EQ(suite->attributes.at("tests"), std::to_string(t)) << suite_names.back();
    EXPECT_EQ(suite->attributes.at("failures"), std::to_string(f)) << suite_names.back();
    EXPECT_EQ(suite->attributes.at("errors"), std::to_string(e)) << suite_names.back();
    EXPECT_EQ(suite->attributes.at("skipped"), std::to_string(s)) << suite_names.back();
    EXPECT_EQ(suite->attributes.at("timestamp"), "2026-01-01T00:00:00Z");
    tests += t;
    failures += f;
    errors += e;
    skipped += s;
  }
  EXPECT_EQ(suite_names, (std::vector<std::string>{
                             "oauth2-conformance.discovery", "oauth2-conformance.password",
                             "oauth2-conformance.client_auth", "oauth2-conformance.token_response",
                             "oauth2-conformance.refresh", "oauth2-conformance.bearer"}));
  EXPECT_EQ(root.attributes.at("tests"), std::to_string(tests));
  EXPECT_EQ(root.attributes.at("failures"), std::to_string(failures));
  EXPECT_EQ(root.attributes.at("errors"), std::to_string(errors));
  EXPECT_EQ(root.attributes.at("skipped"), std::to_string(skipped));
  EXPECT_EQ(tests, 8);
  EXPECT_EQ(failures, 2);  // the unexpected FAIL and the stale baseline
  EXPECT_EQ(errors, 1);
  EXPECT_EQ(skipped, 1);
  EXPECT_EQ(root.attributes.at("time"), "12.345");
}

TEST(JunitReportTest, SuitesCarryRunProperties) {
  const XmlElement root = parse_xml(to_junit(sample_report()));
  const XmlElement& suite = *root.all("testsuite").at(0);
  EXPECT_TRUE(has_property(suite, "target", "demo <&> \"target\""));
  EXPECT_TRUE(has_property(suite, "base_url", "http://127.0.0.1:8000"));
  EXPECT_TRUE(has_property(suite, "mode", "rfc"));
  EXPECT_TRUE(has_property(suite, "catalog_version", "2026.1"));
  EXPECT_TRUE(has_property(suite, "runner_version", "0.1.0"));
  EXPECT_TRUE(has_property(suite, "profile_sha256",
                           "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
}

TEST(JunitReportTest, MapsEveryVerdictAsCatalogSection53Says) {
  const XmlElement root = parse_xml(to_junit(sample_report()));

  const XmlElement* fail = find_case(root, "password.error.wrong_password");
  ASSERT_NE(fail, nullptr);
  ASSERT_EQ(fail->all("failure").size(), 1u);
  const XmlElement& failure = *fail->all("failure")[0];
  EXPECT_EQ(failure.attributes.at("type"), "MUST");
  EXPECT_EQ(failure.attributes.at("message"),
            "expected 400 invalid_grant, got 200 <ok> & \"fine\"");
  EXPECT_NE(failure.text.find("status: expected 400, actual 200"), std::string::npos);
  EXPECT_NE(failure.text.find("https://www.rfc-editor.org/rfc/rfc6749#section-5.2"),
            std::string::npos);
  EXPECT_NE(failure.text.find("POST /oauth/token/ HTTP/1.1"), std::string::npos);
  EXPECT_EQ(fail->attributes.at("time"), "1.234");
  EXPECT_TRUE(has_property(*fail, "rfc", "RFC6749-5.2"));
  EXPECT_TRUE(has_property(*fail, "rfc", "RFC6749-4.3.2"));
  EXPECT_TRUE(has_property(*fail, "level", "MUST"));
  EXPECT_TRUE(has_property(*fail, "assertion", "error_code"));

  const XmlElement* baselined = find_case(root, "client_auth.wrong_secret");
  ASSERT_NE(baselined, nullptr);
  EXPECT_TRUE(baselined->all("failure").empty());
  EXPECT_TRUE(baselined->all("error").empty());
  EXPECT_TRUE(has_property(*baselined, "expected", "FAIL"));

  const XmlElement* stale = find_case(root, "client_auth.basic_challenge");
  ASSERT_NE(stale, nullptr);
  ASSERT_EQ(stale->all("failure").size(), 1u);
  EXPECT_EQ(stale->all("failure")[0]->attributes.at("type"), "StaleBaseline");

  const XmlElement* warn = find_case(root, "token_response.pragma_no_cache");
  ASSERT_NE(warn, nullptr);
  EXPECT_TRUE(warn->all("failure").empty());
  EXPECT_TRUE(has_property(*warn, "verdict", "WARN"));
  EXPECT_TRUE(has_property(*warn, "level", "SHOULD"));
  ASSERT_EQ(warn->all("system-out").size(), 1u);
  EXPECT_EQ(warn->all("system-out")[0]->text.rfind("WARN: Pragma header absent", 0), 0u);

  const XmlElement* skip = find_case(root, "refresh.rotation");
  ASSERT_NE(skip, nullptr);
  ASSERT_EQ(skip->all("skipped").size(), 1u);
  EXPECT_EQ(skip->all("skipped")[0]->attributes.at("message"), "no refresh token issued");

  const XmlElement* error = find_case(root, "bearer.header");
  ASSERT_NE(error, nullptr);
  ASSERT_EQ(error->all("error").size(), 1u);
  EXPECT_EQ(error->all("error")[0]->attributes.at("type"), "RunnerError");
  EXPECT_NE(error->all("error")[0]->text.find("(no response)"), std::string::npos);

  const XmlElement* pass = find_case(root, "discovery.metadata.issuer");
  ASSERT_NE(pass, nullptr);
  EXPECT_TRUE(pass->all("failure").empty() && pass->all("error").empty() &&
              pass->all("skipped").empty());
}

TEST(JunitReportTest, ReplacesCharactersXmlForbids) {
  const std::string xml = to_junit(sample_report());
  EXPECT_EQ(xml.find('\0'), std::string::npos);
  EXPECT_EQ(xml.find('\x1b'), std::string::npos);
  EXPECT_EQ(xml.find('\xFF'), std::string::npos);
  EXPECT_NE(xml.find("\xE2\x90\x80nul"), std::string::npos);                       // U+2400 for NUL
  EXPECT_NE(xml.find("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"), std::string::npos);  // kept
}

TEST(JunitReportTest, RepeatedIdsGetDistinctNames) {
  RunReport r = sample_report();
  r.results.push_back(r.results[0]);
  r.results.push_back(r.results[0]);
  const XmlElement root = parse_xml(to_junit(r));
  EXPECT_NE(find_case(root, "discovery.metadata.issuer"), nullptr);
  EXPECT_NE(find_case(root, "discovery.metadata.issuer[2]"), nullptr);
  EXPECT_NE(find_case(root, "discovery.metadata.issuer[3]"), nullptr);
}

TEST(JunitReportTest, AnIndependentXmlParserAcceptsIt) {
  if (std::system("python3 -c 'import xml.etree.ElementTree' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 is not installed";
  }
  const auto path = testing::artifacts_dir() / "junit-sample.xml";
  testing::write_file(path, to_junit(sample_report()));
  const std::string cmd =
      "python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); "
      "cs = r.findall(\"./testsuite/testcase\"); "
      "assert len(cs) == 8 and all(c.get(\"classname\") and c.get(\"name\") for c in cs)' '" +
      path.string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

TEST(JunitReportTest, StaysWellFormedWhateverBytesTheTargetSent) {
  std::mt19937 rng(20260101);  // fixed seed: the same inputs on every run
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 200; ++round) {
    std::string junk(static_cast<std::size_t>(round % 64 + 1), '\0');
    for (char& c : junk) c = static_cast<char>(byte(rng));
    RunReport r = sample_report();
    r.target_name = junk;
    r.results[1].reason = junk;
    r.results[1].assertions[0].actual = junk;
    r.results[1].exchanges[0].response = junk;
    r.results[5].skip_reason = junk;
    r.results[0].area = junk;
    ASSERT_NO_THROW(parse_xml(to_junit(r))) << "round " << round;
  }
}

// The well-formedness check above is only worth something if it can say no.
TEST(XmlCheckTest, RejectsMalformedDocuments) {
  EXPECT_NO_THROW(parse_xml("<?xml version=\"1.0\"?>\n<a x=\"1&amp;2\"><b/>t&#233;</a>\n"));
  EXPECT_EQ(parse_xml("<a x='&lt;'>&#x41;</a>").text, "A");
  const std::vector<std::string> bad_documents = {
      "<a>",         "<a></b>",     "<a x=1/>",    "<a x=\"<\"/>", "<a>&nbsp;</a>",
      "<a>&#0;</a>", "<a>\x01</a>", "<a>\xFF</a>", "<a/><b/>",     "<a x=\"1\" x=\"2\"/>"};
  for (const auto& bad : bad_documents) {
    EXPECT_ANY_THROW(parse_xml(bad)) << bad;
  }
}

}  // namespace
}  // namespace ock::conformance::report
