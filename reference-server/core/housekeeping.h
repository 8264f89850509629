// Bounded storage for a server that runs for days: expired tokens, authorization codes and
// login sessions are deleted, once on demand or periodically on a thread of its own, and the
// store's write-ahead journal is checkpointed off the request path. std + core only: no HTTP,
// no SQL.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "reference-server/core/clock.h"
#include "reference-server/core/store.h"

namespace ock::server {

// How long a code is kept after it expired: a replay within this window is still recognized
// and revokes what the code issued (RFC 6749 §4.1.2); afterwards it is merely unknown.
inline constexpr std::int64_t kCodeReplayWindow = 3600;

struct PurgeCounts {
  int tokens = 0, codes = 0, sessions = 0;
};

class Housekeeper {
 public:
  // `retention_s`: how many seconds expired tokens and sessions are kept (for an operator who
  // wants to look at them); codes are kept at least kCodeReplayWindow.
  Housekeeper(Store& store, const Clock& clock, std::int64_t retention_s = 0)
      : store_(store), clock_(clock), retention_s_(retention_s) {}

  // Deletes tokens and sessions that expired more than the retention ago, and codes that
  // expired more than max(retention, kCodeReplayWindow) seconds ago. The first store error is
  // returned (the rest still run).
  StoreResult<PurgeCounts> purge_once();

 private:
  Store& store_;
  const Clock& clock_;
  std::int64_t retention_s_;
};

// Calls housekeeper.purge_once() every `purge_interval` and store.checkpoint_journal() every
// `checkpoint_interval` (errors are left for the next round) until destroyed; the destructor
// stops and joins the thread without waiting out an interval. 50 ms: a token load can add
// 16 MiB to the SQLite WAL in 200 ms, and past 16 MiB the checkpoint holds writers back, where
// below it a passive one does not (SociStore::checkpoint_journal); an idle store costs a stat()
// per round.
class PeriodicHousekeeping {
 public:
  PeriodicHousekeeping(Housekeeper& housekeeper, Store& store,
                       std::chrono::milliseconds purge_interval,
                       std::chrono::milliseconds checkpoint_interval =
                           std::chrono::milliseconds(50));
  ~PeriodicHousekeeping();
  PeriodicHousekeeping(const PeriodicHousekeeping&) = delete;
  PeriodicHousekeeping& operator=(const PeriodicHousekeeping&) = delete;

 private:
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ock::server
