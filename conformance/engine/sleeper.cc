#include "conformance/engine/sleeper.h"

#include <algorithm>
#include <ctime>
#include <thread>

namespace ock::conformance::engine {

std::string utc_now(const char* format) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

TimePoint RealSleeper::now() const { return SteadyClock::now(); }

std::int64_t RealSleeper::unix_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void RealSleeper::sleep_until(TimePoint deadline) {
  if (stop_ == nullptr) {
    std::this_thread::sleep_until(deadline);
    return;
  }
  constexpr auto kSlice = std::chrono::milliseconds(100);
  while (!*stop_ && SteadyClock::now() < deadline) {
    std::this_thread::sleep_until(std::min(deadline, SteadyClock::now() + kSlice));
  }
}

}  // namespace ock::conformance::engine
