// SqliteStore's tracking methods: lifecycle state, run-time deadlines, and LoadTracking
// (everything the evaluator needs in eight queries, whatever the plan's size: tasks with
// their assignments and officials, feedback and its values, deadlines, confirmed targets)
// with its lean form LoadTrackingOutlines (no texts, no officials). Feedback is
// in sqlite_store_feedback.cpp, the outbox in sqlite_store_outbox.cpp.
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
#include "workflow/sqlite_lookup.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"
#include "workflow/sqlite_targets.h"
#include "workflow/sqlite_task_rows.h"
#include "workflow/task_lifecycle.h"

namespace duban {
namespace {

using nlohmann::json;

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

// Gives each of `records` (a TrackingRecord or TrackingOutline, found by task id in
// `index`) its feedback with values, run-time deadline and confirmed targets: three
// queries for all of them.
template <typename Record>
void AttachTrackingState(SQLite::Database& db, const std::unordered_map<int64_t, size_t>& index,
                         std::vector<Record>* records) {
  const std::string where = kTrackedTasks;
  for (auto& row : ReadFeedback(db, where, {}, FeedbackOrder::kByTask)) {
    auto it = index.find(row.task_id);
    if (it != index.end()) (*records)[it->second].feedback.push_back(std::move(row.feedback));
  }
  SQLite::Statement deadlines(db,
                              "SELECT d.task_id, d.patch FROM task_deadlines d "
                              "JOIN tasks t ON t.id = d.task_id WHERE " + where);
  while (deadlines.executeStep()) {
    auto it = index.find(deadlines.getColumn(0).getInt64());
    if (it == index.end()) continue;
    (*records)[it->second].runtime_deadline = DecodeStoredPatch(deadlines.getColumn(1).getString());
  }
  for (auto& row : ReadTargets(db, where + " AND g.state = 'confirmed'", {})) {
    auto it = index.find(row.task_id);
    if (it != index.end()) (*records)[it->second].targets.push_back(std::move(row.target));
  }
}

}  // namespace

Status SqliteStore::SetTaskState(std::string_view ref, TaskState state, const std::string& reason,
                                 const std::string& actor, int64_t now) {
  if (state == TaskState::kRemoved) {
    return Status::InvalidArgument("a task is removed only by a re-import without it");
  }
  const std::string to(TaskStateName(state));
  return GuardSqlite(path_, "setting the state of task " + std::string(ref), [&]() -> Status {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<TaskRow> task = FindTaskRow(*db_, ref);
    if (!task) return Status::NotFound("no task " + std::string(ref));
    if (task->state == "removed") {
      return Status::FailedPrecondition("task " + std::string(ref) + " was removed from the plan");
    }
    if (task->state == to && task->state_reason == reason) return Status::OK();  // no change
    const std::optional<TaskState> from = ParseTaskState(task->state);
    if (!from) throw StoredValueError("tasks.state: " + task->state);
    // The one lifecycle table decides, here as in the daemon (a state rewritten with a new
    // reason is not a transition: it is kept as a reason change).
    std::string command = "reason";
    if (*from != state) {
      std::optional<LifecycleCommand> found = CommandBetween(*from, state);
      if (!found) {
        return Status::FailedPrecondition("task " + std::string(ref) + " is " + task->state +
                                          "; no command takes it to " + to);
      }
      Result<TaskState> checked = CheckTransition(*from, *found, reason);
      if (!checked.ok()) {
        return Status(checked.status().code() == Status::Code::kInvalidArgument
                          ? Status::InvalidArgument("task " + std::string(ref) + ": " +
                                                    checked.status().message())
                          : Status::FailedPrecondition("task " + std::string(ref) + ": " +
                                                       checked.status().message()));
      }
      command = std::string(LifecycleCommandName(*found));
    }
    SQLite::Statement update(*db_,
                             "UPDATE tasks SET state = ?, state_reason = ?, updated_at = ? "
                             "WHERE id = ?");
    update.bind(1, to);
    update.bind(2, reason);
    update.bind(3, now);
    update.bind(4, task->id);
    update.exec();
    json detail = {{"ref", std::string(ref)}, {"command", command}, {"from", task->state},
                   {"to", to}, {"reason", reason}, {"previous_reason", task->state_reason}};
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
    std::optional<TaskRow> task = FindTaskRow(*db_, ref);
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
    std::vector<StoredTask> tasks = ReadTasks(*db_, kTrackedTasks, {});
    std::vector<TrackingRecord> records;
    records.reserve(tasks.size());
    std::unordered_map<int64_t, size_t> index;
    index.reserve(tasks.size());
    for (auto& task : tasks) {
      index.emplace(task.id, records.size());
      records.push_back(TrackingRecord{std::move(task.record), {}, std::nullopt, {}});
    }
    AttachTrackingState(*db_, index, &records);
    return records;
  });
}

Result<std::vector<TrackingOutline>> SqliteStore::LoadTrackingOutlines() {
  return GuardSqlite(path_, "loading tracking state", [&]() -> Result<std::vector<TrackingOutline>> {
    SQLite::Transaction snapshot(*db_);  // one consistent view; rolled back, nothing written
    std::unordered_map<int64_t, size_t> index;
    std::vector<TrackingOutline> outlines = ReadTaskOutlines(*db_, &index);
    AttachTrackingState(*db_, index, &outlines);
    return outlines;
  });
}

}  // namespace duban
