#include "conformance/checks/url.h"

#include <string>

#include "conformance/engine/url.h"

namespace ock::conformance::checks {

bool expect_https_url(std::string_view url, const Tag& tag) {
  return record(tag, "https", engine::is_https(url), "an https URL", std::string(url));
}

bool expect_no_fragment(std::string_view url, const Tag& tag) {
  return record(tag, "no_fragment", url.find('#') == std::string_view::npos, "no fragment",
                std::string(url));
}

bool expect_no_query_or_fragment(std::string_view url, const Tag& tag) {
  return record(tag, "no_query", url.find_first_of("?#") == std::string_view::npos,
                "no query or fragment", std::string(url));
}

}  // namespace ock::conformance::checks
