// A conformance case: one requirement at one level, as data plus a short body.
// Cases are declared with designated initialisers in catalog/cases/<prefix>.cc and listed in
// catalog/catalog.cc. Data only: std and run_report.h (SpecRef); the body talks to the target
// through engine::Probe, which is only declared here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/model/ids.h"
#include "conformance/model/run_report.h"

namespace ock::conformance {

namespace engine {
class Probe;
}

// The requirement level an assertion hangs on and how it degrades a verdict (docs/catalog.md):
//   kMust      FAIL                      kShould  WARN (FAIL in strict)
//   kMay       PASS with a note          kTolerance  server tolerance: WARN (FAIL in strict)
//   kBcp       WARN (FAIL in bcp)        kAdvice  WARN in every mode
// kNotice: an observation that only the bcp mode holds against the target (PASS with a note
// under rfc and strict, WARN under bcp), e.g. RFC 9700's advice against the password grant.
enum class Level { kMust, kShould, kMay, kTolerance, kBcp, kAdvice, kNotice };

// "MUST", "SHOULD", "MAY", "TOLERANCE", "BCP", "ADVICE", "NOTICE".
const char* to_string(Level level);
// Every level, and below every need, in declaration order (for documents and tests).
inline constexpr Level kAllLevels[] = {Level::kMust,      Level::kShould, Level::kMay,
                                       Level::kTolerance, Level::kBcp,    Level::kAdvice,
                                       Level::kNotice};

// Optional target configuration a case needs (docs/catalog.md, "What a case needs"; docs/profile.md
// maps each one onto a profile item). A case whose need is missing from the profile is SKIPped with
// the tag and the profile item named in the reason.
enum class Need {
  kRs,         // [RS] a protected resource without requires_scope (or the first one)
  kRsScope,    // [RS-SCOPE] a resource with requires_scope
  kDenyScope,  // [DENY-SCOPE] scopes.denied
  kC2,         // [C2] clients.second
  kNopw,       // [NOPW] clients.no_password_grant
  kSpc,        // [SPC] clients.special_chars
  kPost,       // [POST] a client with auth_method client_secret_post
  kUtf8,       // [UTF8] users.utf8
  kShort,      // [SHORT] clients.short_lived (or a short-lived primary; the case checks)
  kGrace,      // [GRACE] timing.refresh_grace_s (always present: default 0)
  kPub,        // [PUB] clients.public
  kIntro,      // [INTRO] endpoints.introspection
  kRevoke,     // [REVOKE] endpoints.revocation
  kVictim,     // [VICTIM] users.victim + allow_destructive
  kThrowaway,  // [THROWAWAY] clients.throwaway + allow_destructive
  kLogs,       // [LOGS] logs_command
  kTestssl,    // [TESTSSL] testssl.sh on PATH
  kIssuer,     // issuer or endpoints.metadata (discovery cases)
  kUser2,      // a second resource owner (users.victim or users.utf8) for cross-user checks
  kPasswordGrant,    // [PASSWORD] the target offers the password grant, and users.primary
  kCodeGrant,        // [CODE] the authorization code grant: endpoints.authorization, a login
                     //   recipe, users.primary and clients.primary.redirect_uri
  kNoPasswordGrant,  // [NO-PASSWORD] the target says it does not offer the password grant
  kCcGrant,          // [CC] the target offers the client_credentials grant
};

inline constexpr Need kAllNeeds[] = {Need::kRs,      Need::kRsScope, Need::kDenyScope, Need::kC2,
                                     Need::kNopw,    Need::kSpc,     Need::kPost,      Need::kUtf8,
                                     Need::kShort,   Need::kGrace,   Need::kPub,       Need::kIntro,
                                     Need::kRevoke,  Need::kVictim,  Need::kThrowaway, Need::kLogs,
                                     Need::kTestssl, Need::kIssuer,  Need::kUser2,
                                     Need::kPasswordGrant, Need::kCodeGrant,
                                     Need::kNoPasswordGrant, Need::kCcGrant};

// An `after` entry split at its first '#': the case id or glob, and the assertion the dependant
// needs from it ("" when the whole verdict counts). Case ids never hold '#'.
struct AfterEntry {
  std::string_view pattern;
  std::string_view assertion;
};
AfterEntry split_after(std::string_view entry);

// "RS", "RS-SCOPE", ... as written in the catalog's Cfg column.
const char* to_string(Need need);
// The profile item that provides the need ("clients.special_chars"), for the catalog document.
const char* profile_item(Need need);
// What a failed assertion of this level does to the verdict, in words, for the catalog document.
const char* level_meaning(Level level);

struct Case {
  std::string id{};           // "password.error.wrong_password", stable, as in docs/catalog.md
  std::string area{};         // "password": the first segment of the id
  std::string title{};        // what the runner does, one line
  std::string requirement{};  // the quoted RFC sentence; contains MUST/SHOULD/MAY for those levels
  std::vector<SpecRef> refs{};
  Level level = Level::kMust;
  std::vector<Need> needs{};
  // Hard prerequisites (ids or globs): the case runs after them and is SKIPped with
  // "prerequisite <id> failed" unless each one ended PASS or WARN. An entry "<id>#<assertion>"
  // names what the case needs from it: that assertion passed, whatever else the prerequisite
  // judged (a secondary FAIL there must not hide this case's findings; split_after).
  std::vector<std::string> after{};
  // Ordering only (ids or globs): the case runs after them, whatever their verdict; used by
  // cases that read what other cases observed (token_response.* on every token reply,
  // disco.metadata.capabilities_match on what each grant and method did, ...).
  std::vector<std::string> follows{};
  // The facts the case reads from and writes to the run's state (model/ids.h). The Probe refuses
  // any other (an internal error), and catalog_test checks that every fact read is written by a
  // case named in `after` or `follows`.
  std::vector<Fact> reads{};
  std::vector<Fact> writes{};
  // Facts of which at least one must be established (written by some case) for this case to
  // run: it runs after every case that writes one, and SKIPs, naming them, when none did. The
  // case may read them. This is what a case needs from the others, whatever their verdicts
  // (a prerequisite that FAILed on a secondary assertion still established what it publishes).
  std::vector<Fact> needs_facts{};
  // Locks a user or client, or leaks a secret into logs (security.bruteforce.*,
  // client_auth.secret_in_query); needs allow_destructive. Runs from a source address of its
  // own beside the other cases, or last and alone (runner/scheduler.h, DestructivePolicy).
  bool destructive = false;
  bool time_delayed =
      false;             // sleeps until a deadline (expiry, grace); scheduled on its own thread
  std::string sends{};   // for `explain`: what goes over the wire
  std::string passes{};  // for `explain`: the passing observation and what degrades it
  std::function<void(engine::Probe&)> run{};
};

}  // namespace ock::conformance
