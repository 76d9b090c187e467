// Lookups shared by the store's tracking, feedback and audit methods: a task by ref, an
// agency by canonical name or alias, and whether an agency has a role in a task.
//
// REQUIRES: callers catch SQLite::Exception (see sqlite_status.h).
#ifndef DUBAN_WORKFLOW_SQLITE_LOOKUP_H_
#define DUBAN_WORKFLOW_SQLITE_LOOKUP_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <SQLiteCpp/Database.h>

namespace duban {

struct TaskRow {
  int64_t id = 0;
  std::string state;
  std::string state_reason;
};

struct AgencyRow {
  int64_t id = 0;
  std::string name;  // canonical
};

// The task with `ref` (any state); nullopt if none.
std::optional<TaskRow> FindTaskRow(SQLite::Database& db, std::string_view ref);

// The agency named `name` or with `name` as an alias; nullopt if none.
std::optional<AgencyRow> FindAgencyRow(SQLite::Database& db, std::string_view name);

// True if the agency has any role in the task.
bool HasRole(SQLite::Database& db, int64_t task_id, int64_t agency_id);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_LOOKUP_H_
