#include "conformance/report/spec_links.h"

#include <gtest/gtest.h>

namespace ock::conformance::report {
namespace {

TEST(SpecLinksTest, RfcUrlPointsAtTheSection) {
  EXPECT_EQ(rfc_url({"RFC6749", "5.2"}), "https://www.rfc-editor.org/rfc/rfc6749#section-5.2");
  EXPECT_EQ(rfc_url({"RFC 9700", "2.2.2"}), "https://www.rfc-editor.org/rfc/rfc9700#section-2.2.2");
  EXPECT_EQ(rfc_url({"rfc7009", "2"}), "https://www.rfc-editor.org/rfc/rfc7009#section-2");
  EXPECT_EQ(rfc_url({"RFC6749", "A.1"}), "https://www.rfc-editor.org/rfc/rfc6749#appendix-A.1");
  EXPECT_EQ(rfc_url({"RFC6749", ""}), "https://www.rfc-editor.org/rfc/rfc6749");
  EXPECT_EQ(rfc_url({"RFC6749", "5.2\"><x"}), "https://www.rfc-editor.org/rfc/rfc6749");
}

TEST(SpecLinksTest, NonRfcDocumentsHaveNoUrl) {
  EXPECT_EQ(rfc_url({"OIDC-Core", "3.1"}), "");
  EXPECT_EQ(rfc_url({"RFC", "1"}), "");
  EXPECT_EQ(rfc_url({"RFC67a9", "1"}), "");
}

TEST(SpecLinksTest, LabelsAndKeys) {
  EXPECT_EQ(ref_label({"RFC6749", "5.2"}), "RFC 6749 \u00a75.2");
  EXPECT_EQ(ref_label({"RFC6749", ""}), "RFC 6749");
  EXPECT_EQ(ref_label({"RFC6749", "A.1"}), "RFC 6749 Appendix A.1");
  EXPECT_EQ(ref_label({"OIDC-Core", "3.1"}), "OIDC-Core \u00a73.1");
  EXPECT_EQ(ref_key({"RFC6749", "5.2"}), "RFC6749-5.2");
  EXPECT_EQ(ref_key({"RFC 6750", "3"}), "RFC6750-3");
}

}  // namespace
}  // namespace ock::conformance::report
