// docs/catalog.md is generated from the code: this test fails when the committed file and
// `oauth-conformance list --format markdown` disagree, and says how to regenerate it.
#include "conformance/report/catalog_doc.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "conformance/catalog/catalog.h"

namespace ock::conformance::catalog {
namespace {

TEST(CatalogDocTest, DocsCatalogMdIsGeneratedFromTheCode) {
  std::ifstream in(std::string(OCK_TEST_SOURCE_DIR) + "/docs/catalog.md");
  ASSERT_TRUE(in) << "docs/catalog.md is missing";
  std::stringstream committed;
  committed << in.rdbuf();
  const auto catalog = build_catalog();
  const std::string generated = report::catalog_markdown(catalog.cases(), kCatalogVersion);
  EXPECT_TRUE(committed.str() == generated)
      << "docs/catalog.md is stale: run `build/bin/oauth-conformance list --format markdown > "
         "docs/catalog.md` and commit the result";
}

TEST(CatalogDocTest, EveryCaseHasItsSection) {
  const auto catalog = build_catalog();
  const std::string doc = report::catalog_markdown(catalog.cases(), kCatalogVersion);
  for (const auto& c : catalog.cases()) {
    EXPECT_NE(doc.find("### `" + c.id + "`"), std::string::npos) << c.id;
  }
}

}  // namespace
}  // namespace ock::conformance::catalog
