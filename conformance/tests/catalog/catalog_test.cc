// Catalog invariants (style.md W3): ids unique and well-formed, every id of catalog.md present,
// every case has a reference, a body and the RFC 2119 keyword of its level.
#include "conformance/catalog/catalog.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace ock::conformance::catalog {
namespace {

const Catalog& the_catalog() {
  static const Catalog c = build_catalog();
  return c;
}

// The case ids of catalog.md §2, read from ../shared/docs/catalog.md next to the repository.
std::set<std::string> documented_ids() {
  const char* src = std::getenv("OCK_SOURCE_DIR");
  if (!src) return {};
  std::ifstream in(std::string(src) + "/../shared/docs/catalog.md");
  if (!in) return {};
  std::set<std::string> ids;
  std::regex row(R"(^\| [A-M][0-9]+ \| `([a-z0-9_.]+)` \|)");
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, row)) ids.insert(m[1]);
  }
  return ids;
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

TEST(CatalogInvariantsTest, EveryCatalogMdIdIsImplemented) {
  auto documented = documented_ids();
  ASSERT_EQ(documented.size(), 97u) << "cannot read OCK_SOURCE_DIR/../shared/docs/catalog.md";
  std::set<std::string> implemented;
  for (const auto& c : the_catalog().cases()) implemented.insert(c.id);
  for (const auto& id : documented) EXPECT_TRUE(implemented.contains(id)) << "missing " << id;
  for (const auto& id : implemented) EXPECT_TRUE(documented.contains(id)) << "not in catalog.md " << id;
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

TEST(CatalogInvariantsTest, PrerequisitesNameExistingCases) {
  for (const auto& c : the_catalog().cases()) {
    for (const auto& a : c.after) {
      if (a.find('*') != std::string::npos) continue;
      EXPECT_NE(the_catalog().find(a), nullptr) << c.id << " after " << a;
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

}  // namespace
}  // namespace ock::conformance::catalog
