// Which cases a run executes: the --only/--skip globs over the catalog, and the reason a
// selected case cannot run with this profile before anything is sent (a missing need, or a
// destructive case without allow_destructive). Used by `run` and by `validate`. No I/O.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "conformance/catalog/catalog.h"
#include "conformance/engine/profile.h"

namespace ock::conformance::runner {

// The selected cases in catalog order: matching an --only glob (or all), matching no --skip glob.
std::vector<const Case*> select_cases(const catalog::Catalog& catalog,
                                      const std::vector<std::string>& only,
                                      const std::vector<std::string>& skip);
// Why the case SKIPs with this profile before it runs, or nullopt when it can run.
std::optional<std::string> static_skip_reason(const Case& c, const engine::Profile& profile);

}  // namespace ock::conformance::runner
