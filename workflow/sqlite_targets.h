// Target rows (指标) of the store and the values reported with feedback: reading them back
// with their task's ref in one query for any number of tasks, writing one, and the column
// encodings (comparison, period and state names).
//
// REQUIRES: callers catch SQLite::Exception and StoredValueError (see sqlite_status.h).
#ifndef DUBAN_WORKFLOW_SQLITE_TARGETS_H_
#define DUBAN_WORKFLOW_SQLITE_TARGETS_H_

#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/sqlite_task_rows.h"
#include "workflow/target.h"

namespace duban {

struct StoredTarget {
  int64_t task_id = 0;
  Target target;
};

// The targets matching `where`, an SQL condition on targets `g` and their task `t`, with ?
// parameters `args`: by task (plan order, removed tasks last), then by id.
std::vector<StoredTarget> ReadTargets(SQLite::Database& db, const std::string& where,
                                      const std::vector<SqlArg>& args);

// Appends targets with one prepared statement (a plan's proposals come by the thousand).
class TargetInserter {
 public:
  explicit TargetInserter(SQLite::Database& db);
  // Appends `target` (its id ignored) for the task with `task_id`; returns the new id.
  int64_t Insert(int64_t task_id, const Target& target);

 private:
  SQLite::Database& db_;
  SQLite::Statement insert_;
};

// Rewrites every field of the stored row `target.id` but its task and created_at.
void RewriteTarget(SQLite::Database& db, const Target& target);

// The id of a target of the task named `name` that is not rejected, other than
// `except_id`; 0 if none.
int64_t FindLiveTargetByName(SQLite::Database& db, int64_t task_id, const std::string& name,
                             int64_t except_id);

// The names of the task's confirmed targets, by id.
std::vector<std::string> ConfirmedTargetNames(SQLite::Database& db, int64_t task_id);

// A reported value row: the feedback it came with.
struct StoredValue {
  int64_t feedback_id = 0;
  ReportedValue value;
};

// The values of the feedback matching `where` (an SQL condition on feedback `f`, its task
// `t` and agency `a`, as ReadFeedback takes), by feedback id then in the order given.
std::vector<StoredValue> ReadFeedbackValues(SQLite::Database& db, const std::string& where,
                                            const std::vector<SqlArg>& args);

// Stores the values of feedback `feedback_id` in their order.
void InsertFeedbackValues(SQLite::Database& db, int64_t feedback_id,
                          const std::vector<ReportedValue>& values);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_TARGETS_H_
