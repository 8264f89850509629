#include "conformance/engine/probe.h"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <thread>
#include <utility>

#include "conformance/engine/grants.h"
#include "conformance/engine/token_reply.h"
#include "conformance/engine/url.h"

namespace ock::conformance::engine {
namespace {

std::string random_string(std::size_t n, std::string_view alphabet) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(alphabet[pick(rng)]);
  return out;
}

bool is_token_endpoint(const Profile& p, const HttpRequest& r) {
  return !p.token_url.empty() && r.url.rfind(p.token_url, 0) == 0;
}

}  // namespace

Probe::Probe(const Case& current, const Profile& profile, Transport& transport, Sleeper& sleeper,
             RunState& shared, Recorder& recorder)
    : case_(current),
      profile_(profile),
      transport_(transport),
      sleeper_(sleeper),
      shared_(shared),
      recorder_(recorder) {}

const ClientCreds& Probe::client(std::string_view role) {
  const auto* c = profile_.client(role);
  if (!c) skip("needs clients." + std::string(role) + ", which is not in the profile");
  return *c;
}

const UserCreds& Probe::user(std::string_view role) {
  const auto* u = profile_.user(role);
  if (!u) skip("needs users." + std::string(role) + ", which is not in the profile");
  return *u;
}

const ClientCreds& Probe::post_client() {
  const auto* c = profile_.post_client();
  if (!c) skip(*profile_.missing(Need::kPost));
  return *c;
}

const Resource& Probe::rs() {
  const auto* r = profile_.rs();
  if (!r) skip(*profile_.missing(Need::kRs));
  return *r;
}

const Resource& Probe::rs_scoped() {
  const auto* r = profile_.rs_scoped();
  if (!r) skip(*profile_.missing(Need::kRsScope));
  return *r;
}

std::string Probe::canary() {
  std::string c = "ock-canary-" + random_string(20, "0123456789abcdef");
  shared_.add_secret(c);
  return c;
}

void Probe::add_redacted(std::string value) { shared_.add_redacted(std::move(value)); }

std::string Probe::random_token(std::size_t n) {
  return random_string(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");
}

HttpRequest Probe::token_request(const Form& form, const ClientCreds& client,
                                 AuthMethod how) const {
  HttpRequest r;
  r.method = "POST";
  r.url = profile_.token_url;
  r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
  r.headers.push_back({"Accept", "application/json"});
  Form body = form;
  switch (how) {
    case AuthMethod::kBasic:
      r.headers.push_back(
          {"Authorization", basic_authorization(client.id, client.secret.value_or(""))});
      break;
    case AuthMethod::kPost:
      body.add("client_id", client.id);
      if (client.secret) body.add("client_secret", *client.secret);
      break;
    case AuthMethod::kNone:
      break;
  }
  r.body = body.encode();
  return r;
}

HttpRequest Probe::token_request(const Form& form, const ClientCreds& client) const {
  if (!client.secret) {
    Form body = form;
    body.add("client_id", client.id);
    return token_request(body, client, AuthMethod::kNone);
  }
  return token_request(form, client, client.auth_method);
}

Form Probe::password_form(const UserCreds& user, std::optional<std::string> scope) const {
  Form f{{"grant_type", "password"}, {"username", user.username}, {"password", user.password}};
  std::string s = scope.value_or(profile_.scope_request);
  if (!s.empty()) f.add("scope", s);
  return f;
}

HttpRequest Probe::password_grant(std::string_view user_role, std::string_view client_role) {
  return token_request(password_form(user(user_role)), client(client_role));
}

HttpRequest Probe::refresh_grant(std::string_view refresh_token, std::string_view client_role,
                                 std::optional<std::string> scope) {
  Form f{{"grant_type", "refresh_token"}, {"refresh_token", std::string(refresh_token)}};
  if (scope && !scope->empty()) f.add("scope", *scope);
  return token_request(f, client(client_role));
}

HttpRequest Probe::client_credentials_grant(std::string_view client_role,
                                            std::optional<std::string> scope) {
  Form f{{"grant_type", "client_credentials"}};
  std::string s = scope.value_or(profile_.scope_request);
  if (!s.empty()) f.add("scope", s);
  return token_request(f, client(client_role));
}

HttpRequest Probe::revoke(std::string_view token, std::optional<std::string> hint,
                          std::string_view client_role) {
  if (profile_.revocation_url.empty()) skip(*profile_.missing(Need::kRevoke));
  Form f{{"token", std::string(token)}};
  if (hint) f.add("token_type_hint", *hint);
  HttpRequest r = token_request(f, client(client_role));
  r.url = profile_.revocation_url;
  return r;
}

HttpRequest Probe::introspect(std::string_view token, std::optional<std::string> hint,
                              std::string_view client_role) {
  if (profile_.introspection_url.empty()) skip(*profile_.missing(Need::kIntro));
  Form f{{"token", std::string(token)}};
  if (hint) f.add("token_type_hint", *hint);
  HttpRequest r = token_request(f, client(client_role));
  r.url = profile_.introspection_url;
  return r;
}

HttpRequest Probe::resource_call(const Resource& resource, std::optional<std::string> token,
                                 BearerIn where) const {
  HttpRequest r;
  r.method = resource.method;
  r.url = resource.url;
  r.headers.push_back({"Accept", "application/json"});
  if (resource.json_template && where != BearerIn::kFormBody) {
    std::string body = *resource.json_template;
    const std::string nonce = random_string(12, "0123456789abcdefghijklmnopqrstuvwxyz");
    for (auto pos = body.find("{nonce}"); pos != std::string::npos; pos = body.find("{nonce}")) {
      body.replace(pos, 7, nonce);
    }
    r.body = std::move(body);
    r.headers.push_back({"Content-Type", "application/json"});
  }
  if (token) {
    switch (where) {
      case BearerIn::kHeader:
        r.headers.push_back({"Authorization", "Bearer " + *token});
        break;
      case BearerIn::kFormBody:
        r.headers.push_back({"Content-Type", "application/x-www-form-urlencoded"});
        r.body = Form{{"access_token", *token}}.encode();
        break;
      case BearerIn::kQuery:
        r.url = append_query(r.url, "access_token=" + form_encode(*token));
        break;
      case BearerIn::kNone:
        break;
    }
  }
  return r;
}

void Probe::remember(const HttpExchange& x) {
  if (x.response.body_bytes_dropped > 0) {
    note("the reply to \"" + x.label + "\" was cut at " + std::to_string(x.response.body.size()) +
         " bytes (--max-body): " + std::to_string(x.response.body_bytes_dropped) +
         " more bytes were received and not kept");
  }
  if (auto t = parse_token_response(x.response)) {
    if (t->access_token) shared_.add_secret(*t->access_token);
    if (t->refresh_token) shared_.add_secret(*t->refresh_token);
    if (auto it = t->body.find("id_token"); it != t->body.end() && it->is_string()) {
      shared_.add_secret(it->get<std::string>());
    }
  }
  // A destructive case's error replies answer an attack (a lock's refusals) and are judged by
  // that case; they may come while token_response.error_* runs, so they stay out of its view.
  if (x.response.status >= 400 && is_token_endpoint(profile_, x.request) && !case_.destructive) {
    shared_.add_error_response(case_.id, x);
  }
  shared_.log_exchange(case_.id, x);
  std::lock_guard lock(mu_);
  exchanges_.push_back(x);
}

Result<HttpExchange, TransportError> Probe::try_send(const HttpRequest& request,
                                                     std::string label) {
  auto started = SteadyClock::now();
  auto result = transport_.send(request);
  if (!result) {
    HttpExchange failed;
    failed.request = request;
    failed.label = label + " (no response: " + result.error().message + ")";
    failed.raw_request = request.method + " " + request.url +
                         "\n(transport failed before or "
                         "while sending: " +
                         result.error().message + ")";
    failed.elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started);
    std::lock_guard lock(mu_);
    exchanges_.push_back(std::move(failed));
    return result;
  }
  result->label = std::move(label);
  remember(*result);
  return result;
}

HttpExchange Probe::send(const HttpRequest& request, std::string label) {
  auto result = try_send(request, label);
  if (!result) {
    throw CaseError{"transport failure (" + std::string(to_string(result.error().kind)) +
                        ") on \"" + label + "\": " + result.error().message,
                    true};
  }
  return std::move(result).value();
}

std::vector<Result<HttpExchange, TransportError>> Probe::send_concurrently(
    const std::vector<HttpRequest>& requests, std::string label) {
  std::vector<std::optional<Result<HttpExchange, TransportError>>> slots(requests.size());
  {
    std::vector<std::jthread> threads;
    threads.reserve(requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) {
      threads.emplace_back([&, i] { slots[i].emplace(transport_.send(requests[i])); });
    }
  }
  std::vector<Result<HttpExchange, TransportError>> out;
  out.reserve(requests.size());
  for (std::size_t i = 0; i < slots.size(); ++i) {
    auto& r = *slots[i];
    if (r) {
      r->label = label + " [" + std::to_string(i + 1) + "/" + std::to_string(slots.size()) + "]";
      remember(*r);
    }
    out.push_back(std::move(r));
  }
  return out;
}

Grant Probe::obtain_grant(std::string_view user_role, std::string_view client_role,
                          std::optional<std::string> scope) {
  return obtain_token(*this, {.user_role = std::string(user_role),
                              .client_role = std::string(client_role),
                              .scope = std::move(scope)});
}

void Probe::check_declared(Fact key, const std::vector<Fact>& declared, const char* how) const {
  if (std::find(declared.begin(), declared.end(), key) != declared.end()) return;
  throw std::logic_error(case_.id + " " + how + " the fact \"" + std::string(key.name) +
                         "\", which its block does not declare");
}

void Probe::publish(Fact key, const HttpExchange& x, std::size_t index) {
  check_declared(key, case_.writes, "writes");
  shared_.publish(key, x, index);
}

std::optional<HttpExchange> Probe::published(Fact key, std::size_t index) const {
  if (std::find(case_.needs_facts.begin(), case_.needs_facts.end(), key) == case_.needs_facts.end())
    check_declared(key, case_.reads, "reads");
  return shared_.published(key, index);
}

void Probe::set_fact(Fact key, std::string value) {
  check_declared(key, case_.writes, "writes");
  shared_.set_fact(key, std::move(value));
}

std::optional<std::string> Probe::fact(Fact key) const {
  if (std::find(case_.needs_facts.begin(), case_.needs_facts.end(), key) == case_.needs_facts.end())
    check_declared(key, case_.reads, "reads");
  return shared_.fact(key);
}

void Probe::add_token_reply(std::string kind, const HttpExchange& x) {
  check_declared(facts::kTokenReplies, case_.writes, "writes");
  shared_.add_token_response(case_.id, std::move(kind), x);
}

std::vector<LoggedExchange> Probe::token_replies() const {
  check_declared(facts::kTokenReplies, case_.reads, "reads");
  return shared_.token_responses();
}

std::vector<LoggedExchange> Probe::error_replies() const { return shared_.error_responses(); }

std::vector<LoggedExchange> Probe::all_exchanges() const { return shared_.all_exchanges(); }

std::vector<KnownSecret> Probe::known_secrets() const {
  return engine::known_secrets(profile_, shared_);
}

void Probe::burst_over() {
  if (on_burst_over_) on_burst_over_();
}

void Probe::note(std::string text) { recorder_.note(std::move(text)); }

void Probe::skip(std::string reason) { throw CaseSkipped{std::move(reason)}; }

void Probe::error(std::string reason) { throw CaseError{std::move(reason), false}; }

std::vector<HttpExchange> Probe::exchanges() const {
  std::lock_guard lock(mu_);
  return exchanges_;
}

}  // namespace ock::conformance::engine
