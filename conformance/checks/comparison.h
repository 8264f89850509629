// Checks that two replies cannot be told apart, for replies a server must not let a client
// distinguish (an unknown user and a wrong password: RFC 6819 §4.4.3.6, §5.1.4.2.1): the same
// status, error code, error_description and header names, and latencies within a gross margin.
// `reference` names what the second reply answered ("a wrong password"). No I/O.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/checks/check.h"
#include "conformance/engine/http.h"

namespace ock::conformance::checks {

using engine::HttpExchange;

// Header names of a reply, lower-cased, without those that vary anyway (Date, Content-Length,
// X-Request-Id).
std::set<std::string> comparable_header_names(const HttpExchange& x);
// Median of the elapsed times of the exchanges, in milliseconds (0 when empty).
double median_ms(const std::vector<HttpExchange>& xs);
// "median 12.0 ms (unknown user) vs 11.5 ms (wrong password)".
std::string describe_latency(const std::vector<HttpExchange>& xs,
                             const std::vector<HttpExchange>& refs, std::string_view what,
                             std::string_view reference);

//                                                              default id "same_status"
bool expect_same_status(const HttpExchange& x, const HttpExchange& ref, std::string_view reference,
                        const Tag& tag = {});
//                                                              default id "same_error_code"
bool expect_same_error_code(const HttpExchange& x, const HttpExchange& ref,
                            std::string_view reference, const Tag& tag = {});
//                                                              default id "same_description"
bool expect_same_error_description(const HttpExchange& x, const HttpExchange& ref,
                                   std::string_view reference, const Tag& tag = {});
//                                                              default id "same_header_names"
bool expect_same_header_names(const HttpExchange& x, const HttpExchange& ref,
                              std::string_view reference, const Tag& tag = {});
// Median latencies within 100 ms or a factor of 3: only a gross difference counts (few samples,
// other cases running at the same time; a server that hashes only for existing users differs by
// orders of magnitude).                                        default id "similar_latency"
bool expect_similar_latency(const std::vector<HttpExchange>& xs,
                            const std::vector<HttpExchange>& refs, std::string_view what,
                            std::string_view reference, const Tag& tag = {});

}  // namespace ock::conformance::checks
