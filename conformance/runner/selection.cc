#include "conformance/runner/selection.h"

#include "conformance/runner/glob.h"

namespace ock::conformance::runner {

std::vector<const Case*> select_cases(const catalog::Catalog& catalog,
                                      const std::vector<std::string>& only,
                                      const std::vector<std::string>& skip) {
  std::vector<const Case*> out;
  for (const auto& c : catalog.cases()) {
    if (!only.empty() && !glob_match_any(only, c.id)) continue;
    if (glob_match_any(skip, c.id)) continue;
    out.push_back(&c);
  }
  return out;
}

std::optional<std::string> static_skip_reason(const Case& c, const engine::Profile& profile) {
  for (auto need : c.needs) {
    if (auto why = profile.missing(need)) return why;
  }
  if (c.destructive && !profile.allow_destructive) {
    return "destructive case: the profile does not set allow_destructive: true";
  }
  return std::nullopt;
}

}  // namespace ock::conformance::runner
