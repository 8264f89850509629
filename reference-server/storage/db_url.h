// The database URLs of oauth-refserver's --db flag (`sqlite:PATH`, `sqlite::memory:`,
// `postgresql://user:pass@host:port/dbname?key=value` or `postgresql://<libpq keywords>`),
// resolved to a SOCI backend and connect string, and printed with any password masked.
// Pure string work: no SOCI, no database, no I/O.
#pragma once

#include <string>

namespace ock::server::storage {

enum class Backend { kSqlite, kPostgresql };

// What a database URL resolved to.
struct DbTarget {
  Backend backend = Backend::kSqlite;
  std::string connect;  // the SOCI connect string ("db=... timeout=5" or libpq keywords)
  std::string display;  // the URL as it may appear in a message (password masked)
  bool memory = false;  // sqlite::memory: (a private shared-cache in-memory database)
};

// Resolves `url`. A `postgresql://` or `postgres://` URL is refused when `postgresql_available`
// is false. Throws std::runtime_error with one sentence, `invalid database URL "<masked>": why`,
// that never contains the password.
DbTarget parse_db_url(const std::string& url, bool postgresql_available);

// `url` with any password (URL userinfo, `password=` query parameter or libpq keyword) replaced
// by ***. Never throws.
std::string redact_db_url(const std::string& url);

}  // namespace ock::server::storage
