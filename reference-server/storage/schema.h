// SociStore's versioned schema: the migrations of each backend, read from the .sql files under
// storage/schema/<backend>/ that CMake embeds at build time, split into statements. std only:
// no SOCI and no database; applying them is soci_store.cc's job.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reference-server/storage/db_url.h"

namespace ock::server::storage {

struct Migration {
  int version = 0;
  std::vector<std::string> statements;  // in order, without the closing ';'
};

// Every migration of `backend`, oldest first; versions are 1, 2, ... without gaps.
const std::vector<Migration>& migrations(Backend backend);

// The newest schema version this build knows.
int latest_schema_version();

// Splits one migration script into statements: a statement ends with ';' at the end of a line,
// its lines are trimmed and joined with one space, and blank lines and lines starting with "--"
// are skipped. Throws std::logic_error when text follows the last ';'.
std::vector<std::string> split_sql_script(std::string_view script);

}  // namespace ock::server::storage
