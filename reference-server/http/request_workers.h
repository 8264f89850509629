// RequestWorkers: a bounded pool of threads for the requests that can block (password hashing,
// token writes), so that Pistache's reactor threads, each of which serves many connections, go on
// answering health checks and bearer checks while a flood of slow requests waits here. Work is
// queued per connection (a Lane) and runs in order within it, so HTTP/1.1 replies on one
// connection keep their order. std only: no Pistache, nothing of core.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace ock::server::http {

class RequestWorkers {
 public:
  // A task learns whether it waited past `max_wait` (then it should answer "busy" at once
  // rather than do the work: its client has waited long enough).
  using Task = std::function<void(bool late)>;

  // The queue of one connection. Create one per connection with lane().
  class Lane;

  // `workers` threads (≥ 1); at most `max_queued` tasks wait at once over all lanes.
  RequestWorkers(int workers, std::size_t max_queued, std::chrono::milliseconds max_wait);
  ~RequestWorkers();  // stop()
  RequestWorkers(const RequestWorkers&) = delete;
  RequestWorkers& operator=(const RequestWorkers&) = delete;

  std::shared_ptr<Lane> lane();

  // Queues `task` behind the lane's earlier tasks. False (and the task dropped, not run) when
  // max_queued tasks already wait or the pool is stopped.
  bool submit(const std::shared_ptr<Lane>& lane, Task task);
  // True when the lane has no task waiting or running: a request of that connection may then be
  // answered on the caller's thread without overtaking an earlier one.
  bool idle(const std::shared_ptr<Lane>& lane);

  // Lets running tasks finish, drops the waiting ones, joins the threads. Idempotent.
  void stop();

  // Tasks waiting now (not counting running ones).
  std::size_t queued();

 private:
  struct Item {
    Task task;
    std::chrono::steady_clock::time_point queued_at;
  };
  void work();

  std::size_t max_queued_;
  std::chrono::milliseconds max_wait_;
  std::mutex mu_;
  std::condition_variable ready_cv_;
  std::deque<std::shared_ptr<Lane>> ready_;  // lanes with a task and no worker on them
  std::size_t queued_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

class RequestWorkers::Lane {
 private:
  friend class RequestWorkers;
  std::deque<Item> items;  // guarded by the pool's mutex
  bool scheduled = false;  // in ready_ or held by a worker
};

}  // namespace ock::server::http
