#include "reference-server/http/http_server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/http_header.h>
#include <pistache/net.h>
#include <pistache/peer.h>
#include <pistache/transport.h>

#include <arpa/inet.h>
#include <openssl/ssl.h>
#include <algorithm>
#include <sys/socket.h>
#include <unistd.h>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "reference-server/core/ascii.h"
#include "reference-server/http/connection_front.h"
#include "reference-server/http/request_framing.h"
#include "reference-server/http/request_line.h"
#include "reference-server/http/request_workers.h"

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

// "2026-12-06T23:59:59Z": the time of a log line, UTC.
std::string utc_stamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return stamp;
}

void access_log(const ApiRequest& req, const ApiReply& reply, double ms) {
  const std::string stamp = utc_stamp();
  // The path only: a query string may carry secrets, and so may every header and body.
  std::lock_guard lock(log_mutex());
  // Every field a client chose is escaped: a path with ESC, CR or LF must not forge a line.
  std::fprintf(stderr, "%s %s %s %d %.1fms client=%s\n", stamp.c_str(), log_safe(req.method).c_str(),
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

// `close`: the client asked to close the connection after this reply (wants_close).
void write_reply(const ApiRequest& req, const ApiReply& reply, bool close, Http::ResponseWriter& writer) {
  for (const auto& [name, value] : reply.headers) {
    writer.headers().add(std::make_shared<AnyHeader>(name, value));
  }
  if (!reply.content_type.empty()) {
    writer.headers().add(std::make_shared<AnyHeader>("Content-Type", reply.content_type));
  }
  // Pistache announces "Connection: Close" to clients that sent no Connection header but
  // never closes (Pistache 0.0.5). Say what really happens: the connection stays open,
  // unless the client asked to close it, and then it is closed after the reply.
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

// GET, HEAD and OPTIONS read; every other method carries a body that may cost a password hash
// or a durable write.
bool may_block(const ApiRequest& req) {
  return req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS";
}

ApiReply server_error() {
  ApiReply reply;
  reply.status = 500;
  reply.body = R"({"error":"server_error"})";
  return reply;
}

ApiReply route(ApiHandler* api, const ApiRequest& req) {
  try {
    return api->route(req);
  } catch (...) {
    return server_error();
  }
}

// Too many requests wait for a worker, or this one waited too long: RFC 9110 §15.6.4.
ApiReply busy_reply() {
  ApiReply reply;
  reply.status = 503;
  reply.body = R"({"error":"temporarily_unavailable","error_description":"the server is busy; retry later"})";
  reply.add_header("Retry-After", "1");
  reply.add_header("Cache-Control", "no-store");
  return reply;
}

// Writes the reply and the access-log line; never throws.
void answer(bool log, const ApiRequest& req, const ApiReply& reply, bool close,
            Http::ResponseWriter& writer, std::chrono::steady_clock::time_point started) {
  try {
    write_reply(req, reply, close, writer);
  } catch (...) {
    // The connection is gone or the reply could not be written; nothing more to do.
  }
  if (log) {
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    access_log(req, reply, ms);
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
  // Pistache clones the configured handler once per worker; a clone gets its own parser, and
  // joins the list of clones, through which the front reaches each worker's transport.
  ServingHandler(const ServingHandler& other)
      : Http::Handler(other),
        api_(other.api_),
        tls_(other.tls_),
        log_(other.log_),
        max_line_(other.max_line_),
        workers_(other.workers_),
        clones_(other.clones_) {
    std::lock_guard lock(clones_->mu);
    clones_->list.push_back(this);
  }
  ~ServingHandler() override {
    std::lock_guard lock(clones_->mu);
    clones_->list.erase(std::remove(clones_->list.begin(), clones_->list.end(), this),
                        clones_->list.end());
  }

  // The transports of Pistache's reactor threads, one per clone (after serveThreaded()). Each
  // takes connections from any thread through Transport::handleNewPeer, as from Pistache's own
  // accept thread.
  std::vector<Tcp::Transport*> reactor_transports() const {
    std::lock_guard lock(clones_->mu);
    std::vector<Tcp::Transport*> out;
    for (ServingHandler* clone : clones_->list) out.push_back(clone->transport());
    return out;
  }

  // Not reached in practice (onInput below hands the bytes to the ParsingHandler); kept so that
  // a request parsed here would still be served the same way.
  void onRequest(const Http::Request& request, Http::ResponseWriter writer) override {
    serve(request, std::move(writer));
  }

  // Answers one complete request through the ApiHandler; never throws. A request that can block
  // (one with a body: password hashing, token writes) goes to the request workers, and so does
  // any request behind it on the same connection; the rest is answered here, on the reactor.
  void serve(const Http::Request& request, Http::ResponseWriter writer) {
    const auto started = std::chrono::steady_clock::now();
    ApiRequest req;
    bool parsed = true;
    try {
      req = to_api_request(request, line_ ? line_->query() : std::string(), tls_);
    } catch (...) {
      parsed = false;
    }
    const bool close = wants_close(request);
    if (parsed && workers_ != nullptr) {
      std::shared_ptr<http::RequestWorkers::Lane> lane;
      try {
        if (auto peer = writer.peer()) lane = lane_of(peer);
      } catch (...) {
        return;  // the connection is gone: nobody to answer
      }
      if (lane && (may_block(req) || !workers_->idle(lane))) {
        auto shared_writer = std::make_shared<Http::ResponseWriter>(std::move(writer));
        auto shared_req = std::make_shared<ApiRequest>(std::move(req));
        ApiHandler* api = api_;
        const bool log = log_;
        const bool queued = workers_->submit(lane, [=](bool late) {
          answer(log, *shared_req, late ? busy_reply() : route(api, *shared_req), close,
                 *shared_writer, started);
        });
        // The queue is full: say so now, and close, since this reply may overtake an earlier
        // one of the same connection that is still waiting.
        if (!queued) answer(log, *shared_req, busy_reply(), true, *shared_writer, started);
        return;
      }
    }
    ApiReply reply = parsed ? route(api_, req) : server_error();
    answer(log_, req, std::move(reply), close, writer, started);
  }

  // Set once, before serving, on the configured handler (clones copy the pointer).
  void use_workers(http::RequestWorkers* workers) { workers_ = workers; }

  // Marks a connection as the front's: the Peer keeps the front's slot until Pistache lets the
  // connection go, which is how the front counts open connections.
  static void put_front_slot(Tcp::Peer& peer, std::shared_ptr<void> slot) {
    peer.putData(kFrontSlot, std::move(slot));
  }

 private:
  static constexpr const char* kFrontSlot = "ock.front_slot";

  // Pistache's own start of a connection (its request parser), then a check: every client
  // connection comes through the front, which marks it. One without the mark reached Pistache's
  // internal listener (on 127.0.0.1, never announced) directly: it is shut at once, and
  // onInput ignores whatever it sent before that.
  void onConnection(const std::shared_ptr<Tcp::Peer>& peer) override {
    if (!parser_) parser_ = std::make_shared<ParsingHandler>(*this, this);
    static_cast<Tcp::Handler&>(*parser_).onConnection(peer);
    if (!peer->tryGetData(kFrontSlot)) ::shutdown(peer->fd(), SHUT_RDWR);
  }

  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    // Bytes that reached the internal listener before onConnection shut it: never served.
    if (!peer->tryGetData(kFrontSlot)) return;
    // Created here, not in the constructor: only now has Pistache given this clone its transport.
    if (!parser_) parser_ = std::make_shared<ParsingHandler>(*this, this);
    auto head = head_of(peer);
    if (head->refused()) return;  // closing: nothing more is read from this connection
    if (!head->complete()) {
      head->append(std::string_view(buffer, len));
      if (head->complete()) {
        if (auto problem = http::framing_problem(head->text(), max_line_)) {
          head->refuse();
          refuse(peer, *problem);
          return;  // the head's last bytes never reach Pistache: it serves nothing of it
        }
      }
    }
    auto line = line_of(peer);
    line->append(std::string_view(buffer, len));
    // The parser restamps its time whenever it starts over: after a reply or a refusal.
    auto pistache_parser = Http::Handler::getParser(peer);
    const auto started = pistache_parser->time();
    line_ = line.get();
    static_cast<Tcp::Handler&>(*parser_).onInput(buffer, len, peer);
    line_ = nullptr;
    if (pistache_parser->time() != started) {
      line->clear();
      head->clear();
    }
  }

  // Answers a request whose framing is refused, in the shape of the token endpoint's errors,
  // and closes the connection once the answer is out.
  void refuse(const std::shared_ptr<Tcp::Peer>& peer, const http::FramingRefusal& problem) {
    const char* reason = problem.status == 411   ? "Length Required"
                         : problem.status == 413 ? "Content Too Large"
                                                 : "Bad Request";
    const std::string body = R"({"error":"invalid_request","error_description":")" + problem.description + "\"}";
    const std::string bytes = "HTTP/1.1 " + std::to_string(problem.status) + " " + reason +
                              "\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                              "Connection: close\r\nContent-Length: " + std::to_string(body.size()) +
                              "\r\n\r\n" + body;
    const int fd = peer->fd();
    try {
      peer->send(RawBuffer(bytes, bytes.size()))
          .then([fd](ssize_t) { ::shutdown(fd, SHUT_RDWR); }, [fd](std::exception_ptr) { ::shutdown(fd, SHUT_RDWR); });
    } catch (...) {
      ::shutdown(fd, SHUT_RDWR);
    }
    if (log_) {
      ApiRequest req;
      req.method = "-";
      req.path = "-";
      ApiReply reply;
      reply.status = problem.status;
      access_log(req, reply, 0.0);
    }
  }

  // What a connection keeps between reads, in its Peer's data under `key`; made by `make` on the
  // first read.
  template <typename T, typename Make>
  static std::shared_ptr<T> peer_data(const std::shared_ptr<Tcp::Peer>& peer, const std::string& key,
                                      Make make) {
    auto data = std::static_pointer_cast<T>(peer->tryGetData(key));
    if (!data) {
      data = make();
      peer->putData(key, data);
    }
    return data;
  }

  std::shared_ptr<http::RequestHeadBuffer> head_of(const std::shared_ptr<Tcp::Peer>& peer) const {
    return peer_data<http::RequestHeadBuffer>(
        peer, "ock.request_head", [this] { return std::make_shared<http::RequestHeadBuffer>(max_line_); });
  }

  std::shared_ptr<http::RequestLineBuffer> line_of(const std::shared_ptr<Tcp::Peer>& peer) const {
    return peer_data<http::RequestLineBuffer>(
        peer, "ock.request_line", [this] { return std::make_shared<http::RequestLineBuffer>(max_line_); });
  }

  std::shared_ptr<http::RequestWorkers::Lane> lane_of(const std::shared_ptr<Tcp::Peer>& peer) const {
    return peer_data<http::RequestWorkers::Lane>(peer, "ock.lane", [this] { return workers_->lane(); });
  }

  ApiHandler* api_;
  bool tls_;
  bool log_;
  std::size_t max_line_;
  http::RequestWorkers* workers_ = nullptr;
  struct Clones {
    std::mutex mu;
    std::vector<ServingHandler*> list;
  };
  std::shared_ptr<Clones> clones_ = std::make_shared<Clones>();
  std::shared_ptr<ParsingHandler> parser_;
  http::RequestLineBuffer* line_ = nullptr;  // the connection whose bytes are being parsed
};

void ParsingHandler::onRequest(const Http::Request& request, Http::ResponseWriter writer) {
  owner_->serve(request, std::move(writer));
}

// Gives a connection the front accepted (and, under TLS, shook hands on) to a Pistache reactor as
// Pistache's own listener would: a Peer with the client's address and the TLS session, on
// reactor fd % n. From here the Peer owns the session and Pistache the descriptor.
void serve_connection(const std::vector<Tcp::Transport*>& reactors, http::ReadyConnection c) {
  std::shared_ptr<Tcp::Peer> peer;
  try {
    const Address address = Address::fromUnix(&c.peer);
    peer = c.ssl ? Tcp::Peer::CreateSSL(c.fd, address, c.ssl) : Tcp::Peer::Create(c.fd, address);
  } catch (...) {
    if (c.ssl) SSL_free(c.ssl);
    ::close(c.fd);
    return;
  }
  try {
    ServingHandler::put_front_slot(*peer, std::move(c.slot));
  } catch (...) {
    ::close(c.fd);  // the Peer frees the session
    return;
  }
  reactors[static_cast<std::size_t>(c.fd) % reactors.size()]->handleNewPeer(peer);
}

// The front's warnings (connection limit reached, out of descriptors), timestamped like the
// access log.
void server_warning(const std::string& line) {
  const std::string stamp = utc_stamp();
  std::lock_guard lock(log_mutex());
  std::fprintf(stderr, "%s warning: %s\n", stamp.c_str(), line.c_str());
}

}  // namespace

struct HttpServer::Impl {
  Impl(ApiHandler& a, HttpOptions o) : api(a), options(std::move(o)) {}
  ApiHandler& api;
  HttpOptions options;
  std::unique_ptr<Http::Endpoint> endpoint;
  bool running = false;
  std::unique_ptr<http::RequestWorkers> workers;  // stopped before the endpoint
  std::unique_ptr<http::ConnectionFront> front;    // stopped first
};

HttpServer::HttpServer(ApiHandler& api, HttpOptions options)
    : impl_(std::make_unique<Impl>(api, std::move(options))) {}

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
    // Clients never reach Pistache's listener: the front owns the public address, refuses
    // connections beyond the cap, runs TLS handshakes without blocking (Pistache 0.0.5 runs each
    // in its one accept thread, so one silent client held every newcomer for 10 s) and hands
    // ready connections to Pistache's reactors. Pistache still needs a listener of its own: it
    // is bound to 127.0.0.1 on a free port, never announced, and a connection made to it
    // directly is shut at once (ServingHandler::onConnection).
    Address addr(Ipv4::loopback(), Port(0));
    impl_->endpoint = std::make_unique<Http::Endpoint>(addr);
    auto opts = Http::Endpoint::options()
                    .threads(o.threads)
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(o.max_request_bytes)
                    .headerTimeout(std::chrono::seconds(o.header_timeout_s))
                    .bodyTimeout(std::chrono::seconds(o.body_timeout_s));
    impl_->endpoint->init(opts);
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // A task that waited half the header timeout answers 503 at once: Pistache answers 408 for
    // a connection without a reply at the full timeout.
    impl_->workers = std::make_unique<http::RequestWorkers>(
        o.request_workers > 0 ? o.request_workers : cores, o.max_queued_requests,
        std::chrono::milliseconds(o.header_timeout_s * 500));
    auto handler = Http::make_handler<ServingHandler>(&impl_->api, tls, o.access_log, o.max_request_bytes);
    handler->use_workers(impl_->workers.get());
    impl_->endpoint->setHandler(handler);
    impl_->endpoint->serveThreaded();
    impl_->running = true;
    auto reactors = handler->reactor_transports();
    if (reactors.empty()) throw std::runtime_error("Pistache started no reactor");
    http::FrontOptions front;
    front.host = o.host;
    front.port = o.port;
    front.tls_cert = o.tls_cert;
    front.tls_key = o.tls_key;
    front.handshake_timeout = std::chrono::seconds(o.header_timeout_s);
    front.max_connections = o.max_connections;
    front.log = server_warning;
    impl_->front = std::make_unique<http::ConnectionFront>(
        front, [reactors](http::ReadyConnection c) { serve_connection(reactors, std::move(c)); });
    impl_->front->start();
  } catch (const std::exception& e) {
    impl_->front.reset();
    if (impl_->endpoint && impl_->running) impl_->endpoint->shutdown();
    impl_->running = false;
    impl_->endpoint.reset();
    impl_->workers.reset();
    throw std::runtime_error("cannot serve on " + o.host + ":" + std::to_string(o.port) + ": " + e.what());
  }
}

std::uint16_t HttpServer::port() const { return impl_->front ? impl_->front->port() : 0; }

std::size_t HttpServer::max_connections() const {
  return impl_->front ? impl_->front->max_connections() : 0;
}

std::string HttpServer::url() const {
  return std::string(impl_->options.tls_cert.empty() ? "http://" : "https://") + impl_->options.host +
         ":" + std::to_string(port());
}

void HttpServer::stop() {
  // No new connection reaches the reactors; handshakes in progress are dropped.
  if (impl_ && impl_->front) impl_->front->stop();
  // Running tasks finish and reply while the endpoint still exists; waiting ones are dropped.
  if (impl_ && impl_->workers) impl_->workers->stop();
  if (impl_ && impl_->endpoint && impl_->running) {
    impl_->endpoint->shutdown();
    impl_->running = false;
  }
  if (impl_) impl_->endpoint.reset();
  if (impl_) impl_->workers.reset();
  if (impl_) impl_->front.reset();
}

}  // namespace ock::server
