#include "conformance/checks/check.h"

#include <utility>

#include "conformance/engine/recorder.h"

namespace ock::conformance::checks {

bool record(const Tag& tag, std::string_view default_id, bool ok, std::string expected,
            std::string actual) {
  engine::current_recorder().record(engine::Finding{
      tag.id.empty() ? std::string(default_id) : tag.id, ok, tag.level, std::move(expected),
      std::move(actual)});
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

Tag with_default(const Tag& tag, std::string id) {
  Tag t = tag;
  if (t.id.empty()) t.id = std::move(id);
  return t;
}

}  // namespace ock::conformance::checks

namespace ock::conformance::checks {

bool expect(bool ok, const Tag& tag, std::string expected, std::string actual) {
  return record(tag, "check", ok, std::move(expected), std::move(actual));
}

void require(bool ok, const Tag& tag, std::string expected, std::string actual) {
  record_or_abort(tag, "check", ok, std::move(expected), std::move(actual));
}

}  // namespace ock::conformance::checks
