#include "reference-server/core/oauth_error.h"

namespace ock::server {

std::string_view to_wire(ErrorCode code) {
  switch (code) {
#define OCK_X(name, wire) \
  case ErrorCode::name:   \
    return wire;
    OCK_OAUTH_ERRORS(OCK_X)
#undef OCK_X
  }
  return "server_error";
}

}  // namespace ock::server
