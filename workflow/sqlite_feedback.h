// Feedback rows (办理反馈) of the store: reading them back with their task's ref and their
// agency's canonical name, in one query for any number of tasks, and appending one.
//
// REQUIRES: callers catch SQLite::Exception (see sqlite_status.h).
#ifndef DUBAN_WORKFLOW_SQLITE_FEEDBACK_H_
#define DUBAN_WORKFLOW_SQLITE_FEEDBACK_H_

#include <cstdint>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "workflow/sqlite_task_rows.h"
#include "workflow/tracking.h"

namespace duban {

struct StoredFeedback {
  int64_t task_id = 0;
  Feedback feedback;
};

enum class FeedbackOrder {
  kByTime,  // oldest first
  kByTask,  // grouped by task id, oldest first within (follows an index: no sort)
};

// The feedback matching `where`, an SQL condition on feedback `f`, its task `t` and its
// agency `a`, with ? parameters `args`.
std::vector<StoredFeedback> ReadFeedback(SQLite::Database& db, const std::string& where,
                                         const std::vector<SqlArg>& args, FeedbackOrder order);

// Appends `feedback` for the task and agency with these ids; returns its id.
int64_t InsertFeedback(SQLite::Database& db, int64_t task_id, int64_t agency_id,
                       const Feedback& feedback);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_FEEDBACK_H_
