// duband: the duban service. Wiring only: command line, configuration, logging, then the
// Service (daemon/duband/service.h) runs until SIGTERM. Exceptions are caught here, once.
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "config/config_loader.h"
#include "daemon/duband/check_store.h"
#include "daemon/duband/delivery.h"
#include "daemon/duband/logging.h"
#include "daemon/duband/service.h"
#include "daemon/duband/shifted_clock.h"
#include "daemon/duband/version.h"
#include "daemon/protocol.h"
#include "notifiers/curl_global.h"

namespace {

constexpr const char* kDefaultConfig = "/etc/duban/duban.toml";

struct Options {
  std::string config = kDefaultConfig;
  std::string log_level;
  std::string log_file;  // --log-file: overrides [daemon] log_file
  bool check_config = false;
  std::string clock_start;  // --clock-start: run as if the wall clock read this at start
  std::string check_store;  // --check-store FILE: check a store file (a restore) and exit
};

// Loads the config; prints each warning and error to stderr, one per line.
std::optional<duban::Config> LoadConfig(const std::string& path) {
  duban::ConfigLoadResult loaded = duban::LoadConfigFile(path);
  for (const duban::ConfigError& warning : loaded.warnings) {
    std::cerr << "warning: " << warning.ToString() << "\n";
  }
  for (const duban::ConfigError& error : loaded.errors) std::cerr << error.ToString() << "\n";
  return std::move(loaded.config);
}

int CheckConfig(const Options& options) {
  std::optional<duban::Config> config = LoadConfig(options.config);
  if (!config) return EXIT_FAILURE;
  if (auto delivery = duban::PrepareDelivery(*config); !delivery.ok()) {
    // Template errors name where they come from (FILE:LINE, or the template's own file);
    // only a [mail] error needs the config file's name in front.
    const std::string& message = delivery.status().message();
    std::cerr << (message.starts_with('[') ? options.config + ": " : "") << message << "\n";
    return EXIT_FAILURE;
  }
  std::cout << duban::DescribeConfig(*config);
  std::cerr << "config OK\n";
  return EXIT_SUCCESS;
}

int RunDaemon(const Options& options) {
  std::optional<duban::Config> config = LoadConfig(options.config);
  if (!config) {
    std::cerr << "duband: " << options.config << ": configuration has errors; not starting\n";
    return EXIT_FAILURE;
  }
  const std::string& level_name =
      options.log_level.empty() ? config->daemon.log_level : options.log_level;
  auto level = duban::ParseLogLevel(level_name);
  if (!level.ok()) {
    std::cerr << "duband: " << level.status().message() << "\n";
    return EXIT_FAILURE;
  }
  const std::string log_file =
      options.log_file.empty() ? config->daemon.log_file.string() : options.log_file;
  if (duban::Status logging = duban::SetUpLogging(*level, log_file); !logging.ok()) {
    std::cerr << "duband: " << logging.message() << "\n";
    return EXIT_FAILURE;
  }
  duban::ServiceOptions service_options;
  service_options.config_path = std::filesystem::absolute(options.config);
  service_options.log_level_override = options.log_level;
  if (!options.clock_start.empty()) {
    auto start = duban::ParseInstant(options.clock_start);
    if (!start.ok()) {
      std::cerr << "duband: --clock-start: " << start.status().message() << "\n";
      return EXIT_FAILURE;
    }
    service_options.clock = duban::ShiftedClock(*start);
    spdlog::warn("clock shifted: starting at {} (--clock-start)", options.clock_start);
  }
  auto service = duban::Service::Start(std::move(*config), std::move(service_options));
  if (!service.ok()) {
    spdlog::critical("cannot start: {}", service.status().message());
    return EXIT_FAILURE;
  }
  (*service)->Run();
  spdlog::info("stopped");
  return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"duband: tracks the tasks of a division-of-labour plan (分工方案) and reminds "
               "the agencies that own them"};
  Options options;
  app.add_option("-c,--config", options.config, "configuration file")
      ->capture_default_str();
  app.add_flag("--check-config", options.check_config,
               "load and validate the configuration, print it, and exit");
  app.add_option("--check-store", options.check_store,
                 "check a store file read-only (integrity, schema version) before restoring "
                 "it, print a summary, and exit (docs/BACKUP.md)");
  app.add_option("--log-level", options.log_level,
                 "trace, debug, info, warn, error (overrides [daemon] log_level)");
  app.add_option("--log-file", options.log_file,
                 "log to this file (rotated at 10 MiB, 5 kept) instead of stderr (overrides "
                 "[daemon] log_file)");
  app.add_option("--clock-start", options.clock_start,
                 "run as if the wall clock read this instant at start, e.g. "
                 "2026-12-01T09:00:00+08:00 (drills and tests; it then advances in real time)");
  app.set_version_flag("--version", "duband " + std::string(duban::kDubandVersion) +
                                        " (control protocol " +
                                        std::to_string(duban::protocol::kProtocolVersion) + ")");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    std::cerr << "duband: " << e.what() << "\n(see duband --help)\n";
    return 2;  // a usage error, as dubanctl's (CLI11's own codes are 100 and up)
  }
  const duban::CurlGlobal curl;  // before any thread: libcurl's global state
  try {
    if (!options.check_store.empty()) {
      return duban::CheckStoreCommand(options.check_store, std::cout, std::cerr);
    }
    return options.check_config ? CheckConfig(options) : RunDaemon(options);
  } catch (const std::exception& e) {
    std::cerr << "duband: " << e.what() << "\n";
    return EXIT_FAILURE;
  }
}
