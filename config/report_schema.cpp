#include "config/report_schema.h"

#include <algorithm>
#include <optional>

#include "config/config_values.h"
#include "config/rules_schema.h"
#include "config/webhook_schema.h"

namespace duban::config_internal {
namespace {

std::optional<std::string> CheckCadence(std::string_view name) {
  if (ParseReportCadence(name)) return std::nullopt;
  return "\"" + std::string(name) + "\" is not a schedule; use \"off\", \"monthly\" or \"quarterly\"";
}

std::optional<std::string> CheckSpan(std::string_view name) {
  if (ParseReportSpan(name)) return std::nullopt;
  return "\"" + std::string(name) + "\" is not a period; use \"previous\" (the month or quarter "
         "just ended) or \"year-to-date\" (from January 1 to its end)";
}

std::optional<std::string> CheckEmailEntry(std::string_view entry) {
  if (entry == kReportToOffice || entry == kReportToLeadingGroup) return std::nullopt;
  if (auto problem = CheckAddress(entry)) {
    return "\"" + std::string(entry) + "\" is neither \"office\", \"leading_group\" nor an "
           "e-mail address (it " + *problem + ")";
  }
  return std::nullopt;
}

// A string array with no entry twice; each repeat is an error at its element.
std::optional<std::vector<std::string>> UniqueList(ValueReader& in,
                                                   std::optional<std::string> (*check)(std::string_view)) {
  auto items = in.StringArray(check);
  const auto* array = in.node().as_array();
  if (!items || array == nullptr) return std::nullopt;
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto* text = array->get(i)->as_string();
    if (text == nullptr) continue;
    if (std::find(seen.begin(), seen.end(), text->get()) != seen.end()) {
      ValueReader(*array->get(i), IndexField(in.field(), i), in.sink(), in.context())
          .Error("\"" + text->get() + "\" is listed twice");
      return std::nullopt;
    }
    seen.push_back(text->get());
  }
  return items;
}

// clang-format off
const FieldSpec<Config> kReportFields[] = {
    {"schedule",
     [](ValueReader& in, Config& c) {
       if (auto text = in.String(&CheckCadence)) c.report.schedule.cadence = *ParseReportCadence(*text);
     },
     [](const Config& c) { return TomlString(ReportCadenceName(c.report.schedule.cadence)); }},
    {"working_day",
     [](ValueReader& in, Config& c) { Assign(in.Integer(1, kMaxReportWorkingDay), c.report.schedule.working_day); },
     [](const Config& c) { return TomlInt(c.report.schedule.working_day); }},
    {"time",
     [](ValueReader& in, Config& c) {
       auto text = in.String();
       if (!text) return;
       if (auto minute = ParseClockTime(*text)) {
         c.report.schedule.send_minute = *minute;
       } else {
         in.Error("\"" + *text + "\" is not a time of day; write HH:MM, e.g. \"09:00\"");
       }
     },
     [](const Config& c) { return TomlString(FormatClockTime(c.report.schedule.send_minute)); }},
    {"period",
     [](ValueReader& in, Config& c) {
       if (auto text = in.String(&CheckSpan)) c.report.schedule.span = *ParseReportSpan(*text);
     },
     [](const Config& c) { return TomlString(ReportSpanName(c.report.schedule.span)); }},
    {"email",
     [](ValueReader& in, Config& c) { Assign(UniqueList(in, &CheckEmailEntry), c.report.email); },
     [](const Config& c) { return TomlStringArray(c.report.email); }},
    {"webhooks",
     [](ValueReader& in, Config& c) { Assign(UniqueList(in, &CheckWebhookName), c.report.webhooks); },
     [](const Config& c) { return TomlStringArray(c.report.webhooks); }},
};
// clang-format on

SourcePos At(const toml::table& root, std::string_view path) {
  const toml::node* node = root.at_path(path).node();
  if (node == nullptr) node = root.at_path("report").node();
  return node != nullptr ? PositionOf(node->source()) : SourcePos{};
}

void CheckWebhooks(const toml::table& root, const Config& config, ErrorSink& sink) {
  std::vector<std::string_view> names;
  for (const WebhookConfig& webhook : config.webhooks) names.push_back(webhook.name);
  for (std::size_t i = 0; i < config.report.webhooks.size(); ++i) {
    const std::string& name = config.report.webhooks[i];
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    std::string message = "no [[webhook]] is named \"" + name + "\"";
    if (names.empty()) {
      message += " (the file defines no [[webhook]])";
    } else if (auto close = ClosestMatch(name, names)) {
      message += " (did you mean \"" + std::string(*close) + "\"?)";
    }
    const std::string field = IndexField("report.webhooks", i);
    sink.Add(At(root, "report.webhooks[" + std::to_string(i) + "]"), field, std::move(message));
  }
}

void CheckOfficeAddresses(const toml::table& root, const Config& config, ErrorSink& sink) {
  for (std::size_t i = 0; i < config.report.email.size(); ++i) {
    const std::string& entry = config.report.email[i];
    const char* missing = nullptr;
    if (entry == kReportToOffice && config.office.email.empty()) missing = "[office] email";
    if (entry == kReportToLeadingGroup && config.office.leading_group_email.empty()) {
      missing = "[office] leading_group_email";
    }
    if (missing == nullptr) continue;
    sink.Add(At(root, "report.email[" + std::to_string(i) + "]"), IndexField("report.email", i),
             "\"" + entry + "\" is reached at " + missing + ", which is not set");
  }
}

}  // namespace

std::vector<std::string_view> ReportKeys() {
  return KeysOf<Config>(std::span<const FieldSpec<Config>>(kReportFields));
}

void ReadReport(const toml::table& table, const std::string& field, ErrorSink& sink,
                const LoadContext& context, Config& config) {
  ReadFields<Config>(table, kReportFields, SectionLabel(field, false), field, sink, context,
                     config);
}

void DescribeReport(std::string_view name, const Config& config, std::string& out) {
  out += SectionLabel(name, false) + '\n';
  DescribeFields<Config>(kReportFields, config, out);
}

void CheckReport(const toml::table& root, const Config& config, ErrorSink& sink) {
  if (!root.contains("report")) return;
  CheckWebhooks(root, config, sink);
  CheckOfficeAddresses(root, config, sink);
  const ReportConfig& report = config.report;
  if (report.schedule.cadence == ReportCadence::kOff) return;
  if (config.rules.send.IsQuiet(report.schedule.send_minute)) {
    sink.Add(At(root, "report.time"), "report.time",
             "the report's time " + FormatClockTime(report.schedule.send_minute) +
                 " is inside [rules] quiet_hours " +
                 FormatClockTime(config.rules.send.quiet_start_minute) + "-" +
                 FormatClockTime(config.rules.send.quiet_end_minute) +
                 "; pick a time when messages may go out");
  }
  if (report.email.empty() && report.webhooks.empty()) {
    sink.Add(At(root, "report.schedule"), "report.schedule",
             "a " + std::string(ReportCadenceName(report.schedule.cadence)) +
                 " report needs somewhere to go: set email (\"office\", \"leading_group\" or "
                 "addresses) or webhooks");
  }
}

}  // namespace duban::config_internal
