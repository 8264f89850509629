// docs/catalog.md: the catalog as a document, generated from the cases themselves (`oauth-
// conformance list --format markdown`), so that it cannot drift from the code: how levels become
// verdicts, the configuration each need asks of a profile, an index, then every case with its
// RFC sections, what it sends and what passes. A pure function of the cases; no files.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "conformance/model/case.h"

namespace ock::conformance::report {

std::string catalog_markdown(const std::vector<Case>& cases, std::string_view catalog_version);

}  // namespace ock::conformance::report
