#include "conformance/model/case.h"

namespace ock::conformance {

const char* to_string(Level level) {
  switch (level) {
    case Level::kMust: return "MUST";
    case Level::kShould: return "SHOULD";
    case Level::kMay: return "MAY";
    case Level::kTolerance: return "TOLERANCE";
    case Level::kBcp: return "BCP";
    case Level::kAdvice: return "ADVICE";
    case Level::kNotice: return "NOTICE";
  }
  return "MUST";
}

const char* to_string(Need need) {
  switch (need) {
    case Need::kRs: return "RS";
    case Need::kRsScope: return "RS-SCOPE";
    case Need::kDenyScope: return "DENY-SCOPE";
    case Need::kC2: return "C2";
    case Need::kNopw: return "NOPW";
    case Need::kSpc: return "SPC";
    case Need::kPost: return "POST";
    case Need::kUtf8: return "UTF8";
    case Need::kShort: return "SHORT";
    case Need::kGrace: return "GRACE";
    case Need::kPub: return "PUB";
    case Need::kIntro: return "INTRO";
    case Need::kRevoke: return "REVOKE";
    case Need::kVictim: return "VICTIM";
    case Need::kThrowaway: return "THROWAWAY";
    case Need::kLogs: return "LOGS";
    case Need::kTestssl: return "TESTSSL";
    case Need::kIssuer: return "ISSUER";
    case Need::kUser2: return "USER2";
  }
  return "?";
}

}  // namespace ock::conformance
