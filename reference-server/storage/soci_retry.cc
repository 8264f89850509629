#include "reference-server/storage/soci_retry.h"

#include <soci/sqlite3/soci-sqlite3.h>
#ifdef OCK_HAVE_POSTGRESQL
#include <soci/postgresql/soci-postgresql.h>
#endif

#include <string>

namespace ock::server::storage {

StorageError classify(const soci::soci_error& e) {
  // get_error_message() leaves out SOCI's context, which quotes the bound values (password
  // hashes, token hashes) and must not reach a log.
  std::string message = one_line(e.get_error_message());
  if (const auto* s = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    int code = s->result() & 0xff;
    if (code == 19 && message.find("UNIQUE") != std::string::npos) {
      return {StorageError::Kind::kConflict, message};
    }
    if (code == 5 || code == 6) return {StorageError::Kind::kUnavailable, message};  // BUSY, LOCKED
  }
#ifdef OCK_HAVE_POSTGRESQL
  if (const auto* p = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = p->sqlstate();
    if (state == "23505") return {StorageError::Kind::kConflict, message};
    // No SQLSTATE means libpq itself failed (lost connection); 08 connection, 57P0x shutdown,
    // 40001/40P01 serialization failure and deadlock: all worth a retry by the caller.
    if (state.empty() || state.starts_with("08") || state.starts_with("57P0") ||
        state == "40001" || state == "40P01") {
      return {StorageError::Kind::kUnavailable, message};
    }
  }
#endif
  if (e.get_error_category() == soci::soci_error::connection_error) {
    return {StorageError::Kind::kUnavailable, message};
  }
  return {StorageError::Kind::kOther, message};
}

bool worth_retrying(const soci::soci_error& e) {
#ifdef OCK_HAVE_POSTGRESQL
  if (const auto* p = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    std::string state = p->sqlstate();
    return state == "40P01" || state == "40001";
  }
#else
  (void)e;
#endif
  return false;
}

void rollback_quietly(soci::session& sql) {
  try {
    sql << "ROLLBACK";
  } catch (...) {  // NOLINT(bugprone-empty-catch): the transaction may already be gone
  }
}

StorageError storage_error(const soci::soci_error& e, Lease* lease, bool sqlite) {
  StorageError err = classify(e);
  if (lease != nullptr && err.kind == StorageError::Kind::kUnavailable && !sqlite) {
    // A dropped PostgreSQL connection stays dropped; reconnect now so the next call can work.
    try {
      lease->session().reconnect();
    } catch (...) {  // NOLINT(bugprone-empty-catch): still down; the next call reports it
    }
  }
  return err;
}

}  // namespace ock::server::storage
