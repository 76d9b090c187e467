#include "workflow/sqlite_schema.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "workflow/sqlite_status.h"

namespace duban {
namespace {

// Version 1: the plan, its tasks and their history, agencies, feedback, the audit log.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE plans (
  id INTEGER PRIMARY KEY CHECK (id = 1),  -- one current plan
  title TEXT NOT NULL,
  source TEXT NOT NULL,
  imported_at INTEGER NOT NULL            -- UTC seconds of the last import that changed it
);

CREATE TABLE sections (
  plan_id INTEGER NOT NULL REFERENCES plans(id),
  position INTEGER NOT NULL,              -- document order, from 0
  number TEXT NOT NULL,
  label TEXT NOT NULL,
  title TEXT NOT NULL,
  PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  number INTEGER NOT NULL,
  label TEXT NOT NULL,
  section TEXT NOT NULL,                  -- sections.number, '' if none
  position INTEGER NOT NULL,              -- document order in the plan that last had it
  text TEXT NOT NULL,
  assignment TEXT NOT NULL,
  due TEXT NOT NULL,                      -- 'YYYY-MM-DD' or ''
  line INTEGER NOT NULL,
  confidence TEXT NOT NULL CHECK (confidence IN ('certain', 'probable', 'doubtful')),
  doubts TEXT NOT NULL DEFAULT '[]',      -- JSON array of strings
  truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('active', 'removed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- A task's content before a re-import changed (or restored) it.
CREATE TABLE task_revisions (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  revised_at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('change', 'restore')),
  old_number INTEGER NOT NULL,
  old_label TEXT NOT NULL,
  old_section TEXT NOT NULL,
  old_text TEXT NOT NULL,
  old_assignment TEXT NOT NULL,
  old_due TEXT NOT NULL,
  old_agencies TEXT NOT NULL              -- JSON {"lead":[],"participants":[],"responsible":[],"officials":[]}
);
CREATE INDEX task_revisions_by_task ON task_revisions(task_id, id);

CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  collective INTEGER NOT NULL CHECK (collective IN (0, 1)),
  email TEXT NOT NULL DEFAULT '',
  leadership_email TEXT NOT NULL DEFAULT ''
);

CREATE TABLE agency_aliases (
  alias TEXT PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies(id)
) WITHOUT ROWID;
CREATE INDEX agency_aliases_by_agency ON agency_aliases(agency_id);

CREATE TABLE assignments (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  role TEXT NOT NULL CHECK (role IN ('lead', 'participant', 'responsible')),
  position INTEGER NOT NULL,              -- order within the role, from 0
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  PRIMARY KEY (task_id, role, position)
) WITHOUT ROWID;
CREATE INDEX assignments_by_agency ON assignments(agency_id, role);

CREATE TABLE task_officials (
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (task_id, position)
) WITHOUT ROWID;

CREATE TABLE feedback (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  text TEXT NOT NULL,
  percent INTEGER CHECK (percent BETWEEN 0 AND 100),
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1))
);
CREATE INDEX feedback_by_task ON feedback(task_id, at);
CREATE INDEX feedback_by_agency ON feedback(agency_id, at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'       -- JSON object
);
CREATE INDEX audit_log_by_time ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
)sql";

int ReadApplicationId(SQLite::Database& db) {
  return db.execAndGet("PRAGMA application_id").getInt();
}

bool HasTables(SQLite::Database& db) {
  return db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt() > 0;
}

}  // namespace

const std::vector<std::string_view>& SchemaMigrations() {
  static const std::vector<std::string_view> kMigrations = {kSchemaV1};
  return kMigrations;
}

const std::vector<BulkIndex>& BulkLoadIndexes() {
  static const std::vector<BulkIndex> kIndexes = {
      {"assignments_by_agency",
       "CREATE INDEX assignments_by_agency ON assignments(agency_id, role)"},
  };
  return kIndexes;
}

int ReadSchemaVersion(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

Result<int> MigrateSchema(SQLite::Database& db, const std::string& path) {
  const int latest = static_cast<int>(SchemaMigrations().size());
  try {
    int version = ReadSchemaVersion(db);
    if (version > latest) {
      return Status::Corruption(path + ": schema version " + std::to_string(version) +
                                " is newer than this duban supports (" +
                                std::to_string(latest) +
                                "); it was written by a newer duban, upgrade duban to open it");
    }
    int application_id = ReadApplicationId(db);
    if (application_id != 0 && application_id != kDubanApplicationId) {
      return Status::Corruption(path + ": not a duban database (application_id " +
                                std::to_string(application_id) + ")");
    }
    if (version == 0 && HasTables(db)) {
      return Status::Corruption(path + ": not a duban database (it has tables but no "
                                       "schema version)");
    }
    for (; version < latest; ++version) {
      SQLite::Transaction transaction(db);
      db.exec(std::string(SchemaMigrations()[static_cast<size_t>(version)]));
      db.exec("PRAGMA application_id = " + std::to_string(kDubanApplicationId));
      db.exec("PRAGMA user_version = " + std::to_string(version + 1));
      transaction.commit();
    }
    return version;
  } catch (const std::exception& e) {
    return SqliteFailure(e, path, "migrating the schema");
  }
}

}  // namespace duban
