#include "reference-server/storage/schema.h"

#include <stdexcept>

#include "reference-server/storage/schema_sql.h"

namespace ock::server::storage {
namespace {

std::string_view trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r";
  auto first = s.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kSpace) - first + 1);
}

std::vector<Migration> load(Backend backend) {
  std::vector<Migration> out;
  for (const auto& m : embedded::kMigrationSql) {
    if (m.version != static_cast<int>(out.size()) + 1) {
      throw std::logic_error("schema migrations must be numbered 1, 2, ... without gaps");
    }
    out.push_back({m.version,
                   split_sql_script(backend == Backend::kSqlite ? m.sqlite3 : m.postgresql)});
  }
  return out;
}

}  // namespace

std::vector<std::string> split_sql_script(std::string_view script) {
  std::vector<std::string> statements;
  std::string current;
  while (!script.empty()) {
    auto newline = script.find('\n');
    std::string_view line = trim(script.substr(0, newline));
    script = newline == std::string_view::npos ? std::string_view() : script.substr(newline + 1);
    if (line.empty() || line.starts_with("--")) continue;
    if (!current.empty()) current += ' ';
    current += line;
    if (current.back() == ';') {
      current.pop_back();
      statements.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) throw std::logic_error("a schema statement does not end with ';'");
  return statements;
}

const std::vector<Migration>& migrations(Backend backend) {
  static const std::vector<Migration> kSqlite = load(Backend::kSqlite);
  static const std::vector<Migration> kPostgresql = load(Backend::kPostgresql);
  return backend == Backend::kSqlite ? kSqlite : kPostgresql;
}

int latest_schema_version() { return static_cast<int>(migrations(Backend::kSqlite).size()); }

}  // namespace ock::server::storage
