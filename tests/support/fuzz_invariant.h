// What a libFuzzer target (*/fuzz/) calls when a property of a parser's output does not hold:
// it names the property on stderr and aborts, which libFuzzer reports as a crash and keeps the
// input. Header-only, std only; protocol-free, so every program's fuzz targets may use it.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace ock::fuzz {

// Aborts with "fuzz invariant violated: <what>" unless `holds`.
inline void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  std::abort();
}

}  // namespace ock::fuzz
