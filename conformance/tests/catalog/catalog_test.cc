// Catalog invariants: ids unique and well-formed; every case has a reference, a body and the
// RFC 2119 keyword of its level; every prerequisite names a case; every fact read is written by
// a case that runs before the reader.
#include "conformance/catalog/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "conformance/runner/glob.h"

namespace ock::conformance::catalog {
namespace {

const Catalog& the_catalog() {
  static const Catalog c = build_catalog();
  return c;
}

TEST(CatalogInvariantsTest, IdsAreUniqueAndWellFormed) {
  std::set<std::string> seen;
  std::regex shape(R"(^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$)");
  for (const auto& c : the_catalog().cases()) {
    EXPECT_TRUE(seen.insert(c.id).second) << "duplicate id " << c.id;
    EXPECT_TRUE(std::regex_match(c.id, shape)) << c.id;
    EXPECT_EQ(c.area, c.id.substr(0, c.id.find('.'))) << c.id;
  }
}

TEST(CatalogInvariantsTest, EveryCaseHasRefsTitleTextAndBody) {
  for (const auto& c : the_catalog().cases()) {
    EXPECT_FALSE(c.refs.empty()) << c.id;
    for (const auto& r : c.refs) {
      EXPECT_FALSE(r.doc.empty()) << c.id;
      EXPECT_FALSE(r.section.empty()) << c.id;
    }
    EXPECT_FALSE(c.title.empty()) << c.id;
    EXPECT_FALSE(c.sends.empty()) << c.id;
    EXPECT_FALSE(c.passes.empty()) << c.id;
    EXPECT_TRUE(static_cast<bool>(c.run)) << c.id << " has no body";
  }
}

TEST(CatalogInvariantsTest, RequirementCarriesTheKeywordOfItsLevel) {
  for (const auto& c : the_catalog().cases()) {
    const auto& t = c.requirement;
    auto has = [&](const char* w) { return t.find(w) != std::string::npos; };
    switch (c.level) {
      case Level::kMust:
        EXPECT_TRUE(has("MUST") || has("REQUIRED") || has("SHALL")) << c.id;
        break;
      case Level::kShould:
        EXPECT_TRUE(has("SHOULD") || has("RECOMMENDED")) << c.id;
        break;
      case Level::kMay:
        EXPECT_TRUE(has("MAY") || has("OPTIONAL")) << c.id;
        break;
      default:
        EXPECT_FALSE(t.empty()) << c.id;
        break;
    }
  }
}

// Every `after` and `follows` entry (an id or a glob) names at least one case.
TEST(CatalogInvariantsTest, PrerequisitesNameExistingCases) {
  for (const auto& c : the_catalog().cases()) {
    for (const auto* list : {&c.after, &c.follows}) {
      for (const auto& entry : *list) {
        const auto pattern = split_after(entry).pattern;  // "<id>#<assertion>" names <id>
        bool named = false;
        for (const auto& d : the_catalog().cases())
          named = named || runner::glob_match(pattern, d.id);
        EXPECT_TRUE(named) << c.id << " names " << pattern << ", which matches no case";
      }
    }
  }
}

// Every fact a case reads is written by a case it runs after (`after` or `follows`), or by the
// case itself (a cache it fills when empty), so that a read never races its write and a fact
// nobody writes (a branch that can never fire) is caught.
TEST(CatalogInvariantsTest, EveryFactReadIsWrittenByACaseBeforeIt) {
  for (const auto& c : the_catalog().cases()) {
    for (const auto& fact : c.reads) {
      bool written = false;
      for (const auto& d : the_catalog().cases()) {
        bool writes_a_need = std::any_of(c.needs_facts.begin(), c.needs_facts.end(), [&](Fact f) {
          return std::find(d.writes.begin(), d.writes.end(), f) != d.writes.end();
        });
        bool after = std::any_of(c.after.begin(), c.after.end(), [&](const auto& a) {
          return runner::glob_match(split_after(a).pattern, d.id);
        });
        bool before = d.id == c.id || after ||
                      runner::glob_match_any(c.follows, d.id) || writes_a_need;
        bool writes = std::find(d.writes.begin(), d.writes.end(), fact) != d.writes.end();
        written = written || (before && writes);
      }
      EXPECT_TRUE(written) << c.id << " reads " << fact.name
                           << ", which no case it runs after writes";
    }
  }
}

TEST(CatalogInvariantsTest, DestructiveCasesAreTheOptInOnes) {
  std::set<std::string> destructive;
  for (const auto& c : the_catalog().cases()) {
    if (c.destructive) destructive.insert(c.id);
  }
  for (const auto& id : destructive) {
    EXPECT_TRUE(id == "security.bruteforce.password" || id == "security.bruteforce.client_secret" ||
                id == "client_auth.secret_in_query")
        << id;
  }
  EXPECT_TRUE(destructive.contains("client_auth.secret_in_query"));
}

// Every fact a case needs (`needs_facts`) has a case that writes it: otherwise the case could
// only ever SKIP.
TEST(CatalogInvariantsTest, EveryNeededFactHasAWriter) {
  for (const auto& c : the_catalog().cases()) {
    for (const auto& fact : c.needs_facts) {
      bool written = false;
      for (const auto& d : the_catalog().cases()) {
        written = written || std::find(d.writes.begin(), d.writes.end(), fact) != d.writes.end();
      }
      EXPECT_TRUE(written) << c.id << " needs " << fact.name << ", which no case writes";
    }
  }
}

// docs/catalog.md's table of needs lists kAllNeeds: a need a case uses must be in it.
TEST(CatalogInvariantsTest, EveryNeedACaseUsesIsListedInTheCatalogDocument) {
  for (const auto& c : the_catalog().cases()) {
    for (auto need : c.needs) {
      EXPECT_NE(std::find(std::begin(kAllNeeds), std::end(kAllNeeds), need), std::end(kAllNeeds))
          << c.id << " needs [" << to_string(need) << "], which kAllNeeds does not list";
    }
  }
}

// Case bodies judge only through named checks (checks/), never by recording a bare boolean:
// every judgement then has a name, a unit test and one wording across the catalog.
TEST(CatalogInvariantsTest, CaseFilesJudgeOnlyThroughNamedChecks) {
  namespace fs = std::filesystem;
  std::regex bare(R"((^|[^\w:])(record|record_or_abort|expect|require)\()");
  std::size_t files = 0;
  for (const auto& entry :
       fs::directory_iterator(fs::path(OCK_TEST_SOURCE_DIR) / "conformance/catalog/cases")) {
    if (entry.path().extension() != ".cc") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      EXPECT_FALSE(std::regex_search(line, bare))
          << entry.path().filename().string() << ":" << n << ": " << line;
    }
  }
  EXPECT_EQ(files, 14u);
}

// One case file per ID prefix, named by it: `explain` and docs/catalog.md send readers to
// conformance/catalog/cases/<area>.cc, and each case's id is written in that file.
TEST(CatalogInvariantsTest, EachCaseLivesInTheFileOfItsIdPrefix) {
  namespace fs = std::filesystem;
  const fs::path root(OCK_TEST_SOURCE_DIR);
  auto read = [](const fs::path& p) {
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  // model/ids.h: the constants some cases use as their id.
  std::map<std::string, std::string> constant_of;
  const std::string ids = read(root / "conformance/model/ids.h");
  std::regex decl(R"re(CaseId (k\w+)\{"([^"]+)"\})re");
  for (auto it = std::sregex_iterator(ids.begin(), ids.end(), decl); it != std::sregex_iterator();
       ++it) {
    constant_of[(*it)[2]] = (*it)[1];
  }
  const fs::path dir = root / "conformance/catalog/cases";
  std::set<std::string> areas, files;
  for (const auto& c : the_catalog().cases()) {
    areas.insert(c.area);
    const std::string text = read(dir / (c.area + ".cc"));
    bool literal = text.find(".id = \"" + c.id + "\"") != std::string::npos;
    bool named = constant_of.contains(c.id) &&
                 text.find(".id = ids::" + constant_of[c.id] + ",") != std::string::npos;
    EXPECT_TRUE(literal || named) << c.id << " is not declared in " << c.area << ".cc";
  }
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".cc") files.insert(entry.path().stem().string());
  }
  EXPECT_EQ(areas, files);
}

}  // namespace
}  // namespace ock::conformance::catalog
