// Canned exchanges and a finding collector for the check tests: build an HttpExchange from a
// status, headers and body, run checks under a Recorder and return what they recorded.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "conformance/catalog/checks.h"
#include "conformance/catalog/recorder.h"
#include "conformance/catalog/transport.h"

namespace ock::conformance::catalog::testing {

inline HttpExchange canned(int status, std::string body = "",
                           Headers headers = {{"Content-Type", "application/json"}}) {
  HttpExchange x;
  x.response.status = status;
  x.response.headers = std::move(headers);
  x.response.body = std::move(body);
  return x;
}

// Runs `body` under a fresh Recorder; returns every finding (pass and fail).
inline std::vector<Finding> findings_of(const std::function<void()>& body) {
  Recorder r;
  RecorderScope scope(r);
  try {
    body();
  } catch (const CaseAborted&) {
  }
  return r.findings();
}

// True when exactly one finding was recorded and it passed.
inline bool passed(const std::function<void()>& body) {
  auto f = findings_of(body);
  return f.size() == 1 && f[0].passed;
}

// True when exactly one finding was recorded and it failed.
inline bool failed(const std::function<void()>& body) {
  auto f = findings_of(body);
  return f.size() == 1 && !f[0].passed;
}

}  // namespace ock::conformance::catalog::testing
