// Checks on URLs the target uses or advertises: https (RFC 6749 §3.2, §10.9; RFC 8414 §2), no
// fragment (RFC 6749 §3.1, §3.2), no query or fragment in an issuer (RFC 8414 §2). No I/O.
#pragma once

#include <string_view>

#include "conformance/checks/check.h"

namespace ock::conformance::checks {

// The URL's scheme is https.                                  default id "https"
bool expect_https_url(std::string_view url, const Tag& tag = {});
// The URL has no fragment.                                    default id "no_fragment"
bool expect_no_fragment(std::string_view url, const Tag& tag = {});
// The URL has neither a query nor a fragment.                 default id "no_query"
bool expect_no_query_or_fragment(std::string_view url, const Tag& tag = {});

}  // namespace ock::conformance::checks
