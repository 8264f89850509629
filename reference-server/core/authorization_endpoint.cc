#include "reference-server/core/authorization_endpoint.h"

#include "reference-server/core/authorization_pages.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/oauth_reply.h"
#include "reference-server/core/oauth_request.h"

namespace ock::server {
namespace {

const std::string& client_label(const Client& client) {
  return client.name.empty() ? client.client_id : client.name;
}

ApiReply unavailable_page() { return error_page(500, "The server could not process the request."); }

ApiReply forged_form_page() {
  return error_page(400,
                    "The form has expired or did not come from this server. Start again "
                    "from the application you came from.");
}

ApiReply refusal_reply(const ApiRequest& req, const AuthorizationRefusal& refusal,
                       const std::string& iss) {
  if (refusal.to_page) return error_page(refusal.status, refusal.message);
  return error_redirect(redirect_status(req.method), refusal.redirect_uri, refusal.error,
                        refusal.state, iss);
}

}  // namespace

AuthorizationEndpoint::AuthorizationEndpoint(Store& store, OAuthService& oauth)
    : store_(store),
      oauth_(oauth),
      sessions_(store, oauth.clock(), oauth.config().session_idle_ttl) {}

ApiReply AuthorizationEndpoint::handle(const ApiRequest& req) {
  const bool post = req.method == "POST";
  if (!post && req.method != "GET" && req.method != "HEAD") {
    return method_not_allowed_reply("GET, POST");
  }
  const std::string iss = oauth_.issuer(req);
  auto ar = parse_authorization_request(store_, req.query);
  if (!ar) return refusal_reply(req, ar.error(), iss);
  ApiReply reply;
  if (post) {
    reply = on_post(req, *ar, iss);
  } else if (auto session = sessions_.current(req); !session) {
    reply = unavailable_page();
  } else {
    reply = *session ? signed_in(req, *ar, **session, iss) : login_form(req, *ar, "", "");
  }
  reply.client_id = ar->client.client_id;
  return reply;
}

ApiReply AuthorizationEndpoint::on_post(const ApiRequest& req, const AuthorizationRequest& ar,
                                        const std::string& iss) {
  auto form = parse_post_form(req, true);
  if (!form) return error_page(400, "The form could not be read.");
  if (form_get(*form, "decision")) return on_consent(req, ar, *form, iss);
  if (form_get(*form, "username") || form_get(*form, "password")) {
    return on_login(req, ar, *form, iss);
  }
  return error_page(400, "The form could not be read.");
}

ApiReply AuthorizationEndpoint::on_login(const ApiRequest& req, const AuthorizationRequest& ar,
                                         const FormParams& form, const std::string& iss) {
  if (!csrf_token_matches(CsrfPurpose::kLogin, cookie_value(req.cookie.value_or(""), kLoginCookie),
                          form_get(form, "csrf_token"))) {
    return forged_form_page();
  }
  const std::string username = form_get(form, "username").value_or("");
  auto user = oauth_.user_login().check(username, form_get(form, "password").value_or(""));
  if (!user) {
    switch (user.error().why) {
      case LoginRefused::Why::kStorage:
        return unavailable_page();
      case LoginRefused::Why::kLocked:
        return login_form(req, ar, username,
                          "Too many failed sign-ins for this username. Try again in " +
                              std::to_string(user.error().retry_after) + " seconds.");
      case LoginRefused::Why::kWrongCredentials:
        break;
    }
    return login_form(req, ar, username, "Wrong username or password.");
  }
  auto session = sessions_.start(req, user->id);
  if (!session) return unavailable_page();
  ApiReply reply = signed_in(req, ar, *session, iss);
  reply.add_header("Set-Cookie", set_cookie_value(kSessionCookie, session->cookie, req.tls));
  return reply;
}

ApiReply AuthorizationEndpoint::on_consent(const ApiRequest& req, const AuthorizationRequest& ar,
                                           const FormParams& form, const std::string& iss) {
  auto session = sessions_.current(req);
  if (!session) return unavailable_page();
  if (!*session || !csrf_token_matches(CsrfPurpose::kSession, (*session)->cookie,
                                       form_get(form, "csrf_token"))) {
    return forged_form_page();
  }
  const std::string decision = form_get(form, "decision").value_or("");
  if (decision == "allow") return issue_code(req, ar, (*session)->record.user_id, iss);
  if (decision == "deny") {
    return error_redirect(redirect_status(req.method), ar.redirect_uri,
                          oauth_error(ErrorCode::kAccessDenied, "the user denied the request"),
                          ar.state, iss);
  }
  return error_page(400, "The form could not be read.");
}

ApiReply AuthorizationEndpoint::signed_in(const ApiRequest& req, const AuthorizationRequest& ar,
                                          const ActiveSession& session, const std::string& iss) {
  if (ar.client.first_party) return issue_code(req, ar, session.record.user_id, iss);
  auto known = store_.list_scopes();
  if (!known) return unavailable_page();
  std::vector<Scope> asked;
  for (const auto& s : *known) {
    if (ar.scope.count(s.name)) asked.push_back(s);
  }
  return consent_page(form_action(req.query), csrf_token(CsrfPurpose::kSession, session.cookie),
                      client_label(ar.client), asked);
}

ApiReply AuthorizationEndpoint::login_form(const ApiRequest& req, const AuthorizationRequest& ar,
                                           const std::string& username,
                                           const std::string& message) {
  // The login form is bound to a pre-session cookie; an existing one is kept, so that two
  // open forms both stay valid.
  auto pre = cookie_value(req.cookie.value_or(""), kLoginCookie);
  const bool fresh = !pre || !is_cookie_token(*pre);
  const std::string cookie = fresh ? random_token() : *pre;
  ApiReply reply = login_page(form_action(req.query), csrf_token(CsrfPurpose::kLogin, cookie),
                              client_label(ar.client), username, message);
  if (fresh) reply.add_header("Set-Cookie", set_cookie_value(kLoginCookie, cookie, req.tls));
  return reply;
}

ApiReply AuthorizationEndpoint::issue_code(const ApiRequest& req, const AuthorizationRequest& ar,
                                           std::int64_t user_id,
                                           const std::string& iss) {
  const std::int64_t now = oauth_.clock().now();
  const std::string code = random_token();
  AuthorizationCode record{sha256_hex(code),
                           ar.client.client_id,
                           user_id,
                           join_scope(ar.scope),
                           ar.redirect_uri_param,
                           ar.code_challenge,
                           now,
                           now + oauth_.config().code_ttl,
                           random_token(16),
                           false};
  if (!store_.save_code(record)) {
    return error_redirect(redirect_status(req.method), ar.redirect_uri, oauth_error(ErrorCode::kServerError, ""), ar.state, iss);
  }
  return code_redirect(redirect_status(req.method), ar.redirect_uri, code, ar.state, iss);
}

}  // namespace ock::server
