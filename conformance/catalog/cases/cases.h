// One function per catalog area; each adds its cases in catalog.md order. catalog.cc calls them
// all, in area order A..M. Files: disco_tls.cc (A), client_auth.cc (B), password_success.cc (C),
// password_errors.cc (D), scope.cc (E), token_response.cc (F), refresh.cc (G),
// bearer_usage.cc (H), expiry.cc (I), revocation.cc (J), introspection.cc (K),
// client_credentials.cc (L), security.cc (M).
#pragma once

namespace ock::conformance::catalog {

class Catalog;

void add_disco_tls_cases(Catalog& c);           // A: disco.*, tls.*
void add_client_auth_cases(Catalog& c);         // B: client_auth.*
void add_password_success_cases(Catalog& c);    // C: password.success.*
void add_password_error_cases(Catalog& c);      // D: password.error.*
void add_scope_cases(Catalog& c);               // E: scope.*
void add_token_response_cases(Catalog& c);      // F: token_response.*
void add_refresh_cases(Catalog& c);             // G: refresh.*
void add_bearer_usage_cases(Catalog& c);        // H: rs.*
void add_expiry_cases(Catalog& c);              // I: expiry.*
void add_revocation_cases(Catalog& c);          // J: revoke.*
void add_introspection_cases(Catalog& c);       // K: introspect.*
void add_client_credentials_cases(Catalog& c);  // L: cc.*
void add_security_cases(Catalog& c);            // M: security.*

}  // namespace ock::conformance::catalog
