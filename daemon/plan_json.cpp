#include "daemon/plan_json.h"

#include "daemon/json_read.h"

namespace duban {
namespace {

using nlohmann::json;

Confidence ConfidenceFromName(const std::string& name) {
  if (name == "certain") return Confidence::kCertain;
  if (name == "probable") return Confidence::kProbable;
  return Confidence::kDoubtful;
}

ImportIssue::Severity SeverityFromName(const std::string& name) {
  if (name == "note") return ImportIssue::Severity::kNote;
  if (name == "warning") return ImportIssue::Severity::kWarning;
  if (name == "doubt") return ImportIssue::Severity::kDoubt;
  return ImportIssue::Severity::kError;
}

using json_read::Read;

}  // namespace

json ToJson(const Section& section) {
  return {{"number", section.number}, {"label", section.label}, {"title", section.title}};
}

json ToJson(const Task& task) {
  return {{"ref", task.ref},
          {"number", task.number},
          {"label", task.label},
          {"section", task.section},
          {"text", task.text},
          {"assignment", task.assignment},
          {"lead", task.lead},
          {"participants", task.participants},
          {"responsible", task.responsible},
          {"officials", task.officials},
          {"due", task.due},
          {"line", task.line},
          {"confidence", ConfidenceName(task.confidence)},
          {"doubts", task.doubts},
          {"truncated", task.truncated}};
}

json ToJson(const TaskRecord& record) {
  json j = ToJson(record.task);
  j["state"] = record.state;
  j["state_reason"] = record.state_reason;
  j["created_at"] = record.created_at;
  j["updated_at"] = record.updated_at;
  return j;
}

json ToJson(const ImportIssue& issue) {
  return {{"severity", SeverityName(issue.severity)},
          {"line", issue.line},
          {"task_ref", issue.task_ref},
          {"message", issue.message}};
}

json ToJson(const PlanDiff& diff) {
  json changed = json::array();
  for (const auto& change : diff.changed) {
    changed.push_back({{"ref", change.ref}, {"fields", change.fields}});
  }
  return {{"added", diff.added},
          {"removed", diff.removed},
          {"changed", changed},
          {"unchanged", diff.unchanged},
          {"title_changed", diff.title_changed},
          {"sections_changed", diff.sections_changed}};
}

json ToJson(const AgencyRecord& agency) {
  return {{"name", agency.name},
          {"aliases", agency.aliases},
          {"collective", agency.collective},
          {"email", agency.email},
          {"leadership_email", agency.leadership_email},
          {"lead_tasks", agency.lead_tasks},
          {"participant_tasks", agency.participant_tasks},
          {"responsible_tasks", agency.responsible_tasks}};
}

json ToJson(const StoreSummary& summary) {
  return {{"schema_version", summary.schema_version},
          {"plan_title", summary.plan_title},
          {"plan_source", summary.plan_source},
          {"plan_imported_at", summary.plan_imported_at},
          {"sections", summary.sections},
          {"active_tasks", summary.active_tasks},
          {"suspended_tasks", summary.suspended_tasks},
          {"completed_tasks", summary.completed_tasks},
          {"removed_tasks", summary.removed_tasks},
          {"agencies", summary.agencies},
          {"audit_entries", summary.audit_entries}};
}

Section SectionFromJson(const json& j) {
  Section section;
  Read(j, "number", &section.number);
  Read(j, "label", &section.label);
  Read(j, "title", &section.title);
  return section;
}

Task TaskFromJson(const json& j) {
  Task task;
  Read(j, "ref", &task.ref);
  Read(j, "number", &task.number);
  Read(j, "label", &task.label);
  Read(j, "section", &task.section);
  Read(j, "text", &task.text);
  Read(j, "assignment", &task.assignment);
  Read(j, "lead", &task.lead);
  Read(j, "participants", &task.participants);
  Read(j, "responsible", &task.responsible);
  Read(j, "officials", &task.officials);
  Read(j, "due", &task.due);
  Read(j, "line", &task.line);
  std::string confidence = "certain";
  Read(j, "confidence", &confidence);
  task.confidence = ConfidenceFromName(confidence);
  Read(j, "doubts", &task.doubts);
  Read(j, "truncated", &task.truncated);
  return task;
}

TaskRecord TaskRecordFromJson(const json& j) {
  TaskRecord record;
  record.task = TaskFromJson(j);
  Read(j, "state", &record.state);
  Read(j, "state_reason", &record.state_reason);
  Read(j, "created_at", &record.created_at);
  Read(j, "updated_at", &record.updated_at);
  return record;
}

ImportIssue ImportIssueFromJson(const json& j) {
  ImportIssue issue;
  std::string severity = "error";
  Read(j, "severity", &severity);
  issue.severity = SeverityFromName(severity);
  Read(j, "line", &issue.line);
  Read(j, "task_ref", &issue.task_ref);
  Read(j, "message", &issue.message);
  return issue;
}

PlanDiff PlanDiffFromJson(const json& j) {
  PlanDiff diff;
  Read(j, "added", &diff.added);
  Read(j, "removed", &diff.removed);
  if (auto it = j.find("changed"); it != j.end() && it->is_array()) {
    for (const auto& change : *it) {
      TaskChange task_change;
      Read(change, "ref", &task_change.ref);
      Read(change, "fields", &task_change.fields);
      diff.changed.push_back(std::move(task_change));
    }
  }
  Read(j, "unchanged", &diff.unchanged);
  Read(j, "title_changed", &diff.title_changed);
  Read(j, "sections_changed", &diff.sections_changed);
  return diff;
}

AgencyRecord AgencyRecordFromJson(const json& j) {
  AgencyRecord agency;
  Read(j, "name", &agency.name);
  Read(j, "aliases", &agency.aliases);
  Read(j, "collective", &agency.collective);
  Read(j, "email", &agency.email);
  Read(j, "leadership_email", &agency.leadership_email);
  Read(j, "lead_tasks", &agency.lead_tasks);
  Read(j, "participant_tasks", &agency.participant_tasks);
  Read(j, "responsible_tasks", &agency.responsible_tasks);
  return agency;
}

}  // namespace duban
