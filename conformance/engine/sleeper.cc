#include "conformance/engine/sleeper.h"

#include <thread>

namespace ock::conformance::engine {

TimePoint RealSleeper::now() const { return SteadyClock::now(); }

std::int64_t RealSleeper::unix_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void RealSleeper::sleep_until(TimePoint deadline) { std::this_thread::sleep_until(deadline); }

}  // namespace ock::conformance::engine
