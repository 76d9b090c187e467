// SqliteStore: opening the database, and the queries that read tasks, the audit log and
// the summary. The plan import is in sqlite_store_plan.cpp, agencies in
// sqlite_store_agencies.cpp.
#include "workflow/sqlite_store.h"

#include <utility>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_cache.h"
#include "workflow/sqlite_schema.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_task_rows.h"

namespace duban {
namespace {

// How long a statement waits for another connection's lock before failing.
constexpr int kBusyTimeoutMs = 5000;

bool IsMemory(const std::string& path) {
  return path.empty() || path == ":memory:" || path.rfind("file::memory:", 0) == 0;
}

int CountOf(SQLite::Database& db, const char* sql) { return db.execAndGet(sql).getInt(); }

// The WHERE condition for `filter`'s state; false if the state is not one of ours.
bool StateCondition(const std::string& state, std::string* where) {
  if (state.empty()) {
    *where = "t.state = 'active'";
  } else if (state == "active" || state == "suspended" || state == "completed" ||
             state == "removed") {
    *where = "t.state = '" + state + "'";  // one of the names above, never user text
  } else if (state == "all") {
    *where = "1";
  } else {
    return false;
  }
  return true;
}

int64_t FindAgencyId(SQLite::Database& db, const std::string& name) {
  SQLite::Statement query(db,
                          "SELECT id FROM agencies WHERE name = ?1 UNION ALL "
                          "SELECT agency_id FROM agency_aliases WHERE alias = ?1 LIMIT 1");
  query.bind(1, name);
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

}  // namespace

SqliteStore::SqliteStore(std::string path, std::unique_ptr<SQLite::Database> db,
                         int schema_version)
    : path_(std::move(path)), db_(std::move(db)), schema_version_(schema_version) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  static_assert(kSchemaVersion > 0);
  if (static_cast<int>(SchemaMigrations().size()) != kSchemaVersion) {
    return Status::Internal("SqliteStore::kSchemaVersion does not match the migrations");
  }
  std::unique_ptr<SQLite::Database> db;
  Status status = GuardSqlite(path, "opening", [&]() {
    // NOMUTEX: the store is used from one thread (see sqlite_store.h), so SQLite's
    // per-call connection mutex is pure cost.
    db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    db->setBusyTimeout(kBusyTimeoutMs);
    db->exec("PRAGMA foreign_keys = ON");
    return Status::OK();
  });
  if (!status.ok()) return status;

  Result<int> version = MigrateSchema(*db, path);
  if (!version.ok()) return version.status();

  status = GuardSqlite(path, "setting the journal mode", [&]() {
    if (!IsMemory(path)) {
      std::string mode = db->execAndGet("PRAGMA journal_mode = WAL").getString();
      if (mode != "wal") {
        return Status::IOError(path + ": cannot use the WAL journal (journal_mode is " + mode +
                               ")");
      }
    }
    db->exec("PRAGMA synchronous = NORMAL");
    SetRunningCache(*db);  // small; ApplyPlan raises it for an import (sqlite_cache.h)
    db->exec("PRAGMA temp_store = MEMORY");  // sorts of an index rebuild, not temp files
    return Status::OK();
  });
  if (!status.ok()) return status;
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(db), *version));
}

Result<Plan> SqliteStore::LoadPlan() {
  return GuardSqlite(path_, "loading the plan", [&]() -> Result<Plan> {
    Plan plan;
    if (!ReadPlanHeader(*db_, &plan, nullptr)) return plan;
    std::vector<StoredTask> tasks = ReadTasks(*db_, "t.state <> 'removed'", {});
    plan.tasks.reserve(tasks.size());
    for (auto& stored : tasks) plan.tasks.push_back(std::move(stored.record.task));
    return plan;
  });
}

Result<std::vector<TaskRecord>> SqliteStore::ListTasks(const TaskFilter& filter) {
  std::string where;
  if (!StateCondition(filter.state, &where)) {
    return Status::InvalidArgument("unknown task state \"" + filter.state +
                                   "\" (expected active, suspended, completed, removed or all)");
  }
  return GuardSqlite(path_, "listing tasks", [&]() -> Result<std::vector<TaskRecord>> {
    std::vector<SqlArg> args;
    if (!filter.section.empty()) {
      where += " AND t.section = ?";
      args.emplace_back(filter.section);
    }
    if (!filter.agency.empty() || filter.role) {
      std::string subquery = "SELECT x.task_id FROM assignments x WHERE 1";
      if (!filter.agency.empty()) {
        int64_t agency_id = FindAgencyId(*db_, filter.agency);
        if (agency_id == 0) return Status::NotFound("no agency named " + filter.agency);
        subquery += " AND x.agency_id = ?";
        args.emplace_back(agency_id);
      }
      if (filter.role) {
        subquery += " AND x.role = ?";
        args.emplace_back(std::string(RoleName(*filter.role)));
      }
      where += " AND t.id IN (" + subquery + ")";
    }
    std::vector<StoredTask> stored = ReadTasks(*db_, where, args);
    std::vector<TaskRecord> records;
    records.reserve(stored.size());
    for (auto& task : stored) records.push_back(std::move(task.record));
    return records;
  });
}

Result<TaskRecord> SqliteStore::GetTask(std::string_view ref) {
  return GuardSqlite(path_, "reading a task", [&]() -> Result<TaskRecord> {
    std::vector<StoredTask> stored = ReadTasks(*db_, "t.ref = ?", {std::string(ref)});
    if (stored.empty()) return Status::NotFound("no task " + std::string(ref));
    return std::move(stored.front().record);
  });
}

Result<std::vector<AuditEntry>> SqliteStore::ListAudit(int64_t since, int limit) {
  if (limit <= 0) return Status::InvalidArgument("audit limit must be positive");
  return GuardSqlite(path_, "reading the audit log", [&]() -> Result<std::vector<AuditEntry>> {
    return ReadAudit(*db_, since, limit);
  });
}

Result<StoreSummary> SqliteStore::Summary() {
  return GuardSqlite(path_, "summarising", [&]() -> Result<StoreSummary> {
    StoreSummary summary;
    summary.schema_version = schema_version_;
    Plan header;
    if (ReadPlanHeader(*db_, &header, &summary.plan_imported_at)) {
      summary.plan_title = header.title;
      summary.plan_source = header.source;
      summary.sections = static_cast<int>(header.sections.size());
    }
    // Kept by triggers (schema v6): no scan of the tasks.
    SQLite::Statement states(*db_, "SELECT state, count FROM task_state_counts");
    while (states.executeStep()) {
      std::string state = states.getColumn(0).getString();
      int count = states.getColumn(1).getInt();
      if (state == "active") summary.active_tasks = count;
      if (state == "suspended") summary.suspended_tasks = count;
      if (state == "completed") summary.completed_tasks = count;
      if (state == "removed") summary.removed_tasks = count;
    }
    summary.agencies = CountOf(*db_, "SELECT count(*) FROM agencies");
    summary.audit_entries = CountOf(*db_, "SELECT count(*) FROM audit_log");
    return summary;
  });
}

}  // namespace duban
