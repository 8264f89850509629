// The WAL-frame VFS (storage/sqlite_vfs.h) holds a transaction's frames back and writes them at
// once, before SQLite publishes them. This test reads through a second SociStore on the same
// file (its own connections, as another server process would have) right after each write, so
// a frame held back and never written, or written in the wrong place, would show as a missing
// or wrong token; and it checks the file with SQLite's own integrity check and a cold reopen.
// Transactions of every size: a few frames, and far more than the VFS holds at once.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <vector>

#include "reference-server/storage/soci_store.h"
#include "tests/support/temp_dir.h"

namespace ock::server::storage {
namespace {

TokenRecord token(int i, int batch) {
  TokenRecord t;
  t.hash = "h-" + std::to_string(batch) + "-" + std::to_string(i);
  t.kind = i % 2 == 0 ? TokenKind::kAccess : TokenKind::kRefresh;
  t.client_id = "app";
  t.user_id = batch;
  t.scope = "read write " + std::string(static_cast<std::size_t>(i % 50), 'x');
  t.issued_at = 1700000000 + batch;
  t.expires_at = 1700003600 + i;
  t.family = "fam-" + std::to_string(batch);
  return t;
}

void expect_found(SociStore& store, const TokenRecord& want) {
  auto got = store.find_token(want.hash);
  ASSERT_TRUE(got.has_value()) << want.hash;
  ASSERT_TRUE(got->has_value()) << want.hash << " not visible to the other store";
  EXPECT_EQ((*got)->scope, want.scope);
  EXPECT_EQ((*got)->expires_at, want.expires_at);
  EXPECT_EQ((*got)->family, want.family);
}

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  std::string out = "cannot open";
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

TEST(SqliteWalFramesTest, EveryCommitIsReadableAtOnceThroughOtherConnections) {
  ock::test_support::TempDir dir;
  const std::string path = dir.file("frames.db");
  auto writer = SociStore::open("sqlite:" + path, 2);
  auto reader = SociStore::open("sqlite:" + path, 2);
  std::vector<TokenRecord> all;
  // Small transactions (the token endpoint's), then one far past the 1 MiB the VFS holds at
  // most (about 4,000 frames' worth of rows), then small ones again.
  for (int batch = 0; batch < 400; ++batch) {
    const int n = batch == 200 ? 20000 : 1 + batch % 3;
    std::vector<TokenRecord> records;
    for (int i = 0; i < n; ++i) records.push_back(token(i, batch));
    auto saved = writer->save_tokens(records);
    ASSERT_TRUE(saved.has_value()) << "batch " << batch << ": " << saved.error().message;
    expect_found(*reader, records.front());
    expect_found(*reader, records.back());
    if (HasFatalFailure()) return;
    all.push_back(records.back());
  }
  // And changes to rows already in the WAL, read by a store that has cached none of them (a
  // store serves what it read for up to a second: storage/token_cache.h).
  auto late_reader = SociStore::open("sqlite:" + path, 2);
  for (int batch = 0; batch < 400; batch += 7) {
    const int revoked = writer->revoke_family("fam-" + std::to_string(batch)).value_or(0);
    ASSERT_EQ(revoked, batch == 200 ? 20000 : 1 + batch % 3) << "batch " << batch;
    auto got = late_reader->find_token(all[static_cast<std::size_t>(batch)].hash);
    ASSERT_TRUE(got.has_value() && got->has_value());
    EXPECT_TRUE((*got)->revoked) << "batch " << batch;
  }
  writer.reset();
  reader.reset();
  late_reader.reset();
  EXPECT_EQ(integrity(path), "ok");
  auto cold = SociStore::open("sqlite:" + path, 1);
  for (const TokenRecord& t : all) expect_found(*cold, t);
}

}  // namespace
}  // namespace ock::server::storage
