// The per-case record of assertions, notes and control flow. Checks (checks.h) write into the
// Recorder installed for the current thread (RecorderScope), the way gtest's EXPECT_* work. The
// exceptions below end a case early; only the runner (and the check tests) catch them.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "conformance/model/case.h"

namespace ock::conformance::engine {

struct Finding {
  std::string id{};  // "status", "error_code#basic"
  bool passed = true;
  std::optional<Level> level{};  // nullopt = the case's level
  std::string expected{};
  std::string actual{};
};

class Recorder {
 public:
  void record(Finding finding);
  void note(std::string text);
  std::vector<Finding> findings() const;
  std::vector<std::string> notes() const;
  // True when no assertion has failed so far.
  bool all_passed() const;

 private:
  mutable std::mutex mu_;
  std::vector<Finding> findings_;
  std::vector<std::string> notes_;
};

// Installs a recorder as the current one of this thread for the scope's lifetime.
class RecorderScope {
 public:
  explicit RecorderScope(Recorder& r);
  ~RecorderScope();
  RecorderScope(const RecorderScope&) = delete;
  RecorderScope& operator=(const RecorderScope&) = delete;

 private:
  Recorder* previous_;
};

// The current recorder of this thread; throws std::logic_error when none is installed.
Recorder& current_recorder();

// Thrown by require_* after the failed assertion was recorded: the case stops here.
struct CaseAborted {
  std::string reason;
};
// Thrown by Probe::skip: the case does not apply (missing feature, no refresh token, ...).
struct CaseSkipped {
  std::string reason;
};
// Thrown by Probe::send on a transport failure and by Probe::error: the run could not
// complete the case (verdict ERROR, never FAIL).
struct CaseError {
  std::string reason;
  bool transport = false;  // a transport failure (counted by the circuit breaker)
};

}  // namespace ock::conformance::engine
