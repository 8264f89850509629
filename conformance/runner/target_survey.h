// What `oauth-conformance init` learns from a target before it writes a profile: RFC 8414
// metadata (then OpenID Connect discovery) where it exists, else the usual endpoint paths probed
// with an empty POST and recognised by an RFC 6749 §5.2 error reply. Every byte the target sends
// is hostile: JSON through parse_untrusted_json, values kept only when they are short, printable
// and free of "${" (the profile would expand it). Talks through the Transport port only; no curl.
#pragma once

#include <map>
#include <string>

#include "conformance/engine/transport.h"
#include "conformance/model/result.h"
#include "conformance/runner/profile_draft.h"

namespace ock::conformance::runner {

struct SurveyOptions {
  std::string base_url;                      // normalized (normalize_base_url)
  std::map<std::string, std::string> given;  // endpoints the user gave: not probed
};

// The findings, or one sentence saying why init cannot go on: the target cannot be reached, a
// metadata URL answers 200 with something that is not a JSON object (an HTML page), or no token
// endpoint is found and none was given.
Result<SurveyFindings, std::string> survey_target(engine::Transport& transport,
                                                  const SurveyOptions& options);

// The candidate paths probed when there is no metadata, in order (token first, then the
// siblings of the token path found, then the usual paths).
std::vector<std::string> token_path_candidates();
std::vector<std::string> sibling_candidates(std::string_view endpoint, std::string_view token_path);

// Whether an empty-form POST's reply shows an OAuth endpoint: the token endpoint answers with an
// RFC 6749 §5.2 error object (400 or 401); revocation and introspection may instead refuse the
// unauthenticated call with a 401/403 that is not an HTML page.
bool looks_like_token_endpoint(const engine::HttpResponse& r);
bool looks_like_protected_endpoint(const engine::HttpResponse& r);
// A GET without parameters at an authorization endpoint: a redirect (to a login page) or a 400/401.
bool looks_like_authorization_endpoint(const engine::HttpResponse& r);

}  // namespace ock::conformance::runner
