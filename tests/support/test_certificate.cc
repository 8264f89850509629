#include "tests/support/test_certificate.h"

#include <chrono>

#include "tests/support/child_process.h"

namespace ock::test_support {

std::string make_self_signed_certificate(const std::string& cert_path, const std::string& key_path) {
  auto made = run_command({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=localhost", "-addext",
                           "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key_path,
                           "-out", cert_path},
                          std::chrono::seconds(60));
  if (made.status.exited && made.status.code == 0) return "";
  return "openssl req failed: " + made.status.describe() + ": " + made.err;
}

}  // namespace ock::test_support
