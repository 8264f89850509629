// The catalog: every conformance case, in the order of docs/catalog.md. build_catalog() is the
// one explicit list of case files (no static self-registration: a static library's unreferenced
// objects are dropped by the linker, and their registrars with them).
#pragma once

#include <string_view>
#include <vector>

#include "conformance/model/case.h"

namespace ock::conformance::catalog {

inline constexpr const char* kCatalogVersion = "2026.1";

class Catalog {
 public:
  // Adds a case; the area defaults to the first segment of the id.
  void add(Case c);
  const std::vector<Case>& cases() const { return cases_; }
  // The case with this exact id, or nullptr.
  const Case* find(std::string_view id) const;

 private:
  std::vector<Case> cases_;
};

// The full catalog, every section file listed once.
Catalog build_catalog();

}  // namespace ock::conformance::catalog
