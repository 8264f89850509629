#include "conformance/checks/check.h"

#include <utility>

#include "conformance/engine/recorder.h"

namespace ock::conformance::checks {

bool record(const Tag& tag, std::string_view default_id, bool ok, std::string expected,
            std::string actual) {
  engine::current_recorder().record(
      engine::Finding{tag.id.empty() ? std::string(default_id) : tag.id, ok, tag.level,
                      std::move(expected), std::move(actual)});
  return ok;
}

void record_or_abort(const Tag& tag, std::string_view default_id, bool ok, std::string expected,
                     std::string actual) {
  std::string reason = (tag.id.empty() ? std::string(default_id) : tag.id) + ": expected " +
                       expected + ", got " + actual;
  if (!record(tag, default_id, ok, std::move(expected), std::move(actual))) {
    throw engine::CaseAborted{std::move(reason)};
  }
}

}  // namespace ock::conformance::checks
