#include "reference-server/http/request_workers.h"

#include <algorithm>
#include <utility>

namespace ock::server::http {

RequestWorkers::RequestWorkers(int workers, std::size_t max_queued, std::chrono::milliseconds max_wait)
    : max_queued_(std::max<std::size_t>(1, max_queued)), max_wait_(max_wait) {
  const int n = std::max(1, workers);
  threads_.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) threads_.emplace_back([this] { work(); });
}

RequestWorkers::~RequestWorkers() { stop(); }

std::shared_ptr<RequestWorkers::Lane> RequestWorkers::lane() { return std::make_shared<Lane>(); }

bool RequestWorkers::submit(const std::shared_ptr<Lane>& lane, Task task) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queued_ >= max_queued_) return false;
    lane->items.push_back(Item{std::move(task), std::chrono::steady_clock::now()});
    ++queued_;
    if (lane->scheduled) return true;  // its worker, or its place in ready_, takes it in turn
    lane->scheduled = true;
    ready_.push_back(lane);
  }
  ready_cv_.notify_one();
  return true;
}

bool RequestWorkers::idle(const std::shared_ptr<Lane>& lane) {
  std::lock_guard lock(mu_);
  return !lane->scheduled;
}

std::size_t RequestWorkers::queued() {
  std::lock_guard lock(mu_);
  return queued_;
}

void RequestWorkers::stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    for (auto& lane : ready_) {
      queued_ -= lane->items.size();
      lane->items.clear();
      lane->scheduled = false;
    }
    ready_.clear();
  }
  ready_cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void RequestWorkers::work() {
  std::unique_lock lock(mu_);
  for (;;) {
    ready_cv_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
    if (ready_.empty()) return;  // stopping
    std::shared_ptr<Lane> lane = std::move(ready_.front());
    ready_.pop_front();
    // One task, then the lane goes to the back of the queue: a connection with many pipelined
    // requests does not keep a worker from the others.
    Item item = std::move(lane->items.front());
    lane->items.pop_front();
    --queued_;
    const bool late = std::chrono::steady_clock::now() - item.queued_at > max_wait_;
    lock.unlock();
    try {
      item.task(late);
    } catch (...) {
      // A task answers its own client; an escaped exception must not end the worker.
    }
    item.task = nullptr;  // its captures (the reply writer) go now, not under the lock
    lock.lock();
    if (stopping_) {
      queued_ -= lane->items.size();
      lane->items.clear();
    }
    if (lane->items.empty()) {
      lane->scheduled = false;  // only now: a reply on the caller's thread cannot overtake ours
    } else {
      ready_.push_back(std::move(lane));
      ready_cv_.notify_one();
    }
  }
}

}  // namespace ock::server::http
