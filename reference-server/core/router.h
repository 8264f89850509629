// Router: the reference server's whole HTTP surface (the README's table) as one function from
// ApiRequest to ApiReply, with a guard so that no exception or internal text ever reaches a
// client (500 {"error":"server_error"}). Domain only; http/ feeds it from Pistache.
#pragma once

#include "reference-server/core/api.h"
#include "reference-server/core/authorization_endpoint.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/core/resource_api.h"

namespace ock::server {

class Router final : public ApiHandler {
 public:
  Router(Store& store, OAuthService& oauth)
      : oauth_(oauth), authorization_(store, oauth), api_(store, oauth) {}

  // Never throws.
  ApiReply route(const ApiRequest& req) noexcept override;

 private:
  ApiReply dispatch(const ApiRequest& req);

  OAuthService& oauth_;
  AuthorizationEndpoint authorization_;
  ResourceApi api_;
};

}  // namespace ock::server
