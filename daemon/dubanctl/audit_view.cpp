#include "daemon/dubanctl/audit_view.h"

#include <tuple>
#include <vector>

#include "daemon/dubanctl/json_fields.h"
#include "daemon/dubanctl/output.h"
#include "daemon/dubanctl/table.h"
#include "workflow/civil_date.h"
#include "workflow/target.h"

namespace duban::ctl {
namespace {

using nlohmann::json;

// A scalar or a list of scalars as text; objects as compact JSON.
std::string ValueText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "none";
  if (value.is_boolean()) return value.get<bool>() ? "yes" : "no";
  if (value.is_array()) {
    std::vector<std::string> items;
    for (const json& item : value) items.push_back(ValueText(item));
    return "[" + JoinNames(items, ", ") + "]";
  }
  return value.dump();
}

std::string Fields(const json& detail, std::initializer_list<const char*> skip = {}) {
  std::vector<std::string> parts;
  for (const auto& [key, value] : detail.items()) {
    bool skipped = false;
    for (const char* name : skip) skipped |= key == name;
    if (!skipped) parts.push_back(key + ": " + ValueText(value));
  }
  return JoinNames(parts, "; ");
}

std::string StateChange(const json& detail) {
  std::string line = TextField(detail, "command", "state") + ": " + TextField(detail, "from") +
                     " → " + TextField(detail, "to");
  if (std::string reason = TextField(detail, "reason"); !reason.empty()) {
    line += "; reason: " + reason;
  }
  return line;
}

std::string FeedbackAdded(const json& detail) {
  std::string line = "#" + NumberField(detail, "feedback_id") + " " +
                     TextField(detail, "agency") + ": " + TextField(detail, "text");
  std::vector<std::string> extras;
  if (detail.contains("percent") && !detail.at("percent").is_null()) {
    extras.push_back(NumberField(detail, "percent") + "%");
  }
  if (FlagField(detail, "done")) extras.push_back("done");
  std::vector<std::string> attachments = ListField(detail, "attachments");
  if (!attachments.empty()) extras.push_back("附件: " + JoinNames(attachments, "; "));
  if (const json values = detail.value("values", json::object()); !values.empty()) {
    std::vector<std::string> items;
    for (const auto& [name, value] : values.items()) {
      items.push_back(name + "=" + (value.is_number() ? FormatNumber(value.get<double>())
                                                      : ValueText(value)));
    }
    extras.push_back("指标: " + JoinNames(items, "; "));
  }
  if (std::string source = TextField(detail, "source"); !source.empty()) {
    extras.push_back("from " + source);
  }
  if (!extras.empty()) line += " (" + JoinNames(extras, ", ") + ")";
  return line;
}

// "#12 生产总值增长 ≥7%" from a target's audit form (workflow/sqlite_store_targets.cpp).
std::string TargetLine(const json& target) {
  std::string line = TextField(target, "name") + " " + TextField(target, "formatted");
  if (target.contains("id")) line = "#" + NumberField(target, "id") + " " + line;
  return line;
}

// target.propose lists the proposals; edit shows before and after; the moves the target
// and the reason.
std::string TargetChange(const std::string& action, const json& detail) {
  if (action == "target.propose") {
    std::vector<std::string> items;
    for (const json& target : detail.value("targets", json::array())) {
      items.push_back(TargetLine(target) + " (" + TextField(target, "matched_text") + ")");
    }
    return NumberField(detail, "count") + " proposed: " + JoinNames(items, ", ");
  }
  if (action == "target.edit") {
    return TargetLine(detail.value("before", json::object())) + " → " +
           TargetLine(detail.value("after", json::object())) + " (confirmed)";
  }
  std::string line = TargetLine(detail);
  if (detail.contains("from")) line += ": " + TextField(detail, "from") + " → " +
                                       TextField(detail, "state");
  if (!TextField(detail, "reason").empty()) line += "; reason: " + TextField(detail, "reason");
  return line;
}

}  // namespace

Result<json> LogArgs(const LogOptions& options) {
  json args = json::object();
  if (!options.task.empty()) args["ref"] = options.task;
  if (!options.agency.empty()) args["agency"] = options.agency;
  for (const auto& [flag, value, key] :
       {std::tuple{"--since", &options.since, "since"}, {"--until", &options.until, "until"}}) {
    if (value->empty()) continue;
    if (!ParseCivilDate(*value)) {
      return Status::InvalidArgument(std::string(flag) + " must be a date as YYYY-MM-DD (a real "
                                     "day), not '" + *value + "'");
    }
    args[key] = *value;
  }
  if (!options.since.empty() && !options.until.empty() && options.until < options.since) {
    return Status::InvalidArgument("--until " + options.until + " is before --since " +
                                   options.since);
  }
  if (!options.action.empty()) args["action"] = options.action;
  if (options.limit) {
    if (*options.limit < 1) return Status::InvalidArgument("--limit must be at least 1");
    args["limit"] = *options.limit;
  }
  return args;
}

std::string DescribeAuditDetail(const std::string& action, const json& detail) {
  if (!detail.is_object()) return ValueText(detail);
  if (action == "task.state") return StateChange(detail);
  if (action == "feedback.add") return FeedbackAdded(detail);
  if (action.rfind("target.", 0) == 0) return TargetChange(action, detail);
  if (action == "feedback.import") {
    return TextField(detail, "source") + ": " + NumberField(detail, "rows") + " rows, " +
           NumberField(detail, "stored") + " stored, " + NumberField(detail, "skipped") +
           " skipped";
  }
  if (action == "task.due") {
    return "before: " + ValueText(detail.value("before", json())) +
           "; after: " + ValueText(detail.value("after", json()));
  }
  return Fields(detail, {"ref"});
}

std::string RenderAuditTable(const json& entries, int width) {
  Table table({{"TIME"}, {"ACTOR"}, {"ACTION"}, {"SUBJECT"},
               {"DETAIL", 0, Align::kLeft, true}});
  for (const json& entry : entries) {
    table.AddRow({TextField(entry, "at_local"), TextField(entry, "actor"),
                  TextField(entry, "action"), TextField(entry, "subject"),
                  DescribeAuditDetail(TextField(entry, "action"),
                                      entry.value("detail", json::object()))});
  }
  return table.Render(width);
}

}  // namespace duban::ctl
