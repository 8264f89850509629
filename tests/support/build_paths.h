// Where a test finds the repository and the build: OCK_SOURCE_DIR and OCK_BINARY_DIR (set by
// ctest and ci/test), falling back to the folders CMake compiled into ock_test_support. Shared
// by the tests of every program; std only, nothing of the programs themselves.
#pragma once

#include <string>

namespace ock::test_support {

std::string source_dir();
std::string binary_dir();
// binary_dir() + "/bin/" + name: where every program of the kit is built.
std::string program_path(const std::string& name);
// fixtures/seed/demo.json of the repository.
std::string demo_seed();

}  // namespace ock::test_support
