// SqliteStore's feedback methods: one feedback (AddFeedback), an imported batch all or
// nothing (AddFeedbackBatch, duplicates skipped so a sheet can be imported twice), and the
// history by task and agency (ListFeedback). Every stored feedback is audited with its
// task and agency in the audit log's indexed columns.
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "workflow/feedback_input.h"
#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_feedback.h"
#include "workflow/sqlite_lookup.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"
#include "workflow/sqlite_targets.h"

namespace duban {
namespace {

using nlohmann::json;

// A feedback checked against the tables: its task and agency ids, the agency canonical.
struct ResolvedFeedback {
  int64_t task_id = 0;
  int64_t agency_id = 0;
  Feedback feedback;
};

// A feedback's values must each name a confirmed target of the task, once, with a finite
// number: a value for a proposal or a misspelt name would be kept and never read.
Status CheckValues(SQLite::Database& db, int64_t task_id, const Feedback& input) {
  if (input.values.empty()) return Status::OK();
  const std::vector<std::string> confirmed = ConfirmedTargetNames(db, task_id);
  std::set<std::string> seen;
  for (const ReportedValue& value : input.values) {
    if (!seen.insert(value.name).second) {
      return Status::InvalidArgument("value '" + value.name + "' is given twice");
    }
    if (!std::isfinite(value.value)) {
      return Status::InvalidArgument("value '" + value.name + "' is not a finite number");
    }
    if (std::find(confirmed.begin(), confirmed.end(), value.name) != confirmed.end()) continue;
    std::string known;
    for (const std::string& name : confirmed) known += (known.empty() ? "" : ", ") + name;
    return Status::InvalidArgument(
        "task " + input.task_ref + " has no confirmed target named '" + value.name + "' (" +
        (known.empty() ? "it has no confirmed targets" : "confirmed: " + known) + ")");
  }
  return Status::OK();
}

Result<ResolvedFeedback> Resolve(SQLite::Database& db, const Feedback& input) {
  if (Status status = CheckFeedbackInput(input); !status.ok()) return status;
  std::optional<TaskRow> task = FindTaskRow(db, input.task_ref);
  if (!task) return Status::NotFound("no task " + input.task_ref);
  if (task->state == "removed") {
    return Status::FailedPrecondition("task " + input.task_ref + " was removed from the plan");
  }
  std::optional<AgencyRow> agency = FindAgencyRow(db, input.agency);
  if (!agency) return Status::NotFound("no agency named " + input.agency);
  if (!HasRole(db, task->id, agency->id)) {
    return Status::InvalidArgument(agency->name + " has no role in task " + input.task_ref);
  }
  if (Status status = CheckValues(db, task->id, input); !status.ok()) return status;
  ResolvedFeedback resolved{task->id, agency->id, input};
  resolved.feedback.agency = agency->name;
  return resolved;
}

json AuditDetail(const Feedback& feedback) {
  json detail = {{"ref", feedback.task_ref},
                 {"agency", feedback.agency},
                 {"feedback_id", feedback.id},
                 {"at", feedback.at},
                 {"text", feedback.text},
                 {"done", feedback.done},
                 {"percent", feedback.percent ? json(*feedback.percent) : json(nullptr)}};
  if (!feedback.attachments.empty()) detail["attachments"] = feedback.attachments;
  if (!feedback.values.empty()) {
    json values = json::object();
    for (const ReportedValue& value : feedback.values) values[value.name] = value.value;
    detail["values"] = values;
  }
  return detail;
}

// Stores `resolved` as entered now by `actor`, audited; returns it with id and actor.
Feedback Insert(SQLite::Database& db, ResolvedFeedback resolved, AuditWriter& audit,
                const std::string& actor, int64_t now, const std::string& source) {
  Feedback& feedback = resolved.feedback;
  feedback.actor = actor;
  feedback.recorded_at = now;
  feedback.id = InsertFeedback(db, resolved.task_id, resolved.agency_id, feedback);
  json detail = AuditDetail(feedback);
  if (!source.empty()) detail["source"] = source;
  audit.Append("feedback.add", "task " + feedback.task_ref, detail.dump(), feedback.task_ref,
               feedback.agency);
  return feedback;
}

// The batch position's prefix of an error: "feedback 3 of 5: ".
Status AtPosition(const Status& status, size_t index, size_t total) {
  std::string message = "feedback " + std::to_string(index + 1) + " of " +
                        std::to_string(total) + ": " + status.message();
  switch (status.code()) {
    case Status::Code::kNotFound: return Status::NotFound(message);
    case Status::Code::kFailedPrecondition: return Status::FailedPrecondition(message);
    default: return Status::InvalidArgument(message);
  }
}

}  // namespace

Result<Feedback> SqliteStore::AddFeedback(const Feedback& input, const std::string& actor,
                                          int64_t now) {
  if (Status status = CheckFeedbackInput(input); !status.ok()) return status;
  return GuardSqlite(path_, "adding feedback", [&]() -> Result<Feedback> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    Result<ResolvedFeedback> resolved = Resolve(*db_, input);
    if (!resolved.ok()) return resolved.status();
    AuditWriter audit(*db_, actor, now);
    Feedback feedback = Insert(*db_, std::move(*resolved), audit, actor, now, "");
    audit.Flush();
    transaction.commit();
    return feedback;
  });
}

Result<FeedbackBatchResult> SqliteStore::AddFeedbackBatch(const std::vector<Feedback>& batch,
                                                          const std::string& source,
                                                          const std::string& actor, int64_t now,
                                                          bool dry_run) {
  return GuardSqlite(path_, "importing feedback", [&]() -> Result<FeedbackBatchResult> {
    // Rolled back unless committed: a dry run, or any failure, leaves nothing behind.
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<ResolvedFeedback> resolved;
    resolved.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      Result<ResolvedFeedback> one = Resolve(*db_, batch[i]);
      if (!one.ok()) return AtPosition(one.status(), i, batch.size());
      resolved.push_back(std::move(*one));
    }
    FeedbackBatchResult result;
    std::map<std::tuple<int64_t, int64_t, int64_t, std::string>, size_t> seen;
    AuditWriter audit(*db_, actor, now);
    for (size_t i = 0; i < resolved.size(); ++i) {
      ResolvedFeedback& item = resolved[i];
      auto key = std::make_tuple(item.task_id, item.agency_id, item.feedback.at,
                                 item.feedback.text);
      if (auto earlier = seen.find(key); earlier != seen.end()) {
        result.skipped.push_back({i, 0, earlier->second});
        continue;
      }
      seen.emplace(std::move(key), i);
      if (std::optional<int64_t> same = FindSameFeedback(*db_, item.task_id, item.agency_id,
                                                         item.feedback.at, item.feedback.text)) {
        result.skipped.push_back({i, *same, 0});
        continue;
      }
      Feedback stored = Insert(*db_, std::move(item), audit, actor, now, source);
      if (dry_run) stored.id = 0;
      result.stored.push_back(std::move(stored));
      result.stored_index.push_back(i);
    }
    json detail = {{"source", source},
                   {"rows", batch.size()},
                   {"stored", result.stored.size()},
                   {"skipped", result.skipped.size()}};
    audit.Append("feedback.import", "feedback", detail.dump());
    audit.Flush();
    if (!dry_run) transaction.commit();
    return result;
  });
}

Result<std::vector<Feedback>> SqliteStore::ListFeedback(std::string_view task_ref,
                                                        std::string_view agency) {
  return GuardSqlite(path_, "listing feedback", [&]() -> Result<std::vector<Feedback>> {
    std::string where = "1";
    std::vector<SqlArg> args;
    if (!task_ref.empty()) {
      std::optional<TaskRow> task = FindTaskRow(*db_, task_ref);
      if (!task) return Status::NotFound("no task " + std::string(task_ref));
      where += " AND f.task_id = ?";
      args.emplace_back(task->id);
    }
    if (!agency.empty()) {
      std::optional<AgencyRow> found = FindAgencyRow(*db_, agency);
      if (!found) return Status::NotFound("no agency named " + std::string(agency));
      where += " AND f.agency_id = ?";
      args.emplace_back(found->id);
    }
    std::vector<Feedback> list;
    for (auto& row : ReadFeedback(*db_, where, args, FeedbackOrder::kByTime)) {
      list.push_back(std::move(row.feedback));
    }
    return list;
  });
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(const AuditFilter& input) {
  if (input.limit <= 0) return Status::InvalidArgument("audit limit must be positive");
  return GuardSqlite(path_, "reading the audit log", [&]() -> Result<std::vector<AuditEntry>> {
    AuditFilter filter = input;
    if (!filter.agency.empty()) {
      // Entries name agencies canonically; an alias finds its agency's entries.
      std::optional<AgencyRow> agency = FindAgencyRow(*db_, filter.agency);
      if (!agency) return Status::NotFound("no agency named " + filter.agency);
      filter.agency = agency->name;
    }
    return ReadAudit(*db_, filter);
  });
}

}  // namespace duban
