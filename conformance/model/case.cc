#include "conformance/model/case.h"

namespace ock::conformance {

const char* to_string(Level level) {
  switch (level) {
    case Level::kMust:
      return "MUST";
    case Level::kShould:
      return "SHOULD";
    case Level::kMay:
      return "MAY";
    case Level::kTolerance:
      return "TOLERANCE";
    case Level::kBcp:
      return "BCP";
    case Level::kAdvice:
      return "ADVICE";
    case Level::kNotice:
      return "NOTICE";
  }
  return "MUST";
}

const char* to_string(Need need) {
  switch (need) {
    case Need::kRs:
      return "RS";
    case Need::kRsScope:
      return "RS-SCOPE";
    case Need::kDenyScope:
      return "DENY-SCOPE";
    case Need::kC2:
      return "C2";
    case Need::kNopw:
      return "NOPW";
    case Need::kSpc:
      return "SPC";
    case Need::kPost:
      return "POST";
    case Need::kUtf8:
      return "UTF8";
    case Need::kShort:
      return "SHORT";
    case Need::kGrace:
      return "GRACE";
    case Need::kPub:
      return "PUB";
    case Need::kIntro:
      return "INTRO";
    case Need::kRevoke:
      return "REVOKE";
    case Need::kVictim:
      return "VICTIM";
    case Need::kThrowaway:
      return "THROWAWAY";
    case Need::kLogs:
      return "LOGS";
    case Need::kTestssl:
      return "TESTSSL";
    case Need::kIssuer:
      return "ISSUER";
    case Need::kUser2:
      return "USER2";
    case Need::kPasswordGrant:
      return "PASSWORD";
    case Need::kCodeGrant:
      return "CODE";
    case Need::kNoPasswordGrant:
      return "NO-PASSWORD";
    case Need::kCcGrant:
      return "CC";
  }
  return "?";
}

const char* profile_item(Need need) {
  switch (need) {
    case Need::kRs:
      return "an entry of resources without requires_scope (or the first entry)";
    case Need::kRsScope:
      return "an entry of resources with requires_scope";
    case Need::kDenyScope:
      return "scopes.denied";
    case Need::kC2:
      return "clients.second";
    case Need::kNopw:
      return "clients.no_password_grant";
    case Need::kSpc:
      return "clients.special_chars";
    case Need::kPost:
      return "a client_secret_post client (clients.post, or primary itself)";
    case Need::kUtf8:
      return "users.utf8";
    case Need::kShort:
      return "clients.short_lived, or primary when its tokens live at most "
             "timing.max_wait_s";
    case Need::kGrace:
      return "timing.refresh_grace_s (default 0)";
    case Need::kPub:
      return "clients.public (an id, no secret)";
    case Need::kIntro:
      return "endpoints.introspection";
    case Need::kRevoke:
      return "endpoints.revocation";
    case Need::kVictim:
      return "users.victim and allow_destructive: true";
    case Need::kThrowaway:
      return "clients.throwaway and allow_destructive: true";
    case Need::kLogs:
      return "logs_command (prints the target's log for the run)";
    case Need::kTestssl:
      return "testssl.sh on PATH";
    case Need::kIssuer:
      return "issuer, or endpoints.metadata";
    case Need::kUser2:
      return "a second user (users.second, users.victim or users.utf8)";
    case Need::kPasswordGrant:
      return "\"password\" in grants (or in the metadata's grant_types_supported), and "
             "users.primary";
    case Need::kCodeGrant:
      return "\"authorization_code\" in grants (or the metadata), endpoints.authorization, a "
             "login recipe, users.primary and clients.primary.redirect_uri";
    case Need::kNoPasswordGrant:
      return "grants (or the metadata's grant_types_supported) without \"password\"";
    case Need::kCcGrant:
      return "\"client_credentials\" in grants (or in the metadata's grant_types_supported)";
  }
  return "?";
}

const char* level_meaning(Level level) {
  switch (level) {
    case Level::kMust:
      return "FAIL";
    case Level::kShould:
      return "WARN; FAIL under --mode strict";
    case Level::kMay:
      return "PASS with a note (optional behaviour absent)";
    case Level::kTolerance:
      return "WARN; FAIL under --mode strict (the server accepts what the RFC forbids the client)";
    case Level::kBcp:
      return "WARN; FAIL under --mode bcp (RFC 9700 / RFC 6819 advice)";
    case Level::kAdvice:
      return "WARN in every mode (what a black box can only suggest)";
    case Level::kNotice:
      return "PASS with a note; WARN under --mode bcp";
  }
  return "FAIL";
}

AfterEntry split_after(std::string_view entry) {
  auto hash = entry.find('#');
  if (hash == std::string_view::npos) return {entry, {}};
  return {entry.substr(0, hash), entry.substr(hash + 1)};
}

}  // namespace ock::conformance
