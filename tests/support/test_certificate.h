// A throwaway TLS certificate for tests: a self-signed RSA certificate for localhost and
// 127.0.0.1, valid for a day, made with the openssl command. Nothing of the programs; needs the
// openssl binary on PATH (ci/install-deps installs it).
#pragma once

#include <string>

namespace ock::test_support {

// Writes the certificate to `cert_path` and its private key to `key_path`. Returns "" on success,
// otherwise what went wrong (the command's exit status and its stderr).
std::string make_self_signed_certificate(const std::string& cert_path, const std::string& key_path);

}  // namespace ock::test_support
