// Unit tests of runner/source_address.h: which spare loopback addresses a run may give its
// destructive cases (none unless every URL of the target is on IPv4 loopback), and the transport
// decorator that sends from one.
#include "conformance/runner/source_address.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ock::conformance::runner {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

auto all = [](const std::string&) { return true; };

TEST(SpareLoopbackSourcesTest, GivesAddressesFrom127002WhenEveryUrlIsOnLoopback) {
  EXPECT_THAT(spare_loopback_sources({"https://127.0.0.1:8443", "http://127.0.0.1:9/api"}, 3, all),
              ElementsAre("127.0.0.2", "127.0.0.3", "127.0.0.4"));
  EXPECT_THAT(spare_loopback_sources({"http://127.0.0.1"}, 0, all), IsEmpty());
}

TEST(SpareLoopbackSourcesTest, LeavesOutTheTargetsOwnAddressesAndUnbindableOnes) {
  auto no_three = [](const std::string& a) { return a != "127.0.0.3"; };
  EXPECT_THAT(
      spare_loopback_sources({"http://127.0.0.2:80/", "http://u:p@127.9.9.9/x"}, 2, no_three),
      ElementsAre("127.0.0.4", "127.0.0.5"));
}

TEST(SpareLoopbackSourcesTest, GivesNoneForAnyTargetNotOnIpv4Loopback) {
  for (const char* other : {"https://localhost:8443", "http://[::1]:80/", "http://10.0.0.1/",
                            "https://auth.example.org/token", "127.0.0.1"}) {
    EXPECT_THAT(spare_loopback_sources({"http://127.0.0.1:80", other}, 2, all), IsEmpty()) << other;
  }
  EXPECT_THAT(spare_loopback_sources({}, 2, all), IsEmpty());
  EXPECT_THAT(
      spare_loopback_sources({"http://127.0.0.1"}, 2, [](const std::string&) { return false; }),
      IsEmpty());
}

TEST(SpareLoopbackSourcesTest, TargetUrlsAreEveryUrlOfTheProfile) {
  engine::Profile p;
  p.base_url = "http://127.0.0.1:1";
  p.issuer = "http://127.0.0.1:1";
  p.token_url = "http://127.0.0.1:1/token";
  p.introspection_url = "http://127.0.0.1:1/introspect";
  p.resources.push_back({.name = "rs", .url = "http://10.1.2.3/api"});
  auto urls = target_urls(p);
  EXPECT_THAT(urls, ElementsAre("http://127.0.0.1:1", "http://127.0.0.1:1/token",
                                "http://127.0.0.1:1/introspect",
                                "http://127.0.0.1:1/.well-known/oauth-authorization-server",
                                "http://10.1.2.3/api"));
  EXPECT_THAT(spare_loopback_sources(urls, 1, all), IsEmpty());  // the resource is elsewhere
}

TEST(SpareLoopbackSourcesTest, BindableAcceptsOnlyAnAddressOfThisMachine) {
  EXPECT_TRUE(bindable("127.0.0.1"));
  EXPECT_FALSE(bindable("localhost"));
  EXPECT_FALSE(bindable("192.0.2.1"));  // TEST-NET-1: no interface has it
}

class Recording : public engine::Transport {
 public:
  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override {
    seen.push_back(request.source_address);
    return engine::HttpExchange{};
  }
  std::vector<std::string> seen;
};

TEST(SourceAddressTransportTest, SendsEveryRequestFromItsAddress) {
  Recording inner;
  SourceAddressTransport t(inner, "127.0.0.2");
  engine::HttpRequest req;
  req.url = "http://127.0.0.1:9/token";
  ASSERT_TRUE(t.send(req));
  ASSERT_TRUE(inner.send(req));
  EXPECT_THAT(inner.seen, ElementsAre("127.0.0.2", ""));
}

}  // namespace
}  // namespace ock::conformance::runner
