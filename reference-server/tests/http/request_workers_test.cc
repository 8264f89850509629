// RequestWorkers, the pool that takes requests with a body off the reactor threads: tasks of
// one lane run in order and never two at once, lanes run side by side, the queue is bounded, a
// task that waited too long is told so, and stop() drops what waits but lets running work end.
#include "reference-server/http/request_workers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

namespace ock::server::http {
namespace {

using namespace std::chrono_literals;

// A gate a task waits at until the test opens it (or 10 s pass, so a failing test cannot hang).
class Gate {
 public:
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool wait() {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, 10s, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

TEST(RequestWorkers, TasksOfOneLaneRunInOrderOneAtATime) {
  RequestWorkers pool(4, 1000, 10s);
  auto lane = pool.lane();
  std::mutex mu;
  std::vector<int> order;
  std::atomic<int> running{0};
  std::atomic<int> overlap{0};
  std::promise<void> done;
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(pool.submit(lane, [&, i](bool) {
      if (running.fetch_add(1) != 0) overlap.fetch_add(1);
      std::this_thread::sleep_for(std::chrono::microseconds(i % 7 * 50));
      {
        std::lock_guard lock(mu);
        order.push_back(i);
      }
      running.fetch_sub(1);
      if (i == 199) done.set_value();
    }));
  }
  ASSERT_EQ(done.get_future().wait_for(20s), std::future_status::ready);
  EXPECT_EQ(overlap.load(), 0);
  std::lock_guard lock(mu);
  ASSERT_EQ(order.size(), 200u);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(RequestWorkers, LanesRunSideBySide) {
  RequestWorkers pool(2, 10, 10s);
  auto a = pool.lane();
  auto b = pool.lane();
  Gate gate;
  std::promise<void> a_started, b_started;
  ASSERT_TRUE(pool.submit(a, [&](bool) { a_started.set_value(); gate.wait(); }));
  ASSERT_TRUE(pool.submit(b, [&](bool) { b_started.set_value(); gate.wait(); }));
  // Both start although neither has finished: two lanes, two workers.
  EXPECT_EQ(a_started.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_EQ(b_started.get_future().wait_for(5s), std::future_status::ready);
  gate.open();
}

TEST(RequestWorkers, LaneIsIdleOnlyWhenNothingWaitsOrRuns) {
  RequestWorkers pool(1, 10, 10s);
  auto lane = pool.lane();
  EXPECT_TRUE(pool.idle(lane));
  Gate gate;
  std::promise<void> finished;
  ASSERT_TRUE(pool.submit(lane, [&](bool) { gate.wait(); }));
  ASSERT_TRUE(pool.submit(lane, [&](bool) { finished.set_value(); }));
  EXPECT_FALSE(pool.idle(lane));
  gate.open();
  ASSERT_EQ(finished.get_future().wait_for(5s), std::future_status::ready);
  // The lane turns idle right after its last task returns.
  for (int i = 0; i < 500 && !pool.idle(lane); ++i) std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(pool.idle(lane));
}

TEST(RequestWorkers, QueueIsBounded) {
  RequestWorkers pool(1, 3, 10s);
  Gate gate;
  std::promise<void> started;
  ASSERT_TRUE(pool.submit(pool.lane(), [&](bool) { started.set_value(); gate.wait(); }));
  ASSERT_EQ(started.get_future().wait_for(5s), std::future_status::ready);
  std::atomic<int> ran{0};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(pool.submit(pool.lane(), [&](bool) { ran.fetch_add(1); }));
  EXPECT_EQ(pool.queued(), 3u);
  EXPECT_FALSE(pool.submit(pool.lane(), [&](bool) { ran.fetch_add(100); }));
  gate.open();
  for (int i = 0; i < 500 && ran.load() < 3; ++i) std::this_thread::sleep_for(1ms);
  pool.stop();
  EXPECT_EQ(ran.load(), 3);
}

TEST(RequestWorkers, ATaskThatWaitedTooLongIsToldSo) {
  RequestWorkers pool(1, 10, 50ms);
  Gate gate;
  std::promise<bool> first, second;
  ASSERT_TRUE(pool.submit(pool.lane(), [&](bool late) {
    first.set_value(late);
    gate.wait();
  }));
  ASSERT_TRUE(pool.submit(pool.lane(), [&](bool late) { second.set_value(late); }));
  std::this_thread::sleep_for(150ms);
  gate.open();
  auto f = first.get_future();
  auto s = second.get_future();
  ASSERT_EQ(s.wait_for(5s), std::future_status::ready);
  EXPECT_FALSE(f.get());
  EXPECT_TRUE(s.get());
}

TEST(RequestWorkers, StopLetsRunningWorkEndAndDropsTheRest) {
  RequestWorkers pool(1, 10, 10s);
  Gate gate;
  std::promise<void> started;
  std::atomic<bool> first_done{false};
  std::atomic<int> dropped_ran{0};
  ASSERT_TRUE(pool.submit(pool.lane(), [&](bool) {
    started.set_value();
    gate.wait();
    first_done = true;
  }));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(pool.submit(pool.lane(), [&](bool) { dropped_ran.fetch_add(1); }));
  ASSERT_EQ(started.get_future().wait_for(5s), std::future_status::ready);
  std::thread opener([&] {
    std::this_thread::sleep_for(100ms);
    gate.open();
  });
  pool.stop();
  opener.join();
  EXPECT_TRUE(first_done.load());
  EXPECT_EQ(dropped_ran.load(), 0);
  EXPECT_EQ(pool.queued(), 0u);
  EXPECT_FALSE(pool.submit(pool.lane(), [](bool) {}));
}

}  // namespace
}  // namespace ock::server::http
