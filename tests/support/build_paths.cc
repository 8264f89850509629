#include "tests/support/build_paths.h"

#include <cstdlib>

#ifndef OCK_TEST_SUPPORT_SOURCE_DIR
#define OCK_TEST_SUPPORT_SOURCE_DIR "."
#endif
#ifndef OCK_TEST_SUPPORT_BINARY_DIR
#define OCK_TEST_SUPPORT_BINARY_DIR "."
#endif

namespace ock::test_support {
namespace {

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : std::string(fallback);
}

}  // namespace

std::string source_dir() { return env_or("OCK_SOURCE_DIR", OCK_TEST_SUPPORT_SOURCE_DIR); }
std::string binary_dir() { return env_or("OCK_BINARY_DIR", OCK_TEST_SUPPORT_BINARY_DIR); }
std::string program_path(const std::string& name) { return binary_dir() + "/bin/" + name; }
std::string demo_seed() { return source_dir() + "/fixtures/seed/demo.json"; }

}  // namespace ock::test_support
