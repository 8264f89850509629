#include "client/secrets.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace ock::client {

namespace {

std::string strip_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// Reads one line from the terminal with echo off, restoring the terminal afterwards.
std::optional<std::string> prompt_no_echo(const std::string& prompt) {
  // Echo goes off before the prompt appears, so nothing typed after it is ever shown; TCSANOW
  // keeps what was already typed (TCSAFLUSH would throw it away).
  termios old_mode{};
  const bool have_mode = ::tcgetattr(STDIN_FILENO, &old_mode) == 0;
  if (have_mode) {
    termios quiet = old_mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::cerr << prompt << std::flush;
  std::string line;
  const bool got = static_cast<bool>(std::getline(std::cin, line));
  if (have_mode) ::tcsetattr(STDIN_FILENO, TCSANOW, &old_mode);
  std::cerr << "\n";
  if (!got) return std::nullopt;
  return strip_newlines(line);
}

}  // namespace

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

SecretValue read_secret(const SecretSpec& spec) {
  SecretValue out;
  if (!spec.file.empty()) {
    std::ifstream in(spec.file);
    if (!in) {
      out.error =
          "cannot read the " + spec.what + " file " + spec.file + " given to " + spec.file_flag;
      return out;
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string value = strip_newlines(text.str());
    if (value.empty()) {
      out.error = "the " + spec.what + " file " + spec.file + " is empty";
      return out;
    }
    out.value = std::move(value);
    out.origin = "the file " + spec.file;
    return out;
  }
  if (const char* env = std::getenv(spec.env_name.c_str()); env != nullptr && env[0] != '\0') {
    out.value = env;
    out.origin = spec.env_name;
    return out;
  }
  if (stdin_is_terminal()) {
    auto typed = prompt_no_echo(spec.prompt);
    if (typed && !typed->empty()) {
      out.value = std::move(typed);
      out.origin = "the prompt";
      return out;
    }
    out.error = "no " + spec.what + " was typed";
    return out;
  }
  out.error = "no " + spec.what + " is available: set " + spec.env_name + ", pass " +
              spec.file_flag + " FILE, or run on a terminal to be asked";
  return out;
}

}  // namespace ock::client
