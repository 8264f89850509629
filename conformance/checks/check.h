// What every named check shares: the Tag that names an assertion (and its level when it differs
// from the case's), and record(), which writes one assertion into the Recorder of the running
// case. For the implementations in checks/ only: case bodies call named checks (expect_* /
// require_*), never record() (catalog_test greps the case files for it). No I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "conformance/model/case.h"

namespace ock::conformance::checks {

// Names an assertion and, when it differs from the case's, its level:
//   expect_error_code(x, "invalid_request", {.id = "error_code#no_password", .level =
//   Level::kShould});
// An empty id means the check's default id ("status", "error_code", ...).
struct Tag {
  std::string id{};
  std::optional<Level> level{};
};

// Records one assertion (id: tag.id, else default_id) into the current Recorder; returns ok.
bool record(const Tag& tag, std::string_view default_id, bool ok, std::string expected,
            std::string actual);
// Same; when !ok the case then stops (CaseAborted carries "id: expected E, got A").
void record_or_abort(const Tag& tag, std::string_view default_id, bool ok, std::string expected,
                     std::string actual);

}  // namespace ock::conformance::checks
