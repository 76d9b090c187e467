// Config: duban's typed configuration, as loaded from TOML by LoadConfigFile
// (config/config_loader.h). Plain value; every path is absolute (relative paths in the
// file are resolved against the directory of the config file).
#ifndef DUBAN_CONFIG_CONFIG_H_
#define DUBAN_CONFIG_CONFIG_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "workflow/agency.h"

namespace duban {

struct DaemonConfig {
  std::filesystem::path state_dir;    // [daemon] state_dir: holds the database
  std::filesystem::path socket_path;  // [daemon] socket: the control socket
  std::string log_level = "info";     // [daemon] log_level: trace|debug|info|warn|error
  std::string time_zone = "Asia/Shanghai";  // [daemon] time_zone (IANA name)
};

struct ControlConfig {
  // [control] admin_group: members (and root, and the daemon's own user) may mutate.
  // Empty: only root and the daemon's own user.
  std::string admin_group;
  std::size_t max_request_bytes = 32 * 1024 * 1024;  // [control] max_request_bytes
  int max_clients = 32;                              // [control] max_clients
  int idle_timeout_seconds = 60;                     // [control] idle_timeout_seconds
};

struct StoreConfig {
  std::filesystem::path path;  // [store] path, default <state_dir>/duban.db
};

struct MailConfig {
  std::string transport = "file";  // [mail] transport: "file" (only one so far)
  std::filesystem::path dir;       // [mail] dir: where the file sink writes .eml files
  std::string from;                // [mail] from: "督办系统 <duban@example.gov.cn>"
};

struct PlanConfig {
  // [plan] file: imported at start-up when the store holds no plan yet ("" = none).
  std::filesystem::path file;
  // [plan] first_listed_leads: see PlanImportOptions::first_listed_leads.
  bool first_listed_leads = false;
};

struct Config {
  std::filesystem::path source;  // the config file itself
  DaemonConfig daemon;
  ControlConfig control;
  StoreConfig store;
  MailConfig mail;
  PlanConfig plan;
  std::vector<AgencyInfo> agencies;  // [[agency]] tables
};

}  // namespace duban

#endif  // DUBAN_CONFIG_CONFIG_H_
