// One function per ID prefix; each adds the cases of its file (catalog/cases/<prefix>.cc) in
// catalog order. catalog.cc calls them all, once each, in the order below.
#pragma once

namespace ock::conformance::catalog {

class Catalog;

void add_disco_cases(Catalog& c);          // disco.*        disco.cc
void add_tls_cases(Catalog& c);            // tls.*          tls.cc
void add_client_auth_cases(Catalog& c);    // client_auth.*  client_auth.cc
void add_password_cases(Catalog& c);       // password.*     password.cc
void add_code_cases(Catalog& c);           // code.*         code.cc
void add_scope_cases(Catalog& c);          // scope.*        scope.cc
void add_token_response_cases(Catalog& c); // token_response.* token_response.cc
void add_refresh_cases(Catalog& c);        // refresh.*      refresh.cc
void add_rs_cases(Catalog& c);             // rs.*           rs.cc
void add_expiry_cases(Catalog& c);         // expiry.*       expiry.cc
void add_revoke_cases(Catalog& c);         // revoke.*       revoke.cc
void add_introspect_cases(Catalog& c);     // introspect.*   introspect.cc
void add_cc_cases(Catalog& c);             // cc.*           cc.cc
void add_security_cases(Catalog& c);       // security.*     security.cc

}  // namespace ock::conformance::catalog
