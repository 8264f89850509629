#include "reference-server/http/http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/http_header.h>
#include <pistache/net.h>
#include <pistache/peer.h>

#include <arpa/inet.h>
#include <sys/socket.h>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <string_view>

#include "reference-server/core/ascii.h"
#include "reference-server/http/request_line.h"

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
  // Every field a client chose is escaped: a path with ESC, CR or LF must not forge a line.
  std::fprintf(stderr, "%s %s %s %d %.1fms client=%s\n", stamp, log_safe(req.method).c_str(),
               log_safe(req.path).c_str(), reply.status, ms,
               reply.client_id.empty() ? "-" : log_safe(reply.client_id).c_str());
}

std::optional<std::string> raw_header(const Http::Request& req, const std::string& name) {
  auto raw = req.headers().tryGetRaw(name);
  if (!raw) return std::nullopt;
  return raw->value();
}

bool wants_close(const Http::Request& request) {
  std::string conn;
  if (auto raw = request.headers().tryGetRaw("Connection")) conn = ascii_lower(raw->value());
  if (conn.find("close") != std::string::npos) return true;
  return request.version() == Http::Version::Http10 && conn.find("keep-alive") == std::string::npos;
}

ApiRequest to_api_request(const Http::Request& request, std::string query, bool tls) {
  ApiRequest req;
  req.method = Http::methodString(request.method());
  req.path = request.resource();
  req.query = std::move(query);
  req.content_type = raw_header(request, "Content-Type");
  req.authorization = raw_header(request, "Authorization");
  req.host = raw_header(request, "Host").value_or("");
  req.cookie = raw_header(request, "Cookie");
  req.body = request.body();
  req.tls = tls;
  return req;
}

void write_reply(const Http::Request& request, const ApiRequest& req, const ApiReply& reply,
                 Http::ResponseWriter& writer) {
  for (const auto& [name, value] : reply.headers) {
    writer.headers().add(std::make_shared<AnyHeader>(name, value));
  }
  if (!reply.content_type.empty()) {
    writer.headers().add(std::make_shared<AnyHeader>("Content-Type", reply.content_type));
  }
  // Pistache announces "Connection: Close" to clients that sent no Connection header but
  // never closes (Pistache 0.0.5). Say what really happens: the connection stays open,
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
}

class ServingHandler;

// Pistache's own request parsing, kept as it is: this Http::Handler adds nothing to
// Http::Handler::onInput but hands each complete request back to the ServingHandler that owns it.
// It is a copy of that ServingHandler's Http::Handler part, so it has the same transport, limits
// and timeouts.
class ParsingHandler final : public Http::Handler {
 public:
  HTTP_PROTOTYPE(ParsingHandler)

  ParsingHandler(const Http::Handler& configured, ServingHandler* owner)
      : Http::Handler(configured), owner_(owner) {}

  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override;

 private:
  ServingHandler* owner_;
};

// Serves an ApiHandler. Pistache 0.0.5 keeps only a parsed map of the query (order and
// repeated parameters lost), and its parser is private to Http::Handler::onInput, so this
// handler takes the raw bytes first (onInput is virtual): it records each request's line per
// connection, then passes the bytes on to a ParsingHandler, which runs Pistache's parser and
// calls serve() with the complete request.
class ServingHandler final : public Http::Handler {
 public:
  HTTP_PROTOTYPE(ServingHandler)

  ServingHandler(ApiHandler* api, bool tls, bool log, std::size_t max_line)
      : api_(api), tls_(tls), log_(log), max_line_(max_line) {}
  // Pistache clones the configured handler once per worker; a clone gets its own parser.
  ServingHandler(const ServingHandler& other)
      : Http::Handler(other),
        api_(other.api_),
        tls_(other.tls_),
        log_(other.log_),
        max_line_(other.max_line_) {}

  // Not reached in practice (onInput below hands the bytes to the ParsingHandler); kept so that
  // a request parsed here would still be served the same way.
  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    serve(request, std::move(writer));
  }

  // Answers one complete request through the ApiHandler; never throws.
  void serve(const Http::Request& request, Http::ResponseWriter writer) {
    auto started = std::chrono::steady_clock::now();
    ApiRequest req;
    ApiReply reply;
    try {
      req = to_api_request(request, line_ ? line_->query() : std::string(), tls_);
      reply = api_->route(req);
    } catch (...) {
      reply = ApiReply{};
      reply.status = 500;
      reply.body = R"({"error":"server_error"})";
    }
    try {
      write_reply(request, req, reply, writer);
    } catch (...) {
      // The connection is gone or the reply could not be written; nothing more to do.
    }
    if (log_) {
      auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      access_log(req, reply, ms);
    }
  }

 private:
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    // Created here, not in the constructor: only now has Pistache given this clone its transport.
    if (!parser_) parser_ = std::make_shared<ParsingHandler>(*this, this);
    auto line = line_of(peer);
    line->append(std::string_view(buffer, len));
    // The parser restamps its time whenever it starts over: after a reply or a refusal.
    auto pistache_parser = Http::Handler::getParser(peer);
    const auto started = pistache_parser->time();
    line_ = line.get();
    static_cast<Tcp::Handler&>(*parser_).onInput(buffer, len, peer);
    line_ = nullptr;
    if (pistache_parser->time() != started) line->clear();
  }

  std::shared_ptr<http::RequestLineBuffer> line_of(const std::shared_ptr<Tcp::Peer>& peer) const {
    static const std::string kKey = "ock.request_line";
    auto data = std::static_pointer_cast<http::RequestLineBuffer>(peer->tryGetData(kKey));
    if (!data) {
      data = std::make_shared<http::RequestLineBuffer>(max_line_);
      peer->putData(kKey, data);
    }
    return data;
  }

  ApiHandler* api_;
  bool tls_;
  bool log_;
  std::size_t max_line_;
  std::shared_ptr<ParsingHandler> parser_;
  http::RequestLineBuffer* line_ = nullptr;  // the connection whose bytes are being parsed
};

void ParsingHandler::onRequest(const Http::Request& request, Http::ResponseWriter writer) {
  owner_->serve(request, std::move(writer));
}

}  // namespace

struct HttpServer::Impl {
  ApiHandler& api;
  HttpOptions options;
  std::unique_ptr<Http::Endpoint> endpoint;
  bool running = false;
};

HttpServer::HttpServer(ApiHandler& api, HttpOptions options)
    : impl_(std::make_unique<Impl>(Impl{api, std::move(options), nullptr, false})) {}

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
    impl_->endpoint->setHandler(Http::make_handler<ServingHandler>(&impl_->api, tls, o.access_log, o.max_request_bytes));
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
