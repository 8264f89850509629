// Fresh temporary folders for tests, under $TMPDIR (or /tmp): one made on demand, or one owned
// by a TempDir that removes it with everything in it. std and POSIX only.
#pragma once

#include <string>

namespace ock::test_support {

// Creates $TMPDIR/<prefix>-XXXXXX and returns its path; throws std::runtime_error on failure.
std::string make_temp_dir(const std::string& prefix = "ock-test");

class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "ock-test") : path_(make_temp_dir(prefix)) {}
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace ock::test_support
