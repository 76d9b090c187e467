// SqliteStore's tracking methods: feedback, lifecycle state, run-time deadlines, and
// LoadTracking (everything the evaluator needs in six queries, whatever the plan's size).
// The outbox is in sqlite_store_outbox.cpp.
#include <optional>
#include <unordered_map>
#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_deadline_json.h"
#include "workflow/sqlite_feedback.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"
#include "workflow/sqlite_task_rows.h"

namespace duban {
namespace {

using nlohmann::json;

struct TaskRow {
  int64_t id = 0;
  std::string state;
  std::string state_reason;
};

std::optional<TaskRow> FindTask(SQLite::Database& db, std::string_view ref) {
  SQLite::Statement query(db, "SELECT id, state, state_reason FROM tasks WHERE ref = ?");
  query.bind(1, std::string(ref));
  if (!query.executeStep()) return std::nullopt;
  return TaskRow{query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                 query.getColumn(2).getString()};
}

struct AgencyRow {
  int64_t id = 0;
  std::string name;  // canonical
};

// By canonical name or alias.
std::optional<AgencyRow> FindAgency(SQLite::Database& db, std::string_view name) {
  SQLite::Statement query(db,
                          "SELECT id, name FROM agencies WHERE name = ?1 UNION ALL "
                          "SELECT a.id, a.name FROM agency_aliases x "
                          "JOIN agencies a ON a.id = x.agency_id WHERE x.alias = ?1 LIMIT 1");
  query.bind(1, std::string(name));
  if (!query.executeStep()) return std::nullopt;
  return AgencyRow{query.getColumn(0).getInt64(), query.getColumn(1).getString()};
}

bool HasRole(SQLite::Database& db, int64_t task_id, int64_t agency_id) {
  SQLite::Statement query(db,
                          "SELECT 1 FROM assignments WHERE task_id = ? AND agency_id = ? LIMIT 1");
  query.bind(1, task_id);
  query.bind(2, agency_id);
  return query.executeStep();
}

std::string Subject(std::string_view ref) { return "task " + std::string(ref); }

// The stored patch's JSON text; "" if the task has none.
std::string ReadPatchText(SQLite::Database& db, int64_t task_id) {
  SQLite::Statement query(db, "SELECT patch FROM task_deadlines WHERE task_id = ?");
  query.bind(1, task_id);
  return query.executeStep() ? query.getColumn(0).getString() : std::string();
}

json PatchForAudit(const std::string& text) {
  return text.empty() ? json(nullptr) : json::parse(text);
}

DeadlinePatch DecodeStoredPatch(const std::string& text) {
  Result<DeadlinePatch> patch = DecodeDeadlinePatch(text);
  if (!patch.ok()) throw StoredValueError("task_deadlines: " + patch.status().message());
  return *patch;
}

}  // namespace

Result<Feedback> SqliteStore::AddFeedback(const Feedback& input, const std::string& actor,
                                          int64_t now) {
  if (input.percent && (*input.percent < 0 || *input.percent > 100)) {
    return Status::InvalidArgument("feedback percent " + std::to_string(*input.percent) +
                                   " is outside 0..100");
  }
  return GuardSqlite(path_, "adding feedback", [&]() -> Result<Feedback> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<TaskRow> task = FindTask(*db_, input.task_ref);
    if (!task) return Status::NotFound("no task " + input.task_ref);
    if (task->state == "removed") {
      return Status::FailedPrecondition("task " + input.task_ref +
                                        " was removed from the plan");
    }
    std::optional<AgencyRow> agency = FindAgency(*db_, input.agency);
    if (!agency) return Status::NotFound("no agency named " + input.agency);
    if (!HasRole(*db_, task->id, agency->id)) {
      return Status::InvalidArgument(agency->name + " has no role in task " + input.task_ref);
    }
    Feedback feedback = input;
    feedback.agency = agency->name;
    feedback.actor = actor;
    feedback.id = InsertFeedback(*db_, task->id, agency->id, feedback);

    json detail = {{"ref", feedback.task_ref}, {"agency", feedback.agency},
                   {"feedback_id", feedback.id}, {"at", feedback.at},
                   {"text", feedback.text}, {"done", feedback.done},
                   {"percent", feedback.percent ? json(*feedback.percent) : json(nullptr)}};
    AuditWriter audit(*db_, actor, now);
    audit.Append("feedback.add", Subject(feedback.task_ref), detail.dump());
    audit.Flush();
    transaction.commit();
    return feedback;
  });
}

Result<std::vector<Feedback>> SqliteStore::ListFeedback(std::string_view task_ref,
                                                        std::string_view agency) {
  return GuardSqlite(path_, "listing feedback", [&]() -> Result<std::vector<Feedback>> {
    std::string where = "1";
    std::vector<SqlArg> args;
    if (!task_ref.empty()) {
      std::optional<TaskRow> task = FindTask(*db_, task_ref);
      if (!task) return Status::NotFound("no task " + std::string(task_ref));
      where += " AND f.task_id = ?";
      args.emplace_back(task->id);
    }
    if (!agency.empty()) {
      std::optional<AgencyRow> found = FindAgency(*db_, agency);
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

Status SqliteStore::SetTaskState(std::string_view ref, TaskState state, const std::string& reason,
                                 const std::string& actor, int64_t now) {
  if (state == TaskState::kRemoved) {
    return Status::InvalidArgument("a task is removed only by a re-import without it");
  }
  const std::string to(TaskStateName(state));
  return GuardSqlite(path_, "setting the state of task " + std::string(ref), [&]() -> Status {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<TaskRow> task = FindTask(*db_, ref);
    if (!task) return Status::NotFound("no task " + std::string(ref));
    if (task->state == "removed") {
      return Status::FailedPrecondition("task " + std::string(ref) + " was removed from the plan");
    }
    if (task->state == to && task->state_reason == reason) return Status::OK();  // no change
    SQLite::Statement update(*db_,
                             "UPDATE tasks SET state = ?, state_reason = ?, updated_at = ? "
                             "WHERE id = ?");
    update.bind(1, to);
    update.bind(2, reason);
    update.bind(3, now);
    update.bind(4, task->id);
    update.exec();
    json detail = {{"ref", std::string(ref)}, {"from", task->state}, {"to", to},
                   {"reason", reason}, {"previous_reason", task->state_reason}};
    AuditWriter audit(*db_, actor, now);
    audit.Append("task.state", Subject(ref), detail.dump());
    audit.Flush();
    transaction.commit();
    return Status::OK();
  });
}

Status SqliteStore::SetDeadlinePatch(std::string_view ref, const DeadlinePatch& patch,
                                     const std::string& actor, int64_t now) {
  const bool clear = patch.empty();
  const std::string after = clear ? std::string() : EncodeDeadlinePatch(patch);
  // What is stored must read back: check the patch's values the way a reader will.
  if (!clear) {
    if (Result<DeadlinePatch> check = DecodeDeadlinePatch(after); !check.ok()) {
      return check.status();
    }
  }
  return GuardSqlite(path_, "setting the deadline of task " + std::string(ref), [&]() -> Status {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<TaskRow> task = FindTask(*db_, ref);
    if (!task) return Status::NotFound("no task " + std::string(ref));
    const std::string before = ReadPatchText(*db_, task->id);
    if (before == after) return Status::OK();  // no change, no audit entry
    if (clear) {
      SQLite::Statement erase(*db_, "DELETE FROM task_deadlines WHERE task_id = ?");
      erase.bind(1, task->id);
      erase.exec();
    } else {
      SQLite::Statement upsert(*db_,
                               "INSERT INTO task_deadlines (task_id, patch, actor, at) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT (task_id) DO UPDATE SET "
                               "patch = excluded.patch, actor = excluded.actor, at = excluded.at");
      upsert.bind(1, task->id);
      upsert.bind(2, after);
      upsert.bind(3, actor);
      upsert.bind(4, now);
      upsert.exec();
    }
    json detail = {{"ref", std::string(ref)},
                   {"before", PatchForAudit(before)},
                   {"after", PatchForAudit(after)}};
    AuditWriter audit(*db_, actor, now);
    audit.Append("task.due", Subject(ref), detail.dump());
    audit.Flush();
    transaction.commit();
    return Status::OK();
  });
}

Result<std::vector<TrackingRecord>> SqliteStore::LoadTracking() {
  return GuardSqlite(path_, "loading tracking state", [&]() -> Result<std::vector<TrackingRecord>> {
    SQLite::Transaction snapshot(*db_);  // one consistent view; rolled back, nothing written
    const std::string where = "t.state <> 'removed'";
    std::vector<StoredTask> tasks = ReadTasks(*db_, where, {});
    std::vector<TrackingRecord> records;
    records.reserve(tasks.size());
    std::unordered_map<int64_t, size_t> index;
    index.reserve(tasks.size());
    for (auto& task : tasks) {
      index.emplace(task.id, records.size());
      records.push_back(TrackingRecord{std::move(task.record), {}, std::nullopt});
    }
    for (auto& row : ReadFeedback(*db_, where, {}, FeedbackOrder::kByTask)) {
      auto it = index.find(row.task_id);
      if (it != index.end()) records[it->second].feedback.push_back(std::move(row.feedback));
    }
    SQLite::Statement deadlines(*db_,
                                "SELECT d.task_id, d.patch FROM task_deadlines d "
                                "JOIN tasks t ON t.id = d.task_id WHERE " + where);
    while (deadlines.executeStep()) {
      auto it = index.find(deadlines.getColumn(0).getInt64());
      if (it == index.end()) continue;
      records[it->second].runtime_deadline = DecodeStoredPatch(deadlines.getColumn(1).getString());
    }
    return records;
  });
}

}  // namespace duban
