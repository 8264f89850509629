// The protected REST resources of the README (the tutorial's /api/users/ and /api/groups/),
// each method guarded by the scope it needs through OAuthService::authorize. Domain only.
#pragma once

#include "reference-server/core/api.h"
#include "reference-server/core/oauth_service.h"
#include "reference-server/core/store.h"

namespace ock::server {

class ResourceApi {
 public:
  ResourceApi(Store& store, OAuthService& oauth) : store_(store), oauth_(oauth) {}

  // Serves a request whose path starts with /api/; 404 for unknown paths, 405 for methods.
  ApiReply handle(const ApiRequest& req);

 private:
  ApiReply users(const ApiRequest& req);
  ApiReply user(const ApiRequest& req, std::int64_t id);
  ApiReply groups(const ApiRequest& req);

  Store& store_;
  OAuthService& oauth_;
};

}  // namespace ock::server
