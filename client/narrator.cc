#include "client/narrator.h"

#include <iostream>

#include "client/mask.h"

namespace ock::client {

void Narrator::step(const std::string& title) {
  if (step_ > 0 && pause_) {
    out_ << "(press Enter for the next step)" << std::flush;
    std::string ignored;
    std::getline(std::cin, ignored);
  }
  ++step_;
  out_ << "\n== Step " << step_ << " of " << steps_ << ": " << title << " ==\n\n";
}

void Narrator::skip(const std::string& why) {
  say("Skipped: " + why);
  skipped_.push_back(why);
}

void Narrator::finish(const std::string& next) {
  out_ << "\n== Done ==\n\n";
  if (skipped_.empty()) {
    say("Every step ran.");
  } else {
    say("The flow ran; " + std::to_string(skipped_.size()) + " step(s) were skipped:");
    for (const auto& why : skipped_) say("  - " + why);
  }
  say(next);
}

std::string json_field(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

void narrate_token_fields(Narrator& n, const nlohmann::json& token, bool no_store) {
  struct Field {
    const char* name;
    const char* what;
    const char* absent;
  };
  static const Field kFields[] = {
      {"access_token",
       "the credential the API accepts; opaque to the client, which only passes it on "
       "(RFC 6749 §1.4, §5.1).",
       "REQUIRED, yet missing (RFC 6749 §5.1)."},
      {"token_type",
       "how to present the token. \"Bearer\" means: whoever holds it may use it, sent as "
       "Authorization: Bearer <token> (RFC 6750 §1.1, §2.1); compare it case-insensitively.",
       "REQUIRED, yet missing (RFC 6749 §5.1)."},
      {"expires_in",
       "seconds the access token lives. The client notes the time and refreshes before it "
       "ends (RFC 6749 §5.1, RECOMMENDED).",
       "not sent: the client cannot know when the token expires (RFC 6749 §5.1 recommends it)."},
      {"refresh_token",
       "a longer-lived credential that buys a new access token without asking the user again "
       "(RFC 6749 §1.5, §6). Keep it as secret as a password.",
       "not sent: this server or client does not use refresh tokens, so the refresh step is "
       "skipped (RFC 6749 §1.5 makes them optional)."},
      {"scope",
       "what the token may do (RFC 6749 §3.3). The server may grant less than was asked, and "
       "must say so here when it does.",
       "not sent: the granted scope is the one asked for (RFC 6749 §5.1)."},
  };
  for (const auto& f : kFields) {
    const bool present = token.contains(f.name);
    std::string value = present ? json_field(token, f.name) : "";
    const std::string name = f.name;
    if (present && (name == "access_token" || name == "refresh_token")) value = mask_secret(value);
    n.say("  " + name + (present ? " = " + value : " (absent)"));
    n.say("      " + std::string(present ? f.what : f.absent));
  }
  if (no_store) {
    n.say("  (header) Cache-Control: no-store");
    n.say("      tokens must not be kept by caches on the way; RFC 6749 §5.1 requires this header.");
  }
  for (const auto& [name, value] : token.items()) {
    bool standard = false;
    for (const auto& f : kFields) standard = standard || name == f.name;
    if (standard) continue;
    n.say("  " + name + " = " +
          (value.is_string() ? mask_secret(value.get<std::string>()) : value.dump()));
    n.say("      an extra field; RFC 6749 §5.1 lets servers add their own, and clients ignore "
          "what they do not know.");
  }
}

}  // namespace ock::client
