#include "conformance/catalog/catalog.h"

#include <utility>

#include "conformance/catalog/cases/cases.h"

namespace ock::conformance::catalog {

void Catalog::add(Case c) {
  if (c.area.empty()) c.area = c.id.substr(0, c.id.find('.'));
  cases_.push_back(std::move(c));
}

const Case* Catalog::find(std::string_view id) const {
  for (const auto& c : cases_) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Catalog build_catalog() {
  Catalog c;
  add_disco_cases(c);
  add_tls_cases(c);
  add_client_auth_cases(c);
  add_password_cases(c);
  add_code_cases(c);
  add_scope_cases(c);
  add_token_response_cases(c);
  add_refresh_cases(c);
  add_rs_cases(c);
  add_expiry_cases(c);
  add_revoke_cases(c);
  add_introspect_cases(c);
  add_cc_cases(c);
  add_security_cases(c);
  return c;
}

}  // namespace ock::conformance::catalog
