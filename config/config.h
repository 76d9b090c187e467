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
#include <string_view>
#include <utility>
#include <vector>

#include "workflow/agency.h"
#include "workflow/deadline.h"
#include "workflow/report_schedule.h"
#include "workflow/rules.h"
#include "workflow/working_calendar.h"

namespace duban {

struct DaemonConfig {
  std::filesystem::path state_dir = "/var/lib/duban";             // [daemon] state_dir
  std::filesystem::path socket_path = "/run/duban/duband.sock";  // [daemon] socket
  std::string log_level = "info";           // [daemon] log_level: trace|debug|info|warn|error
  // [daemon] log_file: log here (rotated by size) instead of stderr/the journal; empty:
  // stderr. Relative to the config file's folder. Read at start only.
  std::filesystem::path log_file;
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
  // [control] socket_group: the socket file's group, i.e. who may connect and run
  // read-only commands (0660). Empty: admin_group (then only admins and root connect).
  std::string socket_group;
  std::size_t max_request_bytes = 32 * 1024 * 1024;  // [control] max_request_bytes, 1 KiB..1 GiB
  int max_clients = 32;                              // [control] max_clients, >= 1
  int idle_timeout_seconds = 60;                     // [control] idle_timeout_seconds, >= 1

  bool operator==(const ControlConfig&) const = default;
};

// The group the control socket is given: socket_group, else admin_group ("" = none).
inline const std::string& SocketGroupOf(const ControlConfig& control) {
  return control.socket_group.empty() ? control.admin_group : control.socket_group;
}

struct StoreConfig {
  std::filesystem::path path;  // [store] path, default <state_dir>/duban.db

  bool operator==(const StoreConfig&) const = default;
};

// A secret (SMTP password, webhook signing secret) named in config by where to read it,
// never by value: `<key>_file` (a file, trailing newline stripped) or `<key>_env` (an
// environment variable of duband). The loader reads it; `value` never appears in logs,
// `config show` or error messages.
struct Secret {
  std::filesystem::path file;  // "" if not from a file
  std::string env;             // "" if not from the environment
  std::string value;           // what was read; "" if neither is set

  bool operator==(const Secret&) const = default;
};

struct MailConfig {
  std::string transport = "file";  // [mail] transport: "file" or "smtp"
  std::filesystem::path dir;       // [mail] dir: where the file sink writes .eml files,
                                   // default <state_dir>/mail
  std::string from = "督办系统 <duban@localhost>";  // [mail] from: address, display name optional
  // [mail] url: "smtp://host:587" (STARTTLS) or "smtps://host:465" (implicit TLS). Required
  // with transport = "smtp".
  std::string url;
  // [mail] starttls: with smtp:// URLs, "required" (default: refuse to send in clear) or
  // "off" (plain SMTP; only for a relay on loopback).
  std::string starttls = "required";
  std::string username;            // [mail] username: "" = no AUTH
  Secret password;                 // [mail] password_file / password_env
  std::filesystem::path ca_file;   // [mail] ca_file: "" = the system's CA store
  int timeout_seconds = 30;        // [mail] timeout_seconds, 1..600
  int connections = 2;             // [mail] connections: concurrent SMTP sessions, 1..32
  int batch_size = 50;             // [mail] batch_size: messages per session, 1..1000
  bool html = true;                // [mail] html: add a text/html alternative part

  bool operator==(const MailConfig&) const = default;
};

// A chat-bot or generic webhook target ([[webhook]]), named by agencies and the office.
struct WebhookConfig {
  std::string name;                // [[webhook]] name: [a-z0-9_-]+, unique
  std::string kind = "standard";   // "standard" (signed JSON), "dingtalk", "wecom", "feishu"
  std::string url;                 // https://... (http:// only to loopback)
  // standard: "whsec_<base64>"; dingtalk, feishu: the robot's signing secret (加签);
  // wecom: the robot's key (put in the URL as ?key=). secret_file / secret_env.
  Secret secret;
  std::string format = "markdown"; // chat bots: "text" or "markdown"
  // Messages per minute at most (0 = no limit). Default by kind: dingtalk 20, wecom 20,
  // feishu 100, standard 0.
  int rate_limit_per_minute = -1;  // -1 = the kind's default (resolved by the loader)
  std::filesystem::path ca_file;   // "" = the system's CA store
  int timeout_seconds = 10;        // 1..600

  bool operator==(const WebhookConfig&) const = default;
};

// [delivery]: how decided actions become messages and how sending retries.
struct DeliveryConfig {
  std::string digest = "agency";    // "agency": one message per recipient per send slot;
                                    // "task": one per recipient and task
  int max_attempts = 12;            // then dead, 1..100
  int backoff_initial_seconds = 60; // first retry delay, doubled each attempt, 1..86400
  int backoff_max_seconds = 21600;  // cap of the delay, >= initial
  double jitter = 0.2;              // delay * (1 ± jitter), 0..1
  int webhook_concurrency = 4;      // webhook requests in flight at once, 1..64
  // At stop, how long sends in flight may take before they are abandoned (they stay
  // queued for the next start), 0..300. Keep it below the unit's TimeoutStopSec.
  int stop_grace_seconds = 10;

  bool operator==(const DeliveryConfig&) const = default;
};

// [templates]: overrides of the bundled Chinese templates, by name
// ("email.remind.subject", "webhook.urge.markdown" ...; see notifiers/templates.h).
struct TemplateOverride {
  std::string text;
  std::string origin;  // where it came from, for errors: "duban.toml:[templates]" or a file path

  bool operator==(const TemplateOverride&) const = default;
};
struct TemplatesConfig {
  std::filesystem::path dir;  // [templates] dir: files named <name>.mustache ("" = none)
  std::vector<std::pair<std::string, TemplateOverride>> overrides;  // [templates] keys, then dir files

  bool operator==(const TemplatesConfig&) const = default;
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
  std::string webhook;                 // [office] webhook: [[webhook]] name for the office
  std::string leading_group_webhook;   // [office] leading_group_webhook
  bool operator==(const OfficeConfig&) const = default;
};

// [metrics]: the optional HTTP endpoint for Prometheus scraping (GET /metrics).
struct MetricsConfig {
  // [metrics] listen: "127.0.0.1:9464" or "[::1]:9464"; loopback addresses only. "" (the
  // default): no endpoint (`dubanctl metrics` still works).
  std::string listen;
  std::string host;  // the address part of `listen`, brackets removed ("" when off)
  int port = 0;      // the port part of `listen` (0 when off)

  bool operator==(const MetricsConfig&) const = default;
};

// [report] email entries that name the office's own addresses rather than an address.
inline constexpr std::string_view kReportToOffice = "office";               // [office] email
inline constexpr std::string_view kReportToLeadingGroup = "leading_group";  // [office] leading_group_email

// [report]: the periodic 考核/通报 report (config/report_schema.h, docs/REPORTS.md).
struct ReportConfig {
  ReportSchedule schedule;  // schedule, working_day, time, period
  // "office", "leading_group" or bare addresses, in file order, no repeats.
  std::vector<std::string> email;
  std::vector<std::string> webhooks;  // [[webhook]] names

  bool operator==(const ReportConfig&) const = default;
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
  std::vector<WebhookConfig> webhooks;  // [[webhook]], in file order
  DeliveryConfig delivery;              // [delivery]
  TemplatesConfig templates;            // [templates]
  MetricsConfig metrics;                // [metrics]
  ReportConfig report;                  // [report]
};

// Field-by-field equality (agencies compared name, aliases, email, leadership_email,
// webhook; secrets by location and value), so a reload can tell whether anything changed.
bool operator==(const Config& a, const Config& b);

}  // namespace duban

#endif  // DUBAN_CONFIG_CONFIG_H_
