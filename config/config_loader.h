// Loads and validates duban's TOML configuration (toml++). All fallible work happens here,
// before any live state is touched, so a failed reload leaves the running config intact.
//
// Every problem is reported, not only the first, each as "FILE:LINE:COLUMN: FIELD: message"
// (unknown keys, wrong types, bad values, alias clashes between agencies, a missing
// plan file, an unknown time zone, overlapping holidays, a reminder offset on or after
// the due date, an escalation step with no recipients ...), sorted by position. The exception is TOML syntax: toml++ stops at the first
// syntax error, so that is then the only error, with toml++'s position and no field
// ("FILE:LINE:COLUMN: message"). The keys, their defaults and their checks are the
// tables in config/config_schema.cpp; examples/duban.toml documents them for users.
//
// Thread-safety: the functions keep no state and may be called from any thread.
#ifndef DUBAN_CONFIG_CONFIG_LOADER_H_
#define DUBAN_CONFIG_CONFIG_LOADER_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"

namespace duban {

struct ConfigError {
  std::string file;
  int line = 0;    // 1-based; 0 when the problem has no position (missing key)
  int column = 0;  // 1-based, in characters (code points), not bytes; 0 when unknown
  std::string field;  // dotted path: "agency[3].email", "daemon.socket"
  std::string message;

  std::string ToString() const;  // "duban.toml:12:1: daemon.socket: expected a string"
};

struct ConfigLoadResult {
  std::optional<Config> config;     // set iff errors is empty
  std::vector<ConfigError> errors;  // in file order
  // Sound but doubtful settings, in file order, with or without errors: an escalation
  // step addressed to the office or the leading group while [office] gives no address
  // for it. Line 0 when the setting is a default the file does not write.
  std::vector<ConfigError> warnings;
};

class SecretSource;  // config/secret_reader.h

struct LoadOptions {
  // Where secrets named by <key>_file / <key>_env ([mail] password, [[webhook]] secret)
  // are read from. nullptr: the system's files and environment (SystemSecretSource()).
  // Tests, and a check of a production config away from its machine, pass their own.
  const SecretSource* secrets = nullptr;
};

// Reads and validates the file at `path`, secrets included: a secret file or variable
// that cannot be read is an error at the key that names it. A file that cannot be read is
// one error at line 0 naming the file ("duban.toml:0:0: cannot open config file: No such
// file ..."). Every call reads the secrets anew, so a reload picks up a rotated password.
ConfigLoadResult LoadConfigFile(const std::filesystem::path& path, const LoadOptions& options = {});

// Same, from text; `path` is used for messages and to resolve relative paths.
ConfigLoadResult LoadConfigString(std::string_view toml, const std::filesystem::path& path,
                                  const LoadOptions& options = {});

// The config as TOML, for `duband --check-config` and `config show`: secrets appear as
// where they are read from ("password_file = ...  # (from file /etc/duban/smtp-password),
// value redacted"), never by value. The text loads back to an equal config.
std::string DescribeConfig(const Config& config);

}  // namespace duban

#endif  // DUBAN_CONFIG_CONFIG_LOADER_H_
