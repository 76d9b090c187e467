#include "workflow/sqlite_schema.h"

#include <exception>
#include <string>

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

// Version 2: tracking. Tasks gain the lifecycle states 'suspended' and 'completed' with a
// reason; run-time deadline patches; the outbox of decided actions; a key/value table for
// marks such as how far the scheduler has decided. SQLite cannot widen a CHECK constraint
// in place, so tasks is rebuilt (MigrateSchema runs with foreign keys off and checks them
// before commit): create the new table, copy, drop the old one, rename.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE tasks_v2 (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  number INTEGER NOT NULL,
  label TEXT NOT NULL,
  section TEXT NOT NULL,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  assignment TEXT NOT NULL,
  due TEXT NOT NULL,
  line INTEGER NOT NULL,
  confidence TEXT NOT NULL CHECK (confidence IN ('certain', 'probable', 'doubtful')),
  doubts TEXT NOT NULL DEFAULT '[]',
  truncated INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'completed', 'removed')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  state_reason TEXT NOT NULL DEFAULT ''   -- why suspended, completed or reopened
);
INSERT INTO tasks_v2 (id, ref, number, label, section, position, text, assignment, due, line,
                      confidence, doubts, truncated, state, created_at, updated_at)
  SELECT id, ref, number, label, section, position, text, assignment, due, line,
         confidence, doubts, truncated, state, created_at, updated_at FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_v2 RENAME TO tasks;

-- A task's run-time deadline (`dubanctl task REF due ...`); no row = none.
CREATE TABLE task_deadlines (
  task_id INTEGER PRIMARY KEY REFERENCES tasks(id),
  patch TEXT NOT NULL,                    -- JSON DeadlinePatch (sqlite_deadline_json.h)
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
);

-- Decided actions under their unique keys: a key is decided once, ever.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  task_ref TEXT NOT NULL,
  agency TEXT NOT NULL,                   -- canonical name when decided
  role TEXT NOT NULL CHECK (role IN ('lead', 'participant', 'responsible')),
  occurrence TEXT NOT NULL,
  due TEXT NOT NULL,                      -- 'YYYY-MM-DD'
  level TEXT NOT NULL CHECK (level IN ('remind', 'urge', 'supervise', 'circulate')),
  step TEXT NOT NULL,
  repeat INTEGER NOT NULL,
  recipients TEXT NOT NULL DEFAULT '[]',  -- JSON array of RecipientName
  channels TEXT NOT NULL DEFAULT '[]',    -- JSON array of ChannelName
  at INTEGER NOT NULL,                    -- UTC seconds when it is due to go out
  reason TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'skipped', 'sent', 'failed', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_by_state ON outbox(state, at);

-- Small named values: 'scheduler.evaluated_until' (UTC seconds).
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value NOT NULL
) WITHOUT ROWID;
)sql";

// Version 3: delivery. Messages (one notice to one recipient over one channel, rendered
// when queued) and the outbox rows each carries; the outbox's states widen to the
// delivery ones (pending, skipped, cancelled, queued, sent, failed, dead). The CHECK cannot
// be altered, so outbox is rebuilt as tasks was in version 2, keeping ids and data.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE outbox_v3 (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  task_ref TEXT NOT NULL,
  agency TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('lead', 'participant', 'responsible')),
  occurrence TEXT NOT NULL,
  due TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('remind', 'urge', 'supervise', 'circulate')),
  step TEXT NOT NULL,
  repeat INTEGER NOT NULL,
  recipients TEXT NOT NULL DEFAULT '[]',
  channels TEXT NOT NULL DEFAULT '[]',
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'skipped', 'cancelled', 'queued', 'sent',
                                       'failed', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,    -- the most attempts of a message carrying it
  last_error TEXT NOT NULL DEFAULT '',    -- why cancelled, dead or failed
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO outbox_v3 (id, key, task_ref, agency, role, occurrence, due, level, step, repeat,
                       recipients, channels, at, reason, state, attempts, last_error,
                       created_at, updated_at)
  SELECT id, key, task_ref, agency, role, occurrence, due, level, step, repeat,
         recipients, channels, at, reason, state, attempts, last_error,
         created_at, updated_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v3 RENAME TO outbox;
CREATE INDEX outbox_by_state ON outbox(state, at);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,               -- Message-ID / webhook id derive from it
  channel TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  target TEXT NOT NULL,                   -- email address or [[webhook]] name
  recipient_name TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('remind', 'urge', 'supervise', 'circulate')),
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL DEFAULT '',
  data_json TEXT NOT NULL DEFAULT '',
  thread TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('queued', 'failed', 'sent', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,       -- UTC seconds when it may be (re)sent
  sent_at INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  last_response TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX messages_by_state ON messages(state, next_attempt_at);

-- The outbox rows (actions) each message carries; a row may travel in several messages
-- (the agency by email and by webhook, the leadership copy).
CREATE TABLE message_outbox (
  message_id INTEGER NOT NULL REFERENCES messages(id),
  outbox_id INTEGER NOT NULL REFERENCES outbox(id),
  PRIMARY KEY (message_id, outbox_id)
) WITHOUT ROWID;
CREATE INDEX message_outbox_by_outbox ON message_outbox(outbox_id);
)sql";

// Version 4: feedback history and the audit log by task and agency. Feedback gains its
// attachments (a JSON array of paths and http(s) URLs, validated on entry, never fetched)
// and when it was recorded (`at` stays when it was received: offices enter replies late).
// Audit entries gain the task and the agency they concern, indexed, so `dubanctl log
// --task/--agency` never scans the JSON details; existing entries are filled from their
// subject ("task 22", "agency 省发改委") and, for feedback, the detail's agency. The
// append-only trigger is lifted for that one backfill and put back at once.
constexpr std::string_view kSchemaV4 = R"sql(
ALTER TABLE feedback ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';  -- JSON array of strings
ALTER TABLE feedback ADD COLUMN recorded_at INTEGER NOT NULL DEFAULT 0;  -- UTC seconds entered
UPDATE feedback SET recorded_at = at;

ALTER TABLE audit_log ADD COLUMN task_ref TEXT NOT NULL DEFAULT '';  -- tasks.ref, '' if none
ALTER TABLE audit_log ADD COLUMN agency TEXT NOT NULL DEFAULT '';    -- canonical, '' if none
DROP TRIGGER audit_log_no_update;
UPDATE audit_log SET task_ref = substr(subject, 6) WHERE substr(subject, 1, 5) = 'task ';
UPDATE audit_log SET agency = substr(subject, 8) WHERE substr(subject, 1, 7) = 'agency ';
UPDATE audit_log SET agency = json_extract(detail, '$.agency')
  WHERE action = 'feedback.add' AND json_valid(detail)
    AND json_type(detail, '$.agency') = 'text';
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE INDEX audit_log_by_task ON audit_log(task_ref, at);
CREATE INDEX audit_log_by_agency ON audit_log(agency, at);
)sql";

// Version 5: quantitative targets (指标). A task's targets: proposals the importer read from
// its text (matched_text, their identity across re-imports, so a rejected or edited one is
// never proposed again) and targets the office confirmed or entered; rejected ones are kept.
// A name is unique in its task among the targets not rejected (the key of a reported
// value). Feedback gains the values reported with it, by target name, in the order given.
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE targets (
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  name TEXT NOT NULL CHECK (name <> ''),
  unit TEXT NOT NULL DEFAULT '',
  comparison TEXT NOT NULL CHECK (comparison IN ('at_least', 'at_most', 'about')),
  value REAL NOT NULL,
  tolerance REAL NOT NULL DEFAULT 0 CHECK (tolerance >= 0),
  period TEXT NOT NULL CHECK (period IN ('yearly', 'by_date', 'cumulative')),
  by_date TEXT NOT NULL DEFAULT '',       -- 'YYYY-MM-DD' for by_date, '' otherwise
  state TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed', 'rejected')),
  matched_text TEXT NOT NULL DEFAULT '',  -- the task text a proposal was read from
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX targets_by_name ON targets(task_id, name) WHERE state <> 'rejected';
CREATE UNIQUE INDEX targets_by_match ON targets(task_id, matched_text) WHERE matched_text <> '';
-- A task's targets (the unique indexes above are partial: a plain lookup by task cannot use them).
CREATE INDEX targets_by_task ON targets(task_id, state);

CREATE TABLE feedback_values (
  feedback_id INTEGER NOT NULL REFERENCES feedback(id),
  name TEXT NOT NULL,                     -- targets.name when reported
  value REAL NOT NULL,
  position INTEGER NOT NULL,              -- order given, from 0
  PRIMARY KEY (feedback_id, name)
) WITHOUT ROWID;
)sql";

// Version 6: how many tasks are in each state, kept by triggers on tasks in the same
// transaction as the change, so that `status` and the metrics read a few rows instead of
// counting every task (32 ms at 100,000 tasks, on every call). A later migration that
// rebuilds tasks must recreate these triggers and recount.
constexpr std::string_view kSchemaV6 = R"sql(
CREATE TABLE task_state_counts (
  state TEXT PRIMARY KEY,
  count INTEGER NOT NULL CHECK (count >= 0)
) WITHOUT ROWID;
INSERT INTO task_state_counts (state, count) SELECT state, count(*) FROM tasks WHERE true GROUP BY state;
CREATE TRIGGER task_state_counts_insert AFTER INSERT ON tasks
BEGIN
  INSERT INTO task_state_counts (state, count) VALUES (NEW.state, 1)
    ON CONFLICT (state) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER task_state_counts_update AFTER UPDATE OF state ON tasks
WHEN OLD.state <> NEW.state
BEGIN
  UPDATE task_state_counts SET count = count - 1 WHERE state = OLD.state;
  INSERT INTO task_state_counts (state, count) VALUES (NEW.state, 1)
    ON CONFLICT (state) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER task_state_counts_delete AFTER DELETE ON tasks
BEGIN
  UPDATE task_state_counts SET count = count - 1 WHERE state = OLD.state;
END;
)sql";

int ReadApplicationId(SQLite::Database& db) {
  return db.execAndGet("PRAGMA application_id").getInt();
}

bool HasTables(SQLite::Database& db) {
  return db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt() > 0;
}

// Turns foreign keys off while migrations run and back on after: a migration may rebuild
// a table that others refer to, and PRAGMA foreign_keys is a no-op inside a transaction.
// Each migration checks the references itself before it commits (ApplyMigration).
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(SQLite::Database& db)
      : db_(db), was_on_(db.execAndGet("PRAGMA foreign_keys").getInt() != 0) {
    if (was_on_) db_.exec("PRAGMA foreign_keys = OFF");
  }
  ~ForeignKeysOff() {
    try {
      if (was_on_) db_.exec("PRAGMA foreign_keys = ON");
    } catch (const std::exception&) {  // nothing to do: the connection is failing anyway
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  SQLite::Database& db_;
  const bool was_on_;
};

// Takes `db` from `version` to version + 1 in one transaction. kCorruption if the result
// has a dangling reference (the file was inconsistent before).
Status ApplyMigration(SQLite::Database& db, const std::string& path, int version) {
  SQLite::Transaction transaction(db);
  db.exec(std::string(SchemaMigrations()[static_cast<size_t>(version)]));
  SQLite::Statement check(db, "PRAGMA foreign_key_check");
  if (check.executeStep()) {
    return Status::Corruption(path + ": migrating to schema version " +
                              std::to_string(version + 1) + ": table " +
                              check.getColumn(0).getString() + " refers to a missing row of " +
                              check.getColumn(2).getString());
  }
  db.exec("PRAGMA application_id = " + std::to_string(kDubanApplicationId));
  db.exec("PRAGMA user_version = " + std::to_string(version + 1));
  transaction.commit();
  return Status::OK();
}

}  // namespace

const std::vector<std::string_view>& SchemaMigrations() {
  static const std::vector<std::string_view> kMigrations = {
      kSchemaV1, kSchemaV2, kSchemaV3, kSchemaV4, kSchemaV5, kSchemaV6};
  return kMigrations;
}

const std::vector<BulkIndex>& BulkLoadIndexes() {
  static const std::vector<BulkIndex> kIndexes = {
      {"assignments_by_agency",
       "CREATE INDEX assignments_by_agency ON assignments(agency_id, role)"},
      // A first import writes a task.add entry per task: one sort instead of 100,000
      // B-tree inserts.
      {"audit_log_by_task",
       "CREATE INDEX audit_log_by_task ON audit_log(task_ref, at)"},
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
    if (version == latest) return version;
    ForeignKeysOff foreign_keys_off(db);
    for (; version < latest; ++version) {
      if (Status status = ApplyMigration(db, path, version); !status.ok()) return status;
    }
    return version;
  } catch (const std::exception& e) {
    return SqliteFailure(e, path, "migrating the schema");
  }
}

}  // namespace duban
