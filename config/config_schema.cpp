#include "config/config_schema.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <system_error>

#include "config/calendar_schema.h"
#include "config/config_values.h"
#include "config/deadlines_schema.h"
#include "config/delivery_schema.h"
#include "config/mail_schema.h"
#include "config/metrics_schema.h"
#include "config/report_schema.h"
#include "config/rules_schema.h"
#include "config/templates_schema.h"
#include "config/tzdb_time_zone.h"
#include "config/webhook_schema.h"

namespace duban::config_internal {

namespace {

std::string TomlPath(const std::filesystem::path& path) { return TomlString(path.string()); }

// A string that must pass `check` (a full message on failure).
std::optional<std::string> CheckedString(ValueReader& in,
                                         std::optional<std::string> (*check)(std::string_view)) {
  auto text = in.String();
  if (!text) return std::nullopt;
  if (auto problem = check(*text)) {
    in.Error(std::move(*problem));
    return std::nullopt;
  }
  return text;
}

// Agency contacts: "" means none.
std::optional<std::string> CheckAgencyAddress(std::string_view address) {
  if (address.empty()) return std::nullopt;
  if (auto problem = CheckAddress(address)) return "not a valid e-mail address: it " + *problem;
  return std::nullopt;
}

std::optional<std::string> CheckAgencyName(std::string_view name) {
  if (auto problem = CheckDisplayName(name)) return "agency name " + *problem;
  return std::nullopt;
}

std::optional<std::string> CheckOfficeName(std::string_view name) {
  if (auto problem = CheckDisplayName(name)) return "office name " + *problem;
  return std::nullopt;
}

std::optional<std::string> CheckAlias(std::string_view alias) {
  if (auto problem = CheckDisplayName(alias)) return "alias " + *problem;
  return std::nullopt;
}

// A [[webhook]] name, or "" for none; whether it exists is CheckWebhookReferences' job.
std::optional<std::string> CheckWebhookRef(std::string_view name) {
  if (name.empty()) return std::nullopt;
  return CheckWebhookName(name);
}

std::optional<std::string> CheckAdminGroup(std::string_view group) {
  if (auto problem = CheckGroupName(group)) return "admin group " + *problem;
  return std::nullopt;
}

std::optional<std::string> CheckSocketGroup(std::string_view group) {
  if (auto problem = CheckGroupName(group)) return "socket group " + *problem;
  return std::nullopt;
}

// The name's syntax first (a clear message for "Shanghai"), then the tz database itself,
// the same one the daemon will use.
std::optional<std::string> CheckZone(std::string_view zone) {
  if (auto problem = CheckTimeZone(zone)) return problem;
  auto loaded = LoadTimeZone(zone);
  if (!loaded.ok()) return loaded.status().message();
  return std::nullopt;
}

// sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
constexpr std::size_t kMaxSocketPathBytes = 107;

void ReadSocket(ValueReader& in, Config& config) {
  auto path = in.Path();
  if (!path) return;
  const std::size_t length = path->string().size();
  if (length > kMaxSocketPathBytes) {
    in.Error("socket path " + path->string() + " is " + std::to_string(length) +
             " bytes long; a Unix socket path may have at most " +
             std::to_string(kMaxSocketPathBytes));
    return;
  }
  config.daemon.socket_path = *path;
}

void ReadPlanFile(ValueReader& in, Config& config) {
  auto path = in.Path(/*allow_empty=*/true);
  if (!path) return;
  if (!path->empty()) {
    std::error_code ec;
    auto status = std::filesystem::status(*path, ec);
    if (!std::filesystem::exists(status)) {
      in.Error("plan file " + path->string() + " does not exist");
      return;
    }
    if (!std::filesystem::is_regular_file(status)) {
      in.Error("plan file " + path->string() + " is not a regular file");
      return;
    }
  }
  config.plan.file = *path;
}

constexpr std::int64_t kKiB = 1024;
constexpr std::int64_t kGiB = 1024 * 1024 * 1024;

// clang-format off
const FieldSpec<Config> kDaemonFields[] = {
    {"state_dir",
     [](ValueReader& in, Config& c) { Assign(in.Path(), c.daemon.state_dir); },
     [](const Config& c) { return TomlPath(c.daemon.state_dir); }},
    {"socket",
     &ReadSocket,
     [](const Config& c) { return TomlPath(c.daemon.socket_path); }},
    {"log_level",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckLogLevel), c.daemon.log_level); },
     [](const Config& c) { return TomlString(c.daemon.log_level); }},
    {"log_file",
     [](ValueReader& in, Config& c) { Assign(in.Path(/*allow_empty=*/true), c.daemon.log_file); },
     [](const Config& c) { return TomlPath(c.daemon.log_file); }},
    {"time_zone",
     [](ValueReader& in, Config& c) {
       auto zone = in.String();
       if (!zone) return;
       if (auto problem = CheckZone(*zone)) return in.Error(std::move(*problem));
       c.daemon.time_zone = std::move(*zone);
     },
     [](const Config& c) { return TomlString(c.daemon.time_zone); }},
    {"max_sleep_seconds",
     [](ValueReader& in, Config& c) { Assign(in.Integer(1, 3600), c.daemon.max_sleep_seconds); },
     [](const Config& c) { return TomlInt(c.daemon.max_sleep_seconds); }},
};

const FieldSpec<Config> kControlFields[] = {
    {"admin_group",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckAdminGroup), c.control.admin_group); },
     [](const Config& c) { return TomlString(c.control.admin_group); }},
    {"socket_group",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckSocketGroup), c.control.socket_group); },
     [](const Config& c) { return TomlString(c.control.socket_group); }},
    {"max_request_bytes",
     [](ValueReader& in, Config& c) { Assign(in.Integer(kKiB, kGiB), c.control.max_request_bytes); },
     [](const Config& c) { return TomlInt(static_cast<std::int64_t>(c.control.max_request_bytes)); }},
    {"max_clients",
     [](ValueReader& in, Config& c) { Assign(in.Integer(1, INT_MAX), c.control.max_clients); },
     [](const Config& c) { return TomlInt(c.control.max_clients); }},
    {"idle_timeout_seconds",
     [](ValueReader& in, Config& c) { Assign(in.Integer(1, INT_MAX), c.control.idle_timeout_seconds); },
     [](const Config& c) { return TomlInt(c.control.idle_timeout_seconds); }},
};

const FieldSpec<Config> kStoreFields[] = {
    {"path",
     [](ValueReader& in, Config& c) { Assign(in.Path(), c.store.path); },
     [](const Config& c) { return TomlPath(c.store.path); }},
};

const FieldSpec<Config> kPlanFields[] = {
    {"file",
     &ReadPlanFile,
     [](const Config& c) { return TomlPath(c.plan.file); }},
    {"first_listed_leads",
     [](ValueReader& in, Config& c) { Assign(in.Boolean(), c.plan.first_listed_leads); },
     [](const Config& c) { return TomlBool(c.plan.first_listed_leads); }},
};

const FieldSpec<Config> kOfficeFields[] = {
    {"name",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckOfficeName), c.office.name); },
     [](const Config& c) { return TomlString(c.office.name); }},
    {"email",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckAgencyAddress), c.office.email); },
     [](const Config& c) { return TomlString(c.office.email); }},
    {"leading_group_email",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckAgencyAddress), c.office.leading_group_email); },
     [](const Config& c) { return TomlString(c.office.leading_group_email); }},
    {"webhook",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckWebhookRef), c.office.webhook); },
     [](const Config& c) { return TomlString(c.office.webhook); }},
    {"leading_group_webhook",
     [](ValueReader& in, Config& c) { Assign(CheckedString(in, &CheckWebhookRef), c.office.leading_group_webhook); },
     [](const Config& c) { return TomlString(c.office.leading_group_webhook); }},
};

const FieldSpec<AgencyInfo> kAgencyFields[] = {
    {"name",
     [](ValueReader& in, AgencyInfo& a) { Assign(CheckedString(in, &CheckAgencyName), a.name); },
     [](const AgencyInfo& a) { return TomlString(a.name); },
     /*required=*/true},
    {"aliases",
     [](ValueReader& in, AgencyInfo& a) { Assign(in.StringArray(&CheckAlias), a.aliases); },
     [](const AgencyInfo& a) { return TomlStringArray(a.aliases); }},
    {"email",
     [](ValueReader& in, AgencyInfo& a) { Assign(CheckedString(in, &CheckAgencyAddress), a.email); },
     [](const AgencyInfo& a) { return TomlString(a.email); }},
    {"leadership_email",
     [](ValueReader& in, AgencyInfo& a) { Assign(CheckedString(in, &CheckAgencyAddress), a.leadership_email); },
     [](const AgencyInfo& a) { return TomlString(a.leadership_email); }},
    {"webhook",
     [](ValueReader& in, AgencyInfo& a) { Assign(CheckedString(in, &CheckWebhookRef), a.webhook); },
     [](const AgencyInfo& a) { return TomlString(a.webhook); }},
};
// clang-format on

template <typename T, std::size_t N>
std::vector<std::string_view> KeysOf(const FieldSpec<T> (&fields)[N]) {
  return KeysOf(std::span<const FieldSpec<T>>(fields));
}

// [name]: one table of fields stored in Config.
template <const auto& kFields>
void ReadTable(const toml::table& table, const std::string& field, ErrorSink& sink,
               const LoadContext& context, Config& config) {
  ReadFields<Config>(table, kFields, SectionLabel(field, false), field, sink, context, config);
}

template <const auto& kFields>
void DescribeTable(std::string_view name, const Config& config, std::string& out) {
  out += SectionLabel(name, false) + '\n';
  DescribeFields<Config>(kFields, config, out);
}

// [[name]]: each table becomes one element of (config.*kMember).
template <typename Elem, const auto& kFields, std::vector<Elem> Config::*kMember>
void ReadArrayElement(const toml::table& table, const std::string& field, ErrorSink& sink,
                      const LoadContext& context, Config& config) {
  Elem element;
  const std::string label = SectionLabel(field.substr(0, field.find('[')), true);
  ReadFields<Elem>(table, kFields, label, field, sink, context, element);
  (config.*kMember).push_back(std::move(element));
}

template <typename Elem, const auto& kFields, std::vector<Elem> Config::*kMember>
void DescribeArray(std::string_view name, const Config& config, std::string& out) {
  const auto& elements = config.*kMember;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out += '\n';
    out += SectionLabel(name, true) + '\n';
    DescribeFields<Elem>(kFields, elements[i], out);
  }
}

}  // namespace

const std::vector<SectionSpec>& Sections() {
  static const std::vector<SectionSpec> sections = {
      {"daemon", false, KeysOf(kDaemonFields), &ReadTable<kDaemonFields>, &DescribeTable<kDaemonFields>},
      {"control", false, KeysOf(kControlFields), &ReadTable<kControlFields>, &DescribeTable<kControlFields>},
      {"store", false, KeysOf(kStoreFields), &ReadTable<kStoreFields>, &DescribeTable<kStoreFields>},
      {"mail", false, MailKeys(), &ReadMail, &DescribeMail},
      {"webhook", true, WebhookKeys(), &ReadWebhook, &DescribeWebhooks},
      {"delivery", false, DeliveryKeys(), &ReadDelivery, &DescribeDelivery},
      {"plan", false, KeysOf(kPlanFields), &ReadTable<kPlanFields>, &DescribeTable<kPlanFields>},
      {"agency", true, KeysOf(kAgencyFields),
       &ReadArrayElement<AgencyInfo, kAgencyFields, &Config::agencies>,
       &DescribeArray<AgencyInfo, kAgencyFields, &Config::agencies>},
      {"office", false, KeysOf(kOfficeFields), &ReadTable<kOfficeFields>, &DescribeTable<kOfficeFields>},
      {"calendar", false, CalendarKeys(), &ReadCalendar, &DescribeCalendar, CalendarNestedKeys()},
      {"deadlines", false, DeadlinesKeys(), &ReadDeadlines, &DescribeDeadlines},
      {"rules", false, RulesKeys(), &ReadRules, &DescribeRules, RulesNestedKeys()},
      {"templates", false, TemplatesKeys(), &ReadTemplates, &DescribeTemplates},
      {"metrics", false, MetricsKeys(), &ReadMetrics, &DescribeMetrics},
      {"report", false, ReportKeys(), &ReadReport, &DescribeReport},
  };
  return sections;
}

std::string SectionLabel(std::string_view name, bool array_of_tables) {
  return array_of_tables ? "[[" + std::string(name) + "]]" : "[" + std::string(name) + "]";
}

std::string UnknownKeyMessage(std::string_view key, std::string_view where,
                              std::span<const std::string_view> known_keys) {
  std::string message = "unknown key \"" + std::string(key) + "\" " + std::string(where);
  if (auto close = ClosestMatch(key, known_keys)) {
    return message + " (did you mean \"" + std::string(*close) + "\"?)";
  }
  auto has = [key](const std::vector<std::string_view>& keys) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  auto belongs = [&](std::string_view name, bool array_of_tables) {
    return message + "; \"" + std::string(key) + "\" belongs in " + SectionLabel(name, array_of_tables);
  };
  for (const SectionSpec& section : Sections()) {
    if (has(section.keys)) return belongs(section.name, section.array_of_tables);
  }
  for (const SectionSpec& section : Sections()) {
    for (const NestedTableKeys& nested : section.nested) {
      if (has(nested.keys)) return belongs(nested.name, nested.array_of_tables);
    }
  }
  return message;
}

}  // namespace duban::config_internal
