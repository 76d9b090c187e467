// Feedback rows (办理反馈) of the store: reading them back with their task's ref, their
// agency's canonical name and their reported values, in two queries for any number of
// tasks, and appending one.
//
// REQUIRES: callers catch SQLite::Exception (see sqlite_status.h).
#ifndef DUBAN_WORKFLOW_SQLITE_FEEDBACK_H_
#define DUBAN_WORKFLOW_SQLITE_FEEDBACK_H_

#include <cstdint>
#include <optional>
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
// agency `a`, with ? parameters `args`; each with its reported values (one more query).
std::vector<StoredFeedback> ReadFeedback(SQLite::Database& db, const std::string& where,
                                         const std::vector<SqlArg>& args, FeedbackOrder order);

// The attachments column: a JSON array of strings. Decode throws StoredValueError
// (sqlite_status.h) for anything else.
std::string EncodeAttachments(const std::vector<std::string>& attachments);
std::vector<std::string> DecodeAttachments(const std::string& text);

// The id of a stored feedback with the same task, agency, received time and text (an
// import read twice); nullopt if none. Follows feedback_by_task (task_id, at).
std::optional<int64_t> FindSameFeedback(SQLite::Database& db, int64_t task_id, int64_t agency_id,
                                        int64_t at, const std::string& text);

// Appends `feedback` (recorded_at and actor as given) for the task and agency with these
// ids, with its reported values; returns its id.
int64_t InsertFeedback(SQLite::Database& db, int64_t task_id, int64_t agency_id,
                       const Feedback& feedback);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_FEEDBACK_H_
