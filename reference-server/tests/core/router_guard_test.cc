// The router's guard: whatever a store throws, the client sees only 500 {"error":"server_error"}.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "reference-server/core/router.h"
#include "reference-server/core/crypto.h"
#include "reference-server/core/form.h"

namespace ock::server {
namespace {

using ::testing::_;
using ::testing::Throw;

class MockStore : public Store {
 public:
  MOCK_METHOD(StoreResult<std::optional<User>>, find_user, (std::string_view), (override));
  MOCK_METHOD(StoreResult<std::optional<User>>, find_user_by_id, (std::int64_t), (override));
  MOCK_METHOD(StoreResult<std::vector<User>>, list_users, (), (override));
  MOCK_METHOD(StoreResult<User>, create_user, (const User&), (override));
  MOCK_METHOD(StoreResult<bool>, update_user, (const User&), (override));
  MOCK_METHOD(StoreResult<bool>, delete_user, (std::int64_t), (override));
  MOCK_METHOD(StoreResult<std::vector<std::string>>, list_groups, (), (override));
  MOCK_METHOD(StoreResult<void>, ensure_group, (std::string_view), (override));
  MOCK_METHOD(StoreResult<std::optional<Client>>, find_client, (std::string_view), (override));
  MOCK_METHOD(StoreResult<std::vector<Client>>, list_clients, (), (override));
  MOCK_METHOD(StoreResult<void>, create_client, (const Client&), (override));
  MOCK_METHOD(StoreResult<void>, upsert_scope, (const Scope&), (override));
  MOCK_METHOD(StoreResult<std::vector<Scope>>, list_scopes, (), (override));
  MOCK_METHOD(StoreResult<void>, save_tokens, (const std::vector<TokenRecord>&), (override));
  MOCK_METHOD(StoreResult<std::optional<TokenRecord>>, find_token, (std::string_view), (override));
  MOCK_METHOD(StoreResult<RotateOutcome>, rotate_refresh,
              (std::string_view, std::string_view, std::int64_t, const std::vector<TokenRecord>&), (override));
  MOCK_METHOD(StoreResult<bool>, revoke_token, (std::string_view), (override));
  MOCK_METHOD(StoreResult<int>, revoke_family, (std::string_view), (override));
  MOCK_METHOD(StoreResult<int>, purge_expired, (std::int64_t), (override));
  MOCK_METHOD(StoreResult<void>, save_code, (const AuthorizationCode&), (override));
  MOCK_METHOD(StoreResult<std::optional<AuthorizationCode>>, find_code, (std::string_view),
              (override));
  MOCK_METHOD(StoreResult<RedeemOutcome>, redeem_code,
              (std::string_view, std::string_view, std::int64_t, const std::vector<TokenRecord>&),
              (override));
  MOCK_METHOD(StoreResult<int>, purge_codes, (std::int64_t), (override));
  MOCK_METHOD(StoreResult<void>, save_session, (const LoginSession&), (override));
  MOCK_METHOD(StoreResult<std::optional<LoginSession>>, find_session, (std::string_view),
              (override));
  MOCK_METHOD(StoreResult<bool>, touch_session, (std::string_view, std::int64_t), (override));
  MOCK_METHOD(StoreResult<bool>, delete_session, (std::string_view), (override));
  MOCK_METHOD(StoreResult<int>, purge_sessions, (std::int64_t), (override));
};

TEST(RouterGuardTest, AnExceptionBecomesAFixedServerError) {
  MockStore store;
  FakeClock clock;
  ServerConfig config;
  config.pbkdf2_iterations = 1;
  OAuthService oauth(store, clock, config);
  Router router(store, oauth);
  EXPECT_CALL(store, find_client(_)).WillOnce(Throw(std::runtime_error("db password is hunter2")));
  ApiRequest req{"POST", "/oauth/token/", "", "application/x-www-form-urlencoded",
                 "Basic " + base64_encode("c:s"), "grant_type=password&username=a&password=b", "", false};
  ApiReply r = router.route(req);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body, R"({"error":"server_error"})");
}

TEST(RouterGuardTest, AStorageErrorBecomesServerErrorWithNoDetail) {
  MockStore store;
  FakeClock clock;
  ServerConfig config;
  config.pbkdf2_iterations = 1;
  OAuthService oauth(store, clock, config);
  Router router(store, oauth);
  EXPECT_CALL(store, find_client(_))
      .WillOnce(::testing::Return(StoreResult<std::optional<Client>>(
          unexpected(StorageError{StorageError::Kind::kUnavailable, "disk I/O error at /secret/path"}))));
  ApiRequest req{"POST", "/oauth/token/", "", "application/x-www-form-urlencoded",
                 "Basic " + base64_encode("c:s"), "grant_type=password&username=a&password=b", "", false};
  ApiReply r = router.route(req);
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.body.find("/secret/path"), std::string::npos);
  EXPECT_NE(r.body.find("server_error"), std::string::npos);
}

}  // namespace
}  // namespace ock::server
