// PlanWriter: the writes of ApplyPlan, one task at a time, with every statement prepared
// once and reused (a 100,000-task plan is 100,000 resets, not 100,000 prepares). Writes
// the task rows, their assignments and officials, revisions of changed tasks and one audit
// entry per task that changed.
//
// REQUIRES: used inside one transaction on `db` with PRAGMA defer_foreign_keys on (rows
// of different tables are flushed in batches, not in reference order); the caller catches
// SQLite::Exception and rolls back.
#ifndef DUBAN_WORKFLOW_SQLITE_PLAN_WRITER_H_
#define DUBAN_WORKFLOW_SQLITE_PLAN_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/plan.h"
#include "workflow/plan_diff.h"
#include "workflow/sqlite_agency_cache.h"
#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_batch_insert.h"

namespace duban {

// A task as it is stored now, for the writer to compare with and to revise.
struct CurrentTask {
  int64_t id = 0;
  int position = 0;
  bool removed = false;
  const Task* task = nullptr;
};

class PlanWriter {
 public:
  PlanWriter(SQLite::Database& db, AgencyCache* agencies, AuditWriter* audit,
             const std::string& actor, int64_t now);

  // A task new to the store: audit "task.add".
  void Add(const Task& task, int position);
  // A task whose content changed (`fields`, from DiffTasks): a revision keeps the old
  // content; audit "task.change" with before and after of each field. Its lifecycle state
  // (active, suspended, completed) and reason are kept.
  void Change(const CurrentTask& before, const Task& after,
              const std::vector<std::string>& fields, int position);
  // A removed task that is back, active with no reason: a revision if its content
  // changed; audit "task.restore".
  void Restore(const CurrentTask& before, const Task& after, int position);
  // A task the new plan no longer has, whatever its state: 'removed' with no reason,
  // audit "task.remove".
  void Remove(const CurrentTask& before);
  // A task unchanged by DiffTasks' measure: keeps the fields DiffTasks ignores (number,
  // label, assignment, officials, line, confidence, doubts, truncated) and its position
  // current, quietly (no revision, no audit, updated_at kept); no write if they are equal.
  void Refresh(const CurrentTask& before, const Task& after, int position);

  // The plan row and its sections.
  void WritePlan(const Plan& plan);

  // Writes the buffered task, assignment and official rows. Call before commit.
  void Flush();

 private:
  void InsertAgencies(int64_t task_id, const Task& task);
  void ReplaceAgencies(int64_t task_id, const Task& task);
  void InsertRevision(const CurrentTask& before, const char* reason);
  void UpdateTask(int64_t id, const Task& task, int position);

  SQLite::Database& db_;
  AgencyCache* const agencies_;
  AuditWriter* const audit_;
  const std::string actor_;
  const int64_t now_;
  int64_t next_task_id_;  // tasks are never deleted, so max(id) + 1 is free
  BatchInsert insert_tasks_;
  SQLite::Statement update_task_;
  SQLite::Statement refresh_task_;
  SQLite::Statement remove_task_;
  BatchInsert insert_assignments_;
  SQLite::Statement delete_assignments_;
  BatchInsert insert_officials_;
  SQLite::Statement delete_officials_;
  SQLite::Statement insert_revision_;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_PLAN_WRITER_H_
