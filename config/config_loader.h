// Loads and validates duban's TOML configuration (toml++). All fallible work happens here,
// before any live state is touched, so a failed reload leaves the running config intact.
//
// Every problem is reported, not only the first, each as "FILE:LINE:COLUMN: FIELD: message"
// (unknown keys, wrong types, bad values, alias clashes between agencies).
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
  int column = 0;  // 1-based; 0 when unknown
  std::string field;  // dotted path: "agency[3].email", "daemon.socket"
  std::string message;

  std::string ToString() const;  // "duban.toml:12:1: daemon.socket: expected a string"
};

struct ConfigLoadResult {
  std::optional<Config> config;     // set iff errors is empty
  std::vector<ConfigError> errors;  // in file order
};

// Reads and validates the file at `path`.
ConfigLoadResult LoadConfigFile(const std::filesystem::path& path);

// Same, from text; `path` is used for messages and to resolve relative paths.
ConfigLoadResult LoadConfigString(std::string_view toml, const std::filesystem::path& path);

// The config as TOML with secrets replaced by "(redacted)", for `duband --check-config`.
std::string DescribeConfig(const Config& config);

}  // namespace duban

#endif  // DUBAN_CONFIG_CONFIG_LOADER_H_
