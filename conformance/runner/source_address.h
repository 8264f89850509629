// A source address of its own for each destructive case (scheduler.h, DestructivePolicy
// kOwnAddress): the spare IPv4 loopback addresses this machine can send from, when every URL of
// the target is on 127.0.0.0/8, and a Transport decorator that sends all requests of one case
// from one of them (HttpRequest::source_address; the curl transport binds it). POSIX sockets
// for the check only.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "conformance/engine/profile.h"
#include "conformance/engine/transport.h"

namespace ock::conformance::runner {

// Whether a UDP socket binds to this IPv4 address here (port chosen by the system).
bool bindable(const std::string& address);

// The URLs a run may send to: base, endpoints (the metadata's too) and resources.
std::vector<std::string> target_urls(const engine::Profile& profile);

// Up to n addresses from 127.0.0.2 upwards, none a host of `urls`, each accepted by can_bind,
// when every URL's host is an IPv4 address in 127.0.0.0/8; else none (a host name, IPv6, a
// remote target: a lockout there may key on an address the run cannot vary). 127.0.0.1 is the
// address the kernel picks for the other cases' connections to a loopback target.
std::vector<std::string> spare_loopback_sources(
    const std::vector<std::string>& urls, std::size_t n,
    const std::function<bool(const std::string&)>& can_bind = bindable);

// Sends every request from `address` (HttpRequest::source_address); otherwise the inner
// transport's.
class SourceAddressTransport : public engine::Transport {
 public:
  SourceAddressTransport(engine::Transport& inner, std::string address)
      : inner_(inner), address_(std::move(address)) {}
  Result<engine::HttpExchange, engine::TransportError> send(
      const engine::HttpRequest& request) override;

 private:
  engine::Transport& inner_;
  std::string address_;
};

}  // namespace ock::conformance::runner
