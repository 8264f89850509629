#include "client/exchange_format.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace ock::client {

namespace {

constexpr std::size_t kMaxRawBody = 2000;

std::string header_line(const std::string& name, const std::string& value) {
  return name + ": " + mask_header(name, value);
}

std::string prefix_lines(const std::string& text, const std::string& prefix) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out += prefix + line + "\n";
  }
  return out;
}

std::string find_header(const Headers& headers, const std::string& name) {
  HttpResponse probe;
  probe.headers = headers;
  return probe.header(name);
}

// The head as curl sent it, one header per line, secret values masked.
std::string request_head(const Exchange& x) {
  std::string out;
  if (x.sent_head.empty()) {
    out += x.request.method + " " + x.request.url + "\n";
    for (const auto& [name, value] : x.request.headers) out += header_line(name, value) + "\n";
    return out;
  }
  std::istringstream in(x.sent_head);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const auto colon = line.find(':');
    if (colon != std::string::npos && line.find(' ') > colon) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      out += header_line(line.substr(0, colon), value) + "\n";
    } else {
      out += line + "\n";
    }
  }
  return out;
}

}  // namespace

std::string format_body(const std::string& body, const std::string& content_type,
                        const Redactor& redactor) {
  if (body.empty()) return {};
  auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_discarded() && (json.is_object() || json.is_array())) {
    return redactor.redact(mask_json(json).dump(2)) + "\n";
  }
  if (content_type.find("x-www-form-urlencoded") != std::string::npos) {
    return redactor.redact(mask_form_body(body)) + "\n";
  }
  std::string text = body.substr(0, kMaxRawBody);
  std::string out = redactor.redact(text);
  if (out.empty() || out.back() != '\n') out += "\n";
  if (body.size() > kMaxRawBody) {
    out += "(… " + std::to_string(body.size() - kMaxRawBody) + " more bytes not shown)\n";
  }
  return out;
}

std::string format_exchange(const Exchange& x, const Redactor& redactor) {
  std::string out = prefix_lines(redactor.redact(request_head(x)), "> ");
  const std::string request_type = find_header(x.request.headers, "Content-Type");
  if (!x.request.body.empty()) {
    out += ">\n" + prefix_lines(format_body(x.request.body, request_type, redactor), "> ");
  }
  out += "\n";
  if (!x.completed) {
    out += "(no answer: " + redactor.redact(x.transport_error) + ")\n";
    return out;
  }
  std::string head = x.response.status_line + "\n";
  for (const auto& [name, value] : x.response.headers) head += header_line(name, value) + "\n";
  out += prefix_lines(redactor.redact(head), "< ");
  if (!x.response.body.empty()) {
    const std::string type = x.response.header("Content-Type");
    out += "<\n" + prefix_lines(format_body(x.response.body, type, redactor), "< ");
  }
  return out;
}

}  // namespace ock::client
