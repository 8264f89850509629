// The names cases share, as typed constants, each spelled once: the IDs of the cases other cases
// name (in `after`/`follows`), and the keys of the facts cases pass to each other through the
// run's state (an observation such as "grant.password" = "works", or an exchange one case
// publishes for others). A case nobody refers to needs no constant: its id is in its own block.
// Data only, std only; catalog_test checks that every fact read is written by a case before it.
#pragma once

#include <string>
#include <string_view>

namespace ock::conformance {

// A case id as a constant; converts to the std::string a Case holds.
struct CaseId {
  std::string_view value;
  operator std::string() const { return std::string(value); }  // NOLINT: implicit by design
};

// The key of something cases share during a run (RunState).
struct Fact {
  std::string_view name;
  friend bool operator==(Fact, Fact) = default;
};

namespace ids {
inline constexpr CaseId kMetadataReachable{"disco.metadata.reachable"};
inline constexpr CaseId kPasswordSuccess{"password.success.basic"};
inline constexpr CaseId kWrongPassword{"password.error.wrong_password"};
inline constexpr CaseId kRefreshSuccess{"refresh.success"};
inline constexpr CaseId kRsHeaderAccepted{"rs.header.accepted"};
inline constexpr CaseId kRevokeRefreshToken{"revoke.refresh_token"};
inline constexpr CaseId kIntrospectActive{"introspect.active"};
inline constexpr CaseId kIntrospectUnknownInactive{"introspect.unknown_inactive"};
inline constexpr CaseId kCcSuccess{"cc.success"};
inline constexpr CaseId kCodeSuccess{"code.success"};
inline constexpr CaseId kEntropyAccessToken{"security.entropy.access_token"};
inline constexpr CaseId kEntropyRefreshToken{"security.entropy.refresh_token"};
}  // namespace ids

namespace facts {
// Observations: "works" or "fails" / "rejected".
inline constexpr Fact kGrantPassword{"grant.password"};
inline constexpr Fact kGrantRefreshToken{"grant.refresh_token"};
inline constexpr Fact kGrantClientCredentials{"grant.client_credentials"};
inline constexpr Fact kAuthClientSecretBasic{"auth.client_secret_basic"};
inline constexpr Fact kAuthClientSecretPost{"auth.client_secret_post"};
inline constexpr Fact kEndpointToken{"endpoint.token"};
inline constexpr Fact kEndpointRevocation{"endpoint.revocation"};
inline constexpr Fact kEndpointIntrospection{"endpoint.introspection"};
inline constexpr Fact kIntrospectIssuedAt{"introspect.active.issued_at_unix"};
// Published exchanges.
inline constexpr Fact kMetadata{"disco.metadata"};
inline constexpr Fact kPasswordReply{"password.success.basic"};
inline constexpr Fact kWrongPasswordReply{"password.error.wrong_password"};
inline constexpr Fact kRefreshReply{"refresh.success"};
inline constexpr Fact kCcReply{"cc.success"};
inline constexpr Fact kCodeReply{"code.success"};
inline constexpr Fact kGrantCode{"grant.authorization_code"};
inline constexpr Fact kIntrospectActiveReply{"introspect.active"};
inline constexpr Fact kIntrospectActiveGrant{"introspect.active#grant"};
inline constexpr Fact kIntrospectUnknownReply{"introspect.unknown_inactive"};
inline constexpr Fact kIntrospectRevokedReply{"revoke.refresh_token#introspection"};
inline constexpr Fact kIntrospectExpiredReply{"expiry.introspection_inactive_after"};
inline constexpr Fact kEntropySamples{"security.entropy"};  // indexed 1..20
// The successful token replies of the run, each with its kind (password, refresh, cc).
inline constexpr Fact kTokenReplies{"token_replies"};
}  // namespace facts

}  // namespace ock::conformance
