// The stores' list conventions, shared by MemoryStore and SociStore: a user's groups are kept
// sorted and without repeats, and a client's grants and scopes are stored as one
// space-separated string. std only.
#pragma once

#include <string>
#include <vector>

namespace ock::server::storage {

// `names` sorted bytewise, each once.
std::vector<std::string> sorted_unique(std::vector<std::string> names);

// "a b c" from {"a", "b", "c"}, and back (runs of whitespace separate words).
std::string join_words(const std::vector<std::string>& items);
std::vector<std::string> split_words(const std::string& text);

}  // namespace ock::server::storage
