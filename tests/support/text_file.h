// Whole-file reads and writes for tests: server logs, port files, seed files written on the fly.
// std only; no knowledge of what the files hold.
#pragma once

#include <string>

namespace ock::test_support {

// The file's bytes; "" when it cannot be read.
std::string read_file(const std::string& path);
// Replaces the file's content; throws std::runtime_error when it cannot be written.
void write_file(const std::string& path, const std::string& content);

}  // namespace ock::test_support
