// CommandHandler: audit.list, the audit log read back by task, agency, time and action.
// Dates are local days in the daemon's zone (the tracking model's; UTC when tracking is
// not running): `since` from that day's 00:00, `until` through the end of that day. The
// store filters task and agency by indexed columns, so a long log answers quickly.
#include <string>
#include <vector>

#include "daemon/duband/command_args.h"
#include "daemon/duband/command_handler.h"
#include "daemon/duband/command_helpers.h"
#include "daemon/plan_json.h"

namespace duban {
namespace {

using nlohmann::json;
using PreparedCommand = CommandHandler::PreparedCommand;
using command_helpers::ReadOnly;

constexpr int kDefaultEntries = 100;
constexpr int kMaxEntries = 100000;

struct AuditArgs {
  AuditFilter filter;
  std::optional<CivilDate> since;
  std::optional<CivilDate> until;
};

Result<AuditArgs> ParseAuditArgs(const json& args) {
  AuditArgs parsed;
  parsed.filter.limit = kDefaultEntries;
  Status status =
      CheckArgNames(args, "audit.list", {"ref", "agency", "since", "until", "action", "limit"});
  if (status.ok()) status = ReadStringArg(args, "ref", &parsed.filter.task_ref);
  if (status.ok()) status = ReadStringArg(args, "agency", &parsed.filter.agency);
  if (status.ok()) status = ReadDateArg(args, "since", &parsed.since);
  if (status.ok()) status = ReadDateArg(args, "until", &parsed.until);
  if (status.ok()) status = ReadStringArg(args, "action", &parsed.filter.action_prefix);
  if (status.ok()) status = ReadIntArg(args, "limit", 1, kMaxEntries, &parsed.filter.limit);
  if (!status.ok()) return status;
  if (parsed.since && parsed.until && *parsed.until < *parsed.since) {
    return Status::InvalidArgument("args.until (" + FormatCivilDate(*parsed.until) +
                                   ") is before args.since (" + FormatCivilDate(*parsed.since) +
                                   ")");
  }
  return parsed;
}

// The detail as JSON (the store keeps it as text; an entry written by hand that is not
// JSON is shown as its text).
json DetailJson(const std::string& text) {
  json detail = json::parse(text, nullptr, /*allow_exceptions=*/false);
  return detail.is_discarded() ? json(text) : detail;
}

json EntryJson(const AuditEntry& entry, const TimeZone& zone) {
  return {{"id", entry.id},
          {"at", entry.at},
          {"at_local", FormatLocalTime(entry.at, zone)},
          {"actor", entry.actor},
          {"action", entry.action},
          {"subject", entry.subject},
          {"task_ref", entry.task_ref},
          {"agency", entry.agency},
          {"detail", DetailJson(entry.detail)}};
}

}  // namespace

Result<PreparedCommand> CommandHandler::PrepareAuditList(const json& args) {
  Result<AuditArgs> parsed = ParseAuditArgs(args);
  if (!parsed.ok()) return parsed.status();
  return ReadOnly([this, parsed = *parsed]() -> Result<json> {
    static const FixedOffsetTimeZone kUtc(0, "UTC");
    const TimeZone& zone = DisplayZone() != nullptr ? *DisplayZone() : kUtc;
    AuditFilter filter = parsed.filter;
    if (!filter.task_ref.empty()) {
      // A task by any of its refs as the store knows it; an unknown one is not_found rather
      // than an empty log that looks like "nothing happened".
      Result<TaskRecord> task = store_.GetTask(filter.task_ref);
      if (!task.ok()) return task.status();
      filter.task_ref = task->task.ref;
    }
    if (parsed.since) filter.since = zone.ToUtc(*parsed.since, 0);
    if (parsed.until) filter.until = zone.ToUtc(*parsed.until + std::chrono::days(1), 0);
    const int wanted = filter.limit;
    filter.limit = wanted + 1;  // one more tells whether older entries were left out
    Result<std::vector<AuditEntry>> entries = store_.ListAudit(filter);
    if (!entries.ok()) return entries.status();
    const bool truncated = static_cast<int>(entries->size()) > wanted;
    json list = json::array();
    for (size_t i = truncated ? 1 : 0; i < entries->size(); ++i) {
      list.push_back(EntryJson((*entries)[i], zone));
    }
    const size_t count = list.size();
    return json{{"entries", std::move(list)},
                {"count", count},
                {"truncated", truncated},
                {"zone", zone.name()}};
  });
}

}  // namespace duban
