// Turns a specification reference ({"RFC6749", "5.2"}) into the link and the labels every
// reporter shows, so all outputs point at the same place. Pure string work: no I/O, no JSON,
// nothing beyond conformance/model/run_report.h.
#pragma once

#include <string>

#include "conformance/model/run_report.h"

namespace ock::conformance::report {

// https://www.rfc-editor.org/rfc/rfc6749#section-5.2 for {"RFC6749", "5.2"}; appendix sections
// ("A.1") link to #appendix-A.1, an empty section links to the document. Returns "" when the
// document is not an RFC, so callers render the label without a link.
std::string rfc_url(const SpecRef& ref);

// "RFC 6749 §5.2", "RFC 6749 Appendix A.1", "RFC 6749" without a section; non-RFC documents
// are shown as given.
std::string ref_label(const SpecRef& ref);

// "RFC6749-5.2": the compact key JUnit's `rfc` property carries.
std::string ref_key(const SpecRef& ref);

}  // namespace ock::conformance::report
