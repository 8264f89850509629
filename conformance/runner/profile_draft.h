// The first target profile `oauth-conformance init` writes: what the user answered (flags or
// prompts) and what the survey of the target found, merged into the JSON of docs/profile.md,
// checked by the profile parser itself and annotated with what each missing item would unlock
// (the SKIPs `validate` lists, through the same static_skip_reason). No I/O, no curl; secrets
// are only ever written as ${env:NAME} placeholders.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "conformance/catalog/catalog.h"
#include "conformance/model/result.h"

namespace ock::conformance::runner {

// What the target told the survey (target_survey.h). Endpoints are absolute URLs.
struct SurveyFindings {
  std::string metadata_url;  // where RFC 8414 / OIDC metadata was read; "" = none found
  std::string issuer;
  std::map<std::string, std::string> endpoints;  // token, revocation, introspection, authorization
  std::vector<std::string> auth_methods;         // token_endpoint_auth_methods_supported
  std::vector<std::string> grants;               // grant_types_supported
  std::vector<std::string> scopes;               // scopes_supported
  std::vector<std::string> notes;                // how each item was found, for the comment
};

struct ClientAnswer {
  std::string id;
  std::string secret_env;   // "" = the default name (default_secret_env), unless public
  std::string auth_method;  // "" = chosen from the role and the metadata
  std::string redirect_uri;
};

struct UserAnswer {
  std::string username;
  std::string password_env;  // "" = the default name (default_password_env)
};

struct ResourceAnswer {
  std::string name;
  std::string method = "GET";
  std::string path;
  std::string requires_scope;
  std::string json;  // request body as JSON text; "" = none
};

// What the user gave (flags, or prompts on a terminal). Empty = not given.
struct InitAnswers {
  std::string name;
  std::string base_url;
  std::map<std::string, std::string> endpoints;  // overrides what the survey found
  std::map<std::string, ClientAnswer> clients;   // by role
  std::map<std::string, UserAnswer> users;       // by role
  std::optional<std::string> scope_request;
  std::vector<std::string> scopes_supported;  // overrides the metadata's
  std::string scope_denied;
  std::vector<ResourceAnswer> resources;
  std::vector<std::string> grants;                         // overrides the metadata's
  std::vector<std::pair<std::string, std::string>> login;  // form fields, or "command"
  std::vector<std::pair<std::string, int>> timing;         // key, seconds
  bool allow_destructive = false;
  std::string logs_command;
  std::string ca_file;
  bool insecure = false;
};

// The roles the catalog uses (docs/profile.md, "Clients" and "Users"), in the order init asks.
inline constexpr const char* kClientRoles[] = {
    "primary",   "second", "no_password_grant", "special_chars", "short_lived", "post",
    "throwaway", "code",   "code_second",       "public"};
inline constexpr const char* kUserRoles[] = {"primary", "second", "utf8", "victim"};
inline constexpr const char* kEndpointNames[] = {"token", "revocation", "introspection",
                                                 "authorization", "metadata"};

// "ROLE=VALUE" split at the first '='; an error naming the flag when the form is wrong.
Result<std::pair<std::string, std::string>, std::string> split_assignment(std::string_view flag,
                                                                          std::string_view text);
// OCK_CLIENT_<ROLE>_SECRET, OCK_USER_<ROLE>_PASSWORD: the placeholder names used when none is
// given.
std::string default_secret_env(std::string_view role);
std::string default_password_env(std::string_view role);
// True for an environment variable name ([A-Za-z_][A-Za-z0-9_]*).
bool is_env_name(std::string_view name);
// "--base-url" checked: an http:// or https:// URL with a host, no query, fragment, spaces or
// "${"; the trailing '/' removed. The error is one sentence.
Result<std::string, std::string> normalize_base_url(std::string_view url);
// "users=GET:/api/users/" after the split: METHOD:PATH, or a PATH alone (GET).
Result<ResourceAnswer, std::string> parse_resource(const std::string& name,
                                                   const std::string& spec);
// url relative to base_url when it lies under it ("/oauth/token/"), else url unchanged.
std::string relative_to(std::string_view base_url, std::string_view url);

struct Draft {
  std::string text;  // the profile, JSON with a top-level "comment"
  int cases = 0;
  int skipped = 0;
  // Variables the profile reads that the environment must hold before validate or run:
  // name -> the field that reads it ("clients.primary.secret").
  std::vector<std::pair<std::string, std::string>> env_to_set;
};

// The profile for these answers and findings, parsed back with parse_profile (an unknown field
// or a bad value is an error, one sentence naming the field) and its static SKIPs grouped by
// reason into the comment. `today` goes into the comment as the date written.
Result<Draft, std::string> draft_profile(const InitAnswers& answers, const SurveyFindings& found,
                                         const catalog::Catalog& catalog, std::string_view today);

}  // namespace ock::conformance::runner
