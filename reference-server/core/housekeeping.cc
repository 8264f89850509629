#include "reference-server/core/housekeeping.h"

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
  take(store_.purge_expired(now), counts.tokens);
  take(store_.purge_codes(now - kCodeReplayWindow), counts.codes);
  take(store_.purge_sessions(now), counts.sessions);
  if (first_error) return unexpected(*first_error);
  return counts;
}

PeriodicHousekeeping::PeriodicHousekeeping(Housekeeper& housekeeper,
                                           std::chrono::milliseconds interval) {
  thread_ = std::thread([this, &housekeeper, interval] {
    std::unique_lock lock(mu_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      (void)housekeeper.purge_once();
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
