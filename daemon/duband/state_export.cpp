#include "daemon/duband/state_export.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "daemon/duband/version.h"
#include "daemon/message_json.h"
#include "daemon/plan_json.h"
#include "daemon/target_json.h"

namespace duban {
namespace {

using nlohmann::json;

// "Everything": the reads take a limit, and no store comes near it.
constexpr int kAll = std::numeric_limits<int>::max();

// An audit entry; its detail is JSON text in the store, exported as the object it holds
// (as text if it does not parse, so nothing is lost).
json AuditJson(const AuditEntry& entry) {
  json detail = json::parse(entry.detail, nullptr, /*allow_exceptions=*/false);
  if (detail.is_discarded()) detail = entry.detail;
  return {{"id", entry.id},           {"at", entry.at},
          {"actor", entry.actor},     {"action", entry.action},
          {"subject", entry.subject}, {"task_ref", entry.task_ref},
          {"agency", entry.agency},   {"detail", detail}};
}

Result<json> PlanJson(Store& store, const StoreSummary& summary) {
  Result<Plan> plan = store.LoadPlan();
  if (!plan.ok()) return plan.status();
  TaskFilter every;
  every.state = "all";  // removed tasks too: their feedback and audit refer to them
  Result<std::vector<TaskRecord>> tasks = store.ListTasks(every);
  if (!tasks.ok()) return tasks.status();
  json sections = json::array();
  for (const Section& section : plan->sections) sections.push_back(ToJson(section));
  json task_list = json::array();
  for (const TaskRecord& record : *tasks) task_list.push_back(ToJson(record));
  return json{{"title", summary.plan_title},
              {"source", summary.plan_source},
              {"imported_at", summary.plan_imported_at},
              {"sections", std::move(sections)},
              {"tasks", std::move(task_list)}};
}

Result<json> DeadlineChangesJson(Store& store) {
  Result<std::vector<TrackingRecord>> tracked = store.LoadTracking();
  if (!tracked.ok()) return tracked.status();
  json changes = json::array();
  for (const TrackingRecord& record : *tracked) {
    if (!record.runtime_deadline) continue;
    changes.push_back({{"task", record.record.task.ref},
                       {"patch", ToJson(*record.runtime_deadline)}});
  }
  return changes;
}

Result<json> OutboxJson(Store& store, const TimeZone& zone) {
  OutboxFilter all;
  all.limit = kAll;
  Result<std::vector<OutboxRow>> rows = store.ListOutbox(all);
  if (!rows.ok()) return rows.status();
  json list = json::array();
  for (const OutboxRow& row : *rows) list.push_back(ToJson(row, zone));
  return list;
}

Result<json> MessagesJson(Store& store, const StateExportOptions& options, const TimeZone& zone) {
  MessageFilter all;
  all.limit = kAll;
  Result<std::vector<Message>> messages = store.ListMessages(all);
  if (!messages.ok()) return messages.status();
  std::reverse(messages->begin(), messages->end());  // oldest first, as everything else
  json items = json::array();
  for (const Message& message : *messages) {
    items.push_back(options.message_bodies ? ToJson(message, &zone)
                                           : MessageSummaryJson(message, &zone));
  }
  return json{{"bodies_included", options.message_bodies}, {"items", std::move(items)}};
}

Result<json> AuditLogJson(Store& store) {
  Result<std::vector<AuditEntry>> audit = store.ListAudit(0, kAll);
  if (!audit.ok()) return audit.status();
  json list = json::array();
  for (const AuditEntry& entry : *audit) list.push_back(AuditJson(entry));
  return list;
}

}  // namespace

Result<json> BuildStateExport(Store& store, const StateExportOptions& options, int64_t now,
                              const TimeZone* zone) {
  const FixedOffsetTimeZone utc(0, "UTC");
  const TimeZone& shown = zone != nullptr ? *zone : utc;
  Result<StoreSummary> summary = store.Summary();
  if (!summary.ok()) return summary.status();
  Result<json> plan = PlanJson(store, *summary);
  if (!plan.ok()) return plan.status();
  Result<std::vector<AgencyRecord>> agencies = store.ListAgencies();
  if (!agencies.ok()) return agencies.status();
  Result<std::vector<Feedback>> feedback = store.ListFeedback("", "");
  if (!feedback.ok()) return feedback.status();
  // Every state: a rejected proposal is kept so the importer never proposes it again.
  Result<std::vector<Target>> targets = store.ListTargets("", "");
  if (!targets.ok()) return targets.status();
  Result<json> deadlines = DeadlineChangesJson(store);
  if (!deadlines.ok()) return deadlines.status();
  Result<std::optional<int64_t>> evaluated = store.EvaluatedUntil();
  if (!evaluated.ok()) return evaluated.status();
  Result<json> outbox = OutboxJson(store, shown);
  if (!outbox.ok()) return outbox.status();
  Result<json> messages = MessagesJson(store, options, shown);
  if (!messages.ok()) return messages.status();
  Result<json> audit = AuditLogJson(store);
  if (!audit.ok()) return audit.status();

  json agency_list = json::array();
  for (const AgencyRecord& agency : *agencies) agency_list.push_back(ToJson(agency));
  json feedback_list = json::array();
  for (const Feedback& entry : *feedback) feedback_list.push_back(ToJson(entry));
  json target_list = json::array();
  for (const Target& target : *targets) target_list.push_back(ToJson(target));
  json document = {
      {"format", kStateExportFormat},
      {"format_version", kStateExportVersion},
      {"exported_at", now},
      {"duband_version", kDubandVersion},
      {"schema_version", summary->schema_version},
      {"time_zone", shown.name()},
      {"plan", std::move(plan).value()},
      {"agencies", std::move(agency_list)},
      {"feedback", std::move(feedback_list)},
      {"targets", std::move(target_list)},
      {"deadline_changes", std::move(deadlines).value()},
      {"evaluated_until", evaluated->has_value() ? json(**evaluated) : json(nullptr)},
      {"outbox", std::move(outbox).value()},
      {"messages", std::move(messages).value()},
      {"audit", std::move(audit).value()},
  };
  document["counts"] = {{"tasks", document["plan"]["tasks"].size()},
                        {"agencies", document["agencies"].size()},
                        {"feedback", document["feedback"].size()},
                        {"targets", document["targets"].size()},
                        {"outbox", document["outbox"].size()},
                        {"messages", document["messages"]["items"].size()},
                        {"audit", document["audit"].size()}};
  return document;
}

}  // namespace duban
