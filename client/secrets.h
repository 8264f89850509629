// Where the client secret and the user's password come from: a file named by a flag, an
// environment variable, or a no-echo prompt on a terminal; never a plain flag, which would land
// in the shell history. POSIX termios and files; no network, no OAuth logic.
#pragma once

#include <optional>
#include <string>

namespace ock::client {

struct SecretSpec {
  std::string what;       // "client secret", used in prompts and errors
  std::string env_name;   // "OAUTH_CLIENT_SECRET"
  std::string file;       // from --client-secret-file, "" if not given
  std::string file_flag;  // "--client-secret-file", named in the error
  std::string prompt;     // "Client secret for demo-client: "
};

struct SecretValue {
  std::optional<std::string> value;
  std::string origin;  // "the file F", "OAUTH_CLIENT_SECRET", "the prompt"
  std::string error;   // one sentence when value is empty
};

// The file wins over the environment, the environment over the prompt; the prompt is only
// offered when stdin is a terminal. Trailing newlines are dropped from files.
SecretValue read_secret(const SecretSpec& spec);

// True when standard input is a terminal.
bool stdin_is_terminal();

}  // namespace ock::client
