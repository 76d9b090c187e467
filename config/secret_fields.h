// The TOML side of secrets. A secret `<key>` (mail `password`, webhook `secret`) is
// written as `<key>_file = "/etc/duban/..."` (resolved against the config's directory)
// or `<key>_env = "DUBAN_..."`, never as `<key> = "value"`: that is refused with a
// message saying what to write instead, so a secret never lands in a config file that
// is copied, versioned and printed by `config show`.
//
// A table's reader records both keys into a SecretDraft, then calls ResolveSecret once
// the table is read: that refuses both keys at once and reads the value through the
// load's SecretSource, reporting problems at the key that named the secret. No message
// contains the value.
//
// Internal to config/. Stateless; thread-safe.
#ifndef DUBAN_CONFIG_SECRET_FIELDS_H_
#define DUBAN_CONFIG_SECRET_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "config/config.h"
#include "config/value_reader.h"

namespace duban::config_internal {

struct SecretDraft {
  Secret secret;
  std::optional<Located> file_at;  // where <key>_file was
  std::optional<Located> env_at;   // where <key>_env was
  bool invalid = false;            // a key was given but its value was refused (reported)

  std::optional<Located> inline_at;  // where the refused <key> itself was

  bool given() const { return file_at.has_value() || env_at.has_value() || inline_at.has_value(); }
  // The key that names the secret (the file's when several are given); REQUIRES: given().
  const Located& at() const { return file_at ? *file_at : env_at ? *env_at : *inline_at; }
};

// <key>_file: a path, resolved against the config's directory.
void ReadSecretFile(ValueReader& in, SecretDraft& draft);
// <key>_env: an environment variable name, [A-Za-z_][A-Za-z0-9_]*.
void ReadSecretEnv(ValueReader& in, SecretDraft& draft);
// <key> itself: always an error ("secrets are never written in the config; use
// <key>_file or <key>_env"), without echoing the value. Marks the draft invalid.
void RefuseInlineSecret(ValueReader& in, std::string_view key, SecretDraft& draft);

// After the table is read: an error when both <key>_file and <key>_env are given (at
// the later of the two); else reads the value (see ReadSecret, secret_reader.h). Returns
// true when the secret is not given or was read; false after reporting an error.
bool ResolveSecret(SecretDraft& draft, std::string_view key, ErrorSink& sink, const LoadContext& context);

// Reports `message` about the secret's value at the key that named it. REQUIRES: given().
void SecretValueError(const SecretDraft& draft, ErrorSink& sink, const std::string& message);

// DescribeConfig's lines for a secret: `<key>_file = "PATH"  # (from file PATH), value
// redacted` (or the _env form); nothing when the secret is not set. Loads back to the
// same Secret.
void DescribeSecretKeys(std::string_view key, const Secret& secret, std::string& out);

}  // namespace duban::config_internal

#endif  // DUBAN_CONFIG_SECRET_FIELDS_H_
