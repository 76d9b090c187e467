// Helpers shared by the config tests: a scratch directory and error matchers.
#ifndef DUBAN_TESTS_CONFIG_CONFIG_TEST_UTIL_H_
#define DUBAN_TESTS_CONFIG_CONFIG_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include "config/config_loader.h"

namespace duban::testing {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("duban-config-test-" + std::to_string(random()) + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  std::filesystem::path Write(const std::string& name, std::string_view content) const {
    std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// All errors of a failed load, one per line, for failure messages.
inline std::string Dump(const ConfigLoadResult& result) {
  std::string out;
  for (const auto& error : result.errors) out += error.ToString() + "\n";
  return out;
}

// REQUIRE that the load failed with exactly one error, and return it.
inline ConfigError OnlyError(const ConfigLoadResult& result) {
  INFO(Dump(result));
  REQUIRE_FALSE(result.config.has_value());
  REQUIRE(result.errors.size() == 1);
  return result.errors.front();
}

// Where the string-loaded test configs claim to live.
inline const std::filesystem::path kConfigPath = "/etc/duban/duban.toml";

inline ConfigLoadResult Load(std::string_view toml) { return LoadConfigString(toml, kConfigPath); }

// REQUIRE that `toml` loads without errors, and return the config.
inline Config LoadOk(std::string_view toml, const std::filesystem::path& path = kConfigPath) {
  ConfigLoadResult result = LoadConfigString(toml, path);
  INFO(Dump(result));
  REQUIRE(result.errors.empty());
  REQUIRE(result.config.has_value());
  return *result.config;
}

// An error of a load from kConfigPath, at line:column, for `field`, with `message_part`.
inline void CheckError(const ConfigError& error, int line, int column, std::string_view field,
                       std::string_view message_part) {
  INFO(error.ToString());
  CHECK(error.file == kConfigPath.string());
  CHECK(error.line == line);
  CHECK(error.column == column);
  CHECK(error.field == field);
  CHECK_THAT(error.message, Catch::Contains(std::string(message_part)));
}

// DescribeConfig's text loads back to a config equal to `config` (secrets read from
// `options.secrets` when given).
inline void CheckRoundTrip(const Config& config, const LoadOptions& options = {}) {
  const std::string text = DescribeConfig(config);
  INFO(text);
  ConfigLoadResult again = LoadConfigString(text, config.source, options);
  INFO(Dump(again));
  REQUIRE(again.config);
  CHECK(*again.config == config);
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_CONFIG_CONFIG_TEST_UTIL_H_
