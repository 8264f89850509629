// What the walkthroughs share: numbered step headings (pausing for Enter on a terminal), plain
// lines, skipped steps remembered for the closing summary, and the field-by-field reading of a
// token response. Text only, on the stream given; depends on mask and nlohmann_json.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace ock::client {

class Narrator {
 public:
  // pause: wait for Enter between steps (the caller decides: a terminal and no --no-pause).
  Narrator(std::ostream& out, bool pause, int steps) : out_(out), pause_(pause), steps_(steps) {}

  void step(const std::string& title);
  // Prose only: every secret in it is already masked by the caller.
  void say(const std::string& text) { out_ << text << "\n"; }
  void blank() { out_ << "\n"; }
  void skip(const std::string& why);
  // "== Done ==", then "Every step ran." or the steps skipped and why, then `next`.
  void finish(const std::string& next);

 private:
  std::ostream& out_;
  bool pause_;
  int steps_;
  int step_ = 0;
  std::vector<std::string> skipped_;
};

// The token response, field by field: each standard field (RFC 6749 §5.1) with what it means or
// what its absence means, tokens masked, then any extra field.
void narrate_token_fields(Narrator& n, const nlohmann::json& token, bool no_store);

// A JSON field as text ("" when absent; non-strings dumped).
std::string json_field(const nlohmann::json& object, const char* name);

}  // namespace ock::client
