#include "conformance/transport/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace ock::conformance::transport {
namespace {

using engine::HttpExchange;
using engine::HttpRequest;
using engine::TlsVersion;
using engine::TransportError;

struct Capture {
  std::string request_head;
  std::string request_body;
  std::string response_head;  // every header block received (1xx blocks included)
  std::string body;
  std::size_t max_body = 0;   // bytes of body kept
  std::size_t dropped = 0;    // bytes received beyond max_body
  std::string tls_version;  // from curl's "SSL connection using TLSv1.3 / ..." line
};

// curl reports the negotiated protocol in an informational line; keep "TLSv1.3".
void note_tls_version(std::string_view text, Capture& cap) {
  constexpr std::string_view kMarker = "SSL connection using ";
  auto at = text.find(kMarker);
  if (at == std::string_view::npos) return;
  auto rest = text.substr(at + kMarker.size());
  cap.tls_version = std::string(rest.substr(0, rest.find_first_of(" /\r\n")));
}

int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
  auto* cap = static_cast<Capture*>(user);
  switch (type) {
    case CURLINFO_HEADER_OUT:
      cap->request_head.append(data, size);
      break;
    case CURLINFO_DATA_OUT:
      cap->request_body.append(data, size);
      break;
    case CURLINFO_HEADER_IN:
      cap->response_head.append(data, size);
      break;
    case CURLINFO_TEXT:
      note_tls_version(std::string_view(data, size), *cap);
      break;
    default:
      break;
  }
  return 0;
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* cap = static_cast<Capture*>(user);
  const std::size_t bytes = size * n;
  const std::size_t room = cap->max_body > cap->body.size() ? cap->max_body - cap->body.size() : 0;
  cap->body.append(data, std::min(bytes, room));
  cap->dropped += bytes - std::min(bytes, room);
  return bytes;
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(user);
  return abort != nullptr && *abort ? 1 : 0;  // non-zero aborts the transfer
}

long tls_constant(TlsVersion v) {
  switch (v) {
    case TlsVersion::kV1_0:
      return static_cast<long>(CURL_SSLVERSION_TLSv1_0) |
             static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_0);
    case TlsVersion::kV1_1:
      return static_cast<long>(CURL_SSLVERSION_TLSv1_1) |
             static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_1);
    case TlsVersion::kV1_2:
      return static_cast<long>(CURL_SSLVERSION_TLSv1_2) |
             static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_2);
    case TlsVersion::kV1_3:
      return static_cast<long>(CURL_SSLVERSION_TLSv1_3) |
             static_cast<long>(CURL_SSLVERSION_MAX_TLSv1_3);
    case TlsVersion::kDefault:
      return static_cast<long>(CURL_SSLVERSION_DEFAULT);
  }
  return static_cast<long>(CURL_SSLVERSION_DEFAULT);
}

TransportError::Kind classify(CURLcode rc) {
  switch (rc) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_CONNECT:
      return TransportError::Kind::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::Kind::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
      return TransportError::Kind::kTls;
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
      return TransportError::Kind::kProtocol;
    default:
      return TransportError::Kind::kOther;
  }
}

// The last header block (after any 1xx) split into status line and (name, value) pairs.
void parse_head(std::string_view head, engine::HttpResponse& out) {
  // Find the start of the last block: blocks are separated by an empty line.
  std::size_t start = 0;
  for (std::size_t pos = head.find("\r\n\r\n"); pos != std::string_view::npos;
       pos = head.find("\r\n\r\n", pos + 4)) {
    if (pos + 4 < head.size()) start = pos + 4;
  }
  std::string_view block = head.substr(start);
  bool first = true;
  while (!block.empty()) {
    auto eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view{} : block.substr(eol + 2);
    if (line.empty()) continue;
    if (first) {
      out.status_line = std::string(line);
      first = false;
      continue;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !out.headers.empty()) {
      out.headers.back().value += " ";  // obsolete line folding
      out.headers.back().value += std::string(line.substr(line.find_first_not_of(" \t")));
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    out.headers.push_back({std::string(line.substr(0, colon)), std::string(value)});
  }
}

struct EasyDeleter {
  void operator()(CURL* h) const { curl_easy_cleanup(h); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

CurlGlobal::CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

CurlTransport::CurlTransport(CurlOptions options) : options_(std::move(options)) {}

namespace {

void set_tls(CURL* e, const HttpRequest& request, const CurlOptions& options) {
  bool verify = request.verify_tls.value_or(!options.insecure);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (!options.ca_file.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, options.ca_file.c_str());
  curl_easy_setopt(e, CURLOPT_SSLVERSION, tls_constant(request.tls_exact));
}

void set_method_and_body(CURL* e, const HttpRequest& request) {
  if (request.method == "GET") {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    if (!request.body.empty()) {
      // A GET with a body (RFC 6750 §2.2 probe): send it as fields but keep the GET verb.
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, "GET");
    }
  } else if (request.method == "HEAD") {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, static_cast<long>(request.body.size()));
    if (request.method != "POST") {
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
  }
}

// The request's headers as given; no Expect:, no curl default Content-Type, Accept: */* when
// the case set none.
std::unique_ptr<curl_slist, ListDeleter> header_list(const HttpRequest& request) {
  curl_slist* raw_list = curl_slist_append(nullptr, "Expect:");
  bool has_accept = false;
  bool has_content_type = false;
  for (const auto& hdr : request.headers) {
    std::string line = hdr.name + (hdr.value.empty() ? ";" : ": " + hdr.value);
    raw_list = curl_slist_append(raw_list, line.c_str());
    if (engine::find_header({hdr}, "Accept")) has_accept = true;
    if (engine::find_header({hdr}, "Content-Type")) has_content_type = true;
  }
  if (!has_content_type && !request.body.empty()) {
    raw_list = curl_slist_append(raw_list, "Content-Type:");  // no curl default form type
  }
  if (!has_accept) raw_list = curl_slist_append(raw_list, "Accept: */*");
  return std::unique_ptr<curl_slist, ListDeleter>(raw_list);
}

// The exchange from what curl captured.
HttpExchange collect(CURL* e, const HttpRequest& request, Capture& cap) {
  HttpExchange x;
  x.request = request;
  x.raw_request = cap.request_head + cap.request_body;
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  x.response.status = static_cast<int>(status);
  parse_head(cap.response_head, x.response);
  x.response.body = std::move(cap.body);
  x.response.body_bytes_dropped = cap.dropped;
  x.raw_head = std::move(cap.response_head);
  curl_off_t total_us = 0;
  curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &total_us);
  x.elapsed = std::chrono::microseconds(total_us);
  x.tls_version = std::move(cap.tls_version);
  return x;
}

}  // namespace

Result<HttpExchange, TransportError> CurlTransport::send(const HttpRequest& request) {
  std::unique_ptr<CURL, EasyDeleter> h(curl_easy_init());
  if (!h) return fail(TransportError{TransportError::Kind::kOther, "curl_easy_init failed"});
  CURL* e = h.get();
  Capture cap;
  cap.max_body = options_.max_body;
  char errbuf[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_1_1));
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);
  curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt(e, CURLOPT_DEBUGDATA, &cap);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &cap);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  auto total = request.timeout.value_or(options_.total_timeout);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  const std::string source = "host!" + request.source_address;  // an address, never a name
  if (!request.source_address.empty()) curl_easy_setopt(e, CURLOPT_INTERFACE, source.c_str());
  if (options_.abort != nullptr) {
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(options_.abort));
  }

  set_tls(e, request, options_);
  set_method_and_body(e, request);
  auto list = header_list(request);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, list.get());
  curl_easy_setopt(e, CURLOPT_USERAGENT, "oauth-conformance");

  CURLcode rc = curl_easy_perform(e);
  if (rc != CURLE_OK) {
    std::string msg = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == '\r')) msg.pop_back();
    return fail(TransportError{classify(rc), msg});
  }
  // curl (7.88) returns OK when the server closes the connection in the middle of the header
  // block: the status line and some headers, no empty line. That is no reply to judge.
  const std::string_view head = cap.response_head;
  if (!head.ends_with("\r\n\r\n") && !head.ends_with("\n\n")) {
    return fail(TransportError{TransportError::Kind::kProtocol,
                               "the connection closed before the end of the reply's headers"});
  }
  return collect(e, request, cap);
}

}  // namespace ock::conformance::transport
