// Test support for the check and engine tests: canned exchanges built from a status, headers and
// a body; the findings checks record when run under a fresh Recorder; and token replies to judge.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "conformance/engine/http.h"
#include "conformance/engine/recorder.h"

namespace ock::conformance::test_support {

using engine::Finding;
using engine::Headers;
using engine::HttpExchange;

inline const std::string kToken =
    R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3600,)"
    R"("refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA","scope":"read write"})";
inline const std::string kTokenNoScope =
    R"({"access_token":"2YotnFZFEjr1zCsicMWpAA","token_type":"Bearer","expires_in":3})";

inline HttpExchange canned(int status, std::string body = "",
                           Headers headers = {{"Content-Type", "application/json"}}) {
  HttpExchange x;
  x.response.status = status;
  x.response.headers = std::move(headers);
  x.response.body = std::move(body);
  x.label = "canned";
  return x;
}

// A reply with one WWW-Authenticate header and no body.
inline HttpExchange challenged(int status, std::string value) {
  return canned(status, "", {{"WWW-Authenticate", std::move(value)}});
}

// Runs `body` under a fresh Recorder; returns every finding (pass and fail).
inline std::vector<Finding> findings_of(const std::function<void()>& body) {
  engine::Recorder r;
  engine::RecorderScope scope(r);
  try {
    body();
  } catch (const engine::CaseAborted&) {
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

// The single finding a check recorded.
inline Finding only(const std::vector<Finding>& fs) {
  EXPECT_EQ(fs.size(), 1u);
  return fs.empty() ? Finding{} : fs.front();
}

}  // namespace ock::conformance::test_support
