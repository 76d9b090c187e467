// Secret reading: the SMTP password and webhook signing secrets are named in the config
// by where they live (a file, or an environment variable of duband), never by value. This
// reads them, and describes a Secret without its value.
//
// SecretSource is the seam: the loader reads through it, so tests (and a check of a
// production config on another machine) can stand in for /etc/duban/... files. The
// system's source refuses a file that others, or a group other than duband's own, may
// read, so a secret never sits readable by people because of a careless `cp`.
//
// No message of this module (or of its callers) contains a secret's value: errors name
// the file or the variable and what is wrong with it.
//
// Thread-safety: SystemSecretSource() is stateless and may be used from any thread (it
// calls getenv, which races only with setenv; duband never calls setenv).
#ifndef DUBAN_CONFIG_SECRET_READER_H_
#define DUBAN_CONFIG_SECRET_READER_H_

#include <cstddef>
#include <filesystem>
#include <string>

#include "config/config.h"
#include "workflow/status.h"

namespace duban {

// A secret file larger than this is refused (a secret is a line, not a document).
inline constexpr std::size_t kMaxSecretBytes = 64 * 1024;

class SecretSource {
 public:
  virtual ~SecretSource() = default;

  // The contents of the file at `path` (absolute) with trailing line breaks ("\n",
  // "\r\n") stripped. Fails, naming the path: the file does not exist, cannot be read
  // (with the system's reason), is not a regular file, is readable by others (mode &
  // 0004; the message says "chmod o-r PATH"), is readable by a group other than the
  // process's effective group (mode & 0040; the message names the group and says "chgrp"
  // or "chmod g-r"), is larger than kMaxSecretBytes, or is
  // empty once stripped.
  virtual Result<std::string> ReadFile(const std::filesystem::path& path) const = 0;

  // The value of environment variable `name`. Fails, naming the variable, when it is
  // not set or is empty.
  virtual Result<std::string> ReadEnv(const std::string& name) const = 0;
};

// Files through open(2)/fstat(2), the environment through getenv(3).
const SecretSource& SystemSecretSource();

// Fills `secret.value` from `secret.file` or else `secret.env` through `source`; with
// neither set, leaves the value empty and succeeds. On failure the value is cleared and
// the Status message is the source's (naming the file or variable, never a value).
Status ReadSecret(const SecretSource& source, Secret& secret);

// How `config show` and logs show a secret: "(from file /etc/duban/smtp-password)",
// "(from env DUBAN_SMTP_PASSWORD)", or "(none)". Never the value.
std::string DescribeSecret(const Secret& secret);

// `text` without its trailing "\n" and "\r\n" line breaks (any number of them).
std::string StripTrailingLineBreaks(std::string text);

}  // namespace duban

#endif  // DUBAN_CONFIG_SECRET_READER_H_
