#include "conformance/engine/recorder.h"

#include <stdexcept>
#include <utility>

namespace ock::conformance::engine {
namespace {

thread_local Recorder* t_current = nullptr;

}  // namespace

void Recorder::record(Finding finding) {
  std::lock_guard lock(mu_);
  findings_.push_back(std::move(finding));
}

void Recorder::note(std::string text) {
  std::lock_guard lock(mu_);
  notes_.push_back(std::move(text));
}

std::vector<Finding> Recorder::findings() const {
  std::lock_guard lock(mu_);
  return findings_;
}

std::vector<std::string> Recorder::notes() const {
  std::lock_guard lock(mu_);
  return notes_;
}

bool Recorder::all_passed() const {
  std::lock_guard lock(mu_);
  for (const auto& f : findings_) {
    if (!f.passed) return false;
  }
  return true;
}

RecorderScope::RecorderScope(Recorder& r) : previous_(t_current) { t_current = &r; }
RecorderScope::~RecorderScope() { t_current = previous_; }

Recorder& current_recorder() {
  if (!t_current) throw std::logic_error("a check ran outside a case (no Recorder installed)");
  return *t_current;
}

}  // namespace ock::conformance::engine
