// The SQLite schema of the store and its migrations: an ordered list of SQL scripts, the
// n-th of which (1-based) takes a database from user_version n-1 to n. Migrations only
// ever append to the list; a released script is never edited.
//
// Tables (version 1): plans (the one current plan), sections, tasks (state 'active' or
// 'removed', never deleted), task_revisions (a changed task's previous content), agencies,
// agency_aliases, assignments (task, agency, role, position), task_officials, feedback,
// audit_log (append-only: triggers refuse UPDATE and DELETE).
// Version 2: tasks.state also 'suspended' or 'completed', tasks.state_reason;
// task_deadlines (run-time deadline patch per task), outbox (decided actions under unique
// keys), meta (key/value marks such as 'scheduler.evaluated_until').
// Version 3: outbox.state also 'cancelled' or 'queued' (the table rebuilt, ids kept);
// messages (rendered notices with their delivery state, by (state, next_attempt_at)) and
// message_outbox (which outbox rows each message carries).
// Version 4: feedback.attachments (JSON array) and feedback.recorded_at; audit_log.task_ref
// and audit_log.agency (indexed; filled for older entries from subject and detail).
// Version 5: targets (a task's 指标: proposed, confirmed or rejected; name unique per task
// among those not rejected, matched_text unique per task when not empty) and
// feedback_values (the values reported with a feedback, by target name).
//
// Thread-safety: plain functions on the caller's connection.
#ifndef DUBAN_WORKFLOW_SQLITE_SCHEMA_H_
#define DUBAN_WORKFLOW_SQLITE_SCHEMA_H_

#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "workflow/status.h"

namespace duban {

// Marks a duban database in its header (PRAGMA application_id): "DUBN".
inline constexpr int kDubanApplicationId = 0x4455424E;

// The migration scripts in order; size() is the newest schema version.
const std::vector<std::string_view>& SchemaMigrations();

// A secondary index that a bulk load drops and builds again afterwards (one sort instead of
// a random B-tree insert per row). `create` matches the newest schema's definition.
struct BulkIndex {
  std::string_view name;
  std::string_view create;
};
const std::vector<BulkIndex>& BulkLoadIndexes();

// PRAGMA user_version of `db`. Throws SQLite::Exception (e.g. the file is not a database).
int ReadSchemaVersion(SQLite::Database& db);

// Brings `db` (the file `path`, named in messages) to the newest schema, one transaction
// per migration, with foreign keys off while they run (restored afterwards) and checked
// with PRAGMA foreign_key_check before each commit. Returns the version it is at. kCorruption, naming `path` and both
// versions, if the file's schema is newer than this binary knows; kCorruption if the file
// is not a duban database (another application id, or tables without a version);
// kIOError if SQLite fails.
Result<int> MigrateSchema(SQLite::Database& db, const std::string& path);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_SCHEMA_H_
