// Config: duban's typed configuration, as loaded from TOML by LoadConfigFile
// (config/config_loader.h). Plain value; every path is absolute (relative paths in the
// file are resolved against the directory of the config file). The defaults below are
// those of a key missing from the file; store.path and mail.dir default to
// <state_dir>/duban.db and <state_dir>/mail, filled in by the loader.
#ifndef DUBAN_CONFIG_CONFIG_H_
#define DUBAN_CONFIG_CONFIG_H_

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "workflow/agency.h"
#include "workflow/deadline.h"
#include "workflow/rules.h"
#include "workflow/working_calendar.h"

namespace duban {

struct DaemonConfig {
  std::filesystem::path state_dir = "/var/lib/duban";             // [daemon] state_dir
  std::filesystem::path socket_path = "/run/duban/duband.sock";  // [daemon] socket
  std::string log_level = "info";           // [daemon] log_level: trace|debug|info|warn|error
  std::string time_zone = "Asia/Shanghai";  // [daemon] time_zone (IANA name or "UTC")
  // [daemon] max_sleep_seconds: the scheduler never sleeps longer than this, so a jump of
  // the wall clock is noticed within this bound.
  int max_sleep_seconds = 60;

  bool operator==(const DaemonConfig&) const = default;
};

struct ControlConfig {
  // [control] admin_group: members (and root, and the daemon's own user) may mutate.
  // Empty: only root and the daemon's own user.
  std::string admin_group;
  std::size_t max_request_bytes = 32 * 1024 * 1024;  // [control] max_request_bytes, 1 KiB..1 GiB
  int max_clients = 32;                              // [control] max_clients, >= 1
  int idle_timeout_seconds = 60;                     // [control] idle_timeout_seconds, >= 1

  bool operator==(const ControlConfig&) const = default;
};

struct StoreConfig {
  std::filesystem::path path;  // [store] path, default <state_dir>/duban.db

  bool operator==(const StoreConfig&) const = default;
};

struct MailConfig {
  std::string transport = "file";  // [mail] transport: "file" (only one so far)
  std::filesystem::path dir;       // [mail] dir: where the file sink writes .eml files,
                                   // default <state_dir>/mail
  std::string from = "督办系统 <duban@localhost>";  // [mail] from: address, display name optional

  bool operator==(const MailConfig&) const = default;
};

struct PlanConfig {
  // [plan] file: imported at start-up when the store holds no plan yet ("" = none).
  std::filesystem::path file;
  // [plan] first_listed_leads: see PlanImportOptions::first_listed_leads.
  bool first_listed_leads = false;

  bool operator==(const PlanConfig&) const = default;
};

// The coordinating office and the leading group: the Recipient::kOffice and
// Recipient::kLeadingGroup of escalation steps.
struct OfficeConfig {
  std::string name = "领导小组办公室";  // [office] name, used in notices
  std::string email;                   // [office] email
  std::string leading_group_email;     // [office] leading_group_email
  bool operator==(const OfficeConfig&) const = default;
};

struct Config {
  std::filesystem::path source;  // the config file itself
  DaemonConfig daemon;
  ControlConfig control;
  StoreConfig store;
  MailConfig mail;
  PlanConfig plan;
  std::vector<AgencyInfo> agencies;  // [[agency]] tables, in file order
  OfficeConfig office;               // [office]
  CalendarSpec calendar;             // [calendar], [[calendar.holiday]], [[calendar.workday]]
  DeadlinePolicy deadlines;          // [deadlines], [deadlines.section."二"], [deadlines.task."22"]
  Rules rules = Rules::Defaults();   // [rules], [[rules.reminder]], [[rules.escalation]], [rules.light]
};

// Field-by-field equality (agencies compared name, aliases, email, leadership_email), so a
// reload can tell whether anything changed.
bool operator==(const Config& a, const Config& b);

}  // namespace duban

#endif  // DUBAN_CONFIG_CONFIG_H_
