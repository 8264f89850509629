// A flood of password grants with random usernames (each costs one PBKDF2 at the server's
// default 600,000 iterations) must not stall the cheap requests: /healthz and a bearer check stay
// fast, because the grants wait for the request workers and not on the reactor threads that read
// everyone's requests. The bound asserted is loose (the slow path took 1.4-2.2 s per /healthz);
// bench/ measures the p99.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "reference-server/tests/e2e/e2e_support.h"

namespace ock::server::e2e {
namespace {

class HashFloodTest : public ServerTest {};

TEST_F(HashFloodTest, HealthAndBearerChecksStayFastUnderRandomUsernameGrants) {
  RefServerOptions o;
  o.pbkdf2_iterations = std::nullopt;  // the default: 600,000
  ASSERT_TRUE(start_server(o));
  // A token first, while the server is quiet.
  auto tokens = password_grant(server_, kAlice, kAlicePassword);
  ASSERT_TRUE(is_token_success(tokens));
  const std::string access = json_of(tokens)["access_token"].get<std::string>();

  std::atomic<bool> stop{false};
  std::atomic<int> grants{0};
  std::vector<std::thread> flood;
  for (int i = 0; i < 16; ++i) {
    flood.emplace_back([&, i] {
      for (int n = 0; !stop; ++n) {
        password_grant(server_, "nobody-" + std::to_string(i) + "-" + std::to_string(n), "guess");
        grants.fetch_add(1);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // every reactor has grants now

  std::vector<double> health_ms;
  std::vector<double> bearer_ms;
  for (int i = 0; i < 20; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    auto health = test_support::get(server_.url("/healthz"));
    auto t1 = std::chrono::steady_clock::now();
    auto users = list_users(server_, access);
    auto t2 = std::chrono::steady_clock::now();
    EXPECT_EQ(health.status, 200) << health.describe();
    EXPECT_EQ(users.status, 200) << users.describe();
    health_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    bearer_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
  }
  stop = true;
  for (auto& t : flood) t.join();

  std::sort(health_ms.begin(), health_ms.end());
  std::sort(bearer_ms.begin(), bearer_ms.end());
  EXPECT_GT(grants.load(), 0);
  EXPECT_LT(health_ms[10], 250.0) << "median /healthz under the flood";
  EXPECT_LT(health_ms.back(), 1000.0) << "slowest /healthz under the flood";
  EXPECT_LT(bearer_ms[10], 250.0) << "median bearer check under the flood";
  EXPECT_LT(bearer_ms.back(), 1000.0) << "slowest bearer check under the flood";
}

}  // namespace
}  // namespace ock::server::e2e
