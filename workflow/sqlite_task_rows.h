// Reading tasks back from the store: rows of tasks, assignments and task_officials put
// together as TaskRecords in three queries, however many tasks match; and the column
// encodings those rows use (JSON lists, confidence names).
//
// REQUIRES: callers catch SQLite::Exception and nlohmann::json::exception (see
// sqlite_status.h).
#ifndef DUBAN_WORKFLOW_SQLITE_TASK_ROWS_H_
#define DUBAN_WORKFLOW_SQLITE_TASK_ROWS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/plan.h"
#include "workflow/store.h"

namespace duban {

// A task row with its key and place in the plan.
struct StoredTask {
  int64_t id = 0;
  int position = 0;
  TaskRecord record;
};

using SqlArg = std::variant<int64_t, std::string>;

// Binds `args` to the ? parameters of `statement`, from the first.
void BindArgs(SQLite::Statement& statement, const std::vector<SqlArg>& args);

// The tasks matching `where`, an SQL condition on the tasks table aliased `t` with ?
// parameters `args`: active tasks in document order, then removed ones in their last
// document order.
std::vector<StoredTask> ReadTasks(SQLite::Database& db, const std::string& where,
                                  const std::vector<SqlArg>& args);

// The tasks the evaluator tracks, as an SQL condition on tasks aliased `t`: all but the
// removed ones.
inline constexpr const char* kTrackedTasks = "t.state <> 'removed'";

// The outlines of the tasks that are not removed (TrackingOutline without feedback,
// deadline and targets), in document order; `index` maps each one's key (tasks.id) to
// its position. Two queries, no texts read.
std::vector<TrackingOutline> ReadTaskOutlines(SQLite::Database& db,
                                              std::unordered_map<int64_t, size_t>* index);

// The stored title, source and sections of the current plan, no tasks. False if no plan
// was imported yet.
bool ReadPlanHeader(SQLite::Database& db, Plan* plan, int64_t* imported_at);

// A JSON array of strings.
std::string EncodeStrings(const std::vector<std::string>& items);
// Inverse of EncodeStrings; a text that is not a JSON array reads as one item (older rows
// or hand edits), "" as none.
std::vector<std::string> DecodeStrings(const std::string& text);

// Inverse of ConfidenceName; unknown names read as kDoubtful.
Confidence ConfidenceFromName(std::string_view name);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_TASK_ROWS_H_
