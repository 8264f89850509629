#include "reference-server/core/housekeeping.h"

#include <algorithm>
#include <optional>

namespace ock::server {

StoreResult<PurgeCounts> Housekeeper::purge_once() {
  const std::int64_t now = clock_.now();
  PurgeCounts counts;
  std::optional<StorageError> first_error;
  const auto take = [&](StoreResult<int> r, int& into) {
    if (r) {
      into = *r;
    } else if (!first_error) {
      first_error = r.error();
    }
  };
  take(store_.purge_expired(now - retention_s_), counts.tokens);
  take(store_.purge_codes(now - std::max(retention_s_, kCodeReplayWindow)), counts.codes);
  take(store_.purge_sessions(now - retention_s_), counts.sessions);
  if (first_error) return unexpected(*first_error);
  return counts;
}

PeriodicHousekeeping::PeriodicHousekeeping(Housekeeper& housekeeper, Store& store,
                                           std::chrono::milliseconds purge_interval,
                                           std::chrono::milliseconds checkpoint_interval) {
  thread_ = std::thread([this, &housekeeper, &store, purge_interval, checkpoint_interval] {
    using Steady = std::chrono::steady_clock;
    auto next_purge = Steady::now() + purge_interval;
    auto next_checkpoint = Steady::now() + checkpoint_interval;
    std::unique_lock lock(mu_);
    while (!wake_.wait_until(lock, std::min(next_purge, next_checkpoint),
                             [this] { return stopping_; })) {
      lock.unlock();
      const auto now = Steady::now();
      if (now >= next_purge) {
        (void)housekeeper.purge_once();
        next_purge = now + purge_interval;
      }
      if (now >= next_checkpoint) {
        (void)store.checkpoint_journal();
        next_checkpoint = Steady::now() + checkpoint_interval;
      }
      lock.lock();
    }
  });
}

PeriodicHousekeeping::~PeriodicHousekeeping() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace ock::server
