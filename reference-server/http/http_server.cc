#include "reference-server/http/http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/http_header.h>
#include <pistache/net.h>
#include <pistache/peer.h>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <csignal>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <stdexcept>

namespace ock::server {
namespace {

using namespace Pistache;

// Pistache 0.0.5 never writes raw response headers (#967), only Header objects; this one
// carries any name and value.
class AnyHeader final : public Http::Header::Header {
 public:
  AnyHeader(std::string name, std::string value) : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void write(std::ostream& os) const override { os << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override { return 0x6f636b0000000001ULL; }
#endif

 private:
  std::string name_;
  std::string value_;
};

std::mutex& log_mutex() {
  static std::mutex mu;
  return mu;
}

void access_log(const ApiRequest& req, const ApiReply& reply, double ms) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  // The path only: a query string may carry secrets, and so may every header and body.
  std::lock_guard lock(log_mutex());
  std::fprintf(stderr, "%s %s %s %d %.1fms client=%s\n", stamp, req.method.c_str(),
               req.path.c_str(), reply.status, ms,
               reply.client_id.empty() ? "-" : reply.client_id.c_str());
}

std::optional<std::string> raw_header(const Http::Request& req, const std::string& name) {
  auto raw = req.headers().tryGetRaw(name);
  if (!raw) return std::nullopt;
  return raw->value();
}

bool wants_close(const Http::Request& request) {
  std::string conn;
  if (auto raw = request.headers().tryGetRaw("Connection")) conn = raw->value();
  for (auto& c : conn) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (conn.find("close") != std::string::npos) return true;
  return request.version() == Http::Version::Http10 && conn.find("keep-alive") == std::string::npos;
}

class Handler final : public Http::Handler {
 public:
  HTTP_PROTOTYPE(Handler)

  Handler(Router* router, bool tls, bool log) : router_(router), tls_(tls), log_(log) {}

  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    auto started = std::chrono::steady_clock::now();
    ApiRequest req;
    ApiReply reply;
    try {
      req.method = Http::methodString(request.method());
      req.path = request.resource();
      std::string query;
      for (auto it = request.query().parameters_begin(); it != request.query().parameters_end(); ++it) {
        if (!query.empty()) query += '&';
        query += it->first + "=" + it->second;
      }
      req.query = query;
      req.content_type = raw_header(request, "Content-Type");
      req.authorization = raw_header(request, "Authorization");
      req.host = raw_header(request, "Host").value_or("");
      req.body = request.body();
      req.tls = tls_;
      reply = router_->route(req);
    } catch (...) {
      reply = ApiReply{};
      reply.status = 500;
      reply.body = R"({"error":"server_error"})";
    }
    try {
      for (const auto& [name, value] : reply.headers) {
        writer.headers().add(std::make_shared<AnyHeader>(name, value));
      }
      if (!reply.content_type.empty()) {
        writer.headers().add(std::make_shared<AnyHeader>("Content-Type", reply.content_type));
      }
      // Pistache announces "Connection: Close" to clients that sent no Connection header but
      // never closes (platform.md §1.7). Say what really happens: the connection stays open,
      // unless the client asked to close it, and then it is closed after the reply.
      const bool close = wants_close(request);
      writer.headers().remove<Http::Header::Connection>();
      writer.headers().add(std::make_shared<AnyHeader>("Connection", close ? "close" : "keep-alive"));
      // A HEAD reply carries the headers of a GET and no content (RFC 9110 §9.3.2).
      const std::string& body = req.method == "HEAD" ? std::string() : reply.body;
      auto sent = writer.send(static_cast<Http::Code>(reply.status), body);
      if (close) {
        if (auto peer = writer.peer()) {
          const int fd = peer->fd();
          sent.then([fd](ssize_t) { ::shutdown(fd, SHUT_WR); }, Async::IgnoreException);
        }
      }
    } catch (...) {
      // The connection is gone or the reply could not be written; nothing more to do.
    }
    if (log_) {
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      access_log(req, reply, ms);
    }
  }

 private:
  Router* router_;
  bool tls_;
  bool log_;
};

}  // namespace

struct HttpServer::Impl {
  Router& router;
  HttpOptions options;
  std::unique_ptr<Http::Endpoint> endpoint;
  bool running = false;
};

HttpServer::HttpServer(Router& router, HttpOptions options)
    : impl_(std::make_unique<Impl>(Impl{router, std::move(options), nullptr, false})) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  const HttpOptions& o = impl_->options;
  const bool tls = !o.tls_cert.empty();
  if (tls) std::signal(SIGPIPE, SIG_IGN);  // SSL_write does not use MSG_NOSIGNAL
  in_addr probe{};
  if (inet_pton(AF_INET, o.host.c_str(), &probe) != 1) {
    throw std::runtime_error("--listen: \"" + o.host + "\" is not an IPv4 address");
  }
  try {
    Address addr(o.host, Port(o.port));
    impl_->endpoint = std::make_unique<Http::Endpoint>(addr);
    auto opts = Http::Endpoint::options()
                    .threads(o.threads)
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(o.max_request_bytes)
                    .headerTimeout(std::chrono::seconds(o.header_timeout_s))
                    .bodyTimeout(std::chrono::seconds(o.body_timeout_s));
    impl_->endpoint->init(opts);
    impl_->endpoint->setHandler(Http::make_handler<Handler>(&impl_->router, tls, o.access_log));
    if (tls) impl_->endpoint->useSSL(o.tls_cert, o.tls_key);  // after init(): init resets it
    impl_->endpoint->serveThreaded();
    impl_->running = true;
  } catch (const std::exception& e) {
    impl_->endpoint.reset();
    throw std::runtime_error("cannot serve on " + o.host + ":" + std::to_string(o.port) + ": " + e.what());
  }
}

std::uint16_t HttpServer::port() const {
  return impl_->endpoint ? static_cast<std::uint16_t>(impl_->endpoint->getPort()) : 0;
}

std::string HttpServer::url() const {
  return std::string(impl_->options.tls_cert.empty() ? "http://" : "https://") + impl_->options.host +
         ":" + std::to_string(port());
}

void HttpServer::stop() {
  if (impl_ && impl_->endpoint && impl_->running) {
    impl_->endpoint->shutdown();
    impl_->running = false;
  }
  if (impl_) impl_->endpoint.reset();
}

}  // namespace ock::server
