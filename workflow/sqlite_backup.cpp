#include "workflow/sqlite_backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <memory>
#include <thread>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/sqlite_schema.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

// As SqliteStore's: a writer's commit holds the WAL lock only briefly.
constexpr int kBusyTimeoutMs = 5000;
constexpr std::chrono::milliseconds kBusyPause{10};
// integrity_check lines quoted in an error; the rest are counted.
constexpr int kQuotedProblems = 5;

const char* const kCountedTables[] = {"tasks",  "agencies", "feedback", "targets",
                                      "audit_log", "outbox", "messages"};

// Creates `path` empty with mode 0600 (an empty file is a valid empty SQLite database),
// so the copy is never readable by others, not even for a moment.
Status CreatePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    int error = errno;
    std::string message = "cannot create " + path + ": " + std::strerror(error);
    return error == EEXIST ? Status::Conflict(message) : Status::IOError(message);
  }
  ::close(fd);
  return Status::OK();
}

Status CopyPages(const std::string& source, const std::string& dest,
                 const BackupOptions& options) {
  return GuardSqlite(source, "online backup to " + dest, [&]() -> Status {
    SQLite::Database from(source, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    from.setBusyTimeout(kBusyTimeoutMs);
    // One read transaction across every step: the snapshot. Without it each step would
    // take its own, and a commit by the daemon between steps would restart the copy.
    from.exec("BEGIN");
    from.execAndGet("SELECT count(*) FROM sqlite_master");
    SQLite::Database to(dest, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
    {
      SQLite::Backup backup(to, "main", from, "main");
      const int pages = options.pages_per_step > 0 ? options.pages_per_step : -1;
      while (true) {
        if (options.cancel != nullptr && options.cancel->load()) {
          return Status::FailedPrecondition("the backup to " + dest + " was cancelled");
        }
        int rc = backup.executeStep(pages);
        if (options.progress) {
          const int64_t total = backup.getTotalPageCount();
          options.progress({total - backup.getRemainingPageCount(), total});
        }
        if (rc == SQLITE_DONE) break;
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) std::this_thread::sleep_for(kBusyPause);
      }
    }
    from.exec("COMMIT");
    // The pages carry the source's WAL flag; a backup file should stand alone.
    to.execAndGet("PRAGMA journal_mode = DELETE");
    return Status::OK();
  });
}

// PRAGMA integrity_check: OK, or kCorruption quoting SQLite's first complaints.
Status CheckIntegrity(SQLite::Database& db, const std::string& path) {
  SQLite::Statement check(db, "PRAGMA integrity_check");
  std::string problems;
  int count = 0;
  while (check.executeStep()) {
    std::string line = check.getColumn(0).getString();
    if (line == "ok") return Status::OK();
    if (++count <= kQuotedProblems) problems += "\n  " + line;
  }
  if (count > kQuotedProblems) {
    problems += "\n  (and " + std::to_string(count - kQuotedProblems) + " more)";
  }
  return Status::Corruption(path + ": integrity_check failed:" + problems);
}

bool HasTable(SQLite::Database& db, const char* table) {
  SQLite::Statement query(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  query.bind(1, table);
  return query.executeStep();
}

}  // namespace

Status CopyStoreFile(const std::string& source, const std::string& dest,
                     const BackupOptions& options) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(source, ignored)) {
    return Status::NotFound("no store file " + source);
  }
  if (Status created = CreatePrivateFile(dest); !created.ok()) return created;
  Status status = CopyPages(source, dest, options);
  if (!status.ok()) std::filesystem::remove(dest, ignored);
  return status;
}

Result<StoreFileCheck> CheckStoreFile(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    return Status::NotFound("no store file " + path);
  }
  StoreFileCheck result;
  result.size_bytes = static_cast<int64_t>(std::filesystem::file_size(path, error));
  result.newest_schema_version = SqliteStore::kSchemaVersion;
  Status status = GuardSqlite(path, "check", [&]() -> Status {
    SQLite::Database db(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    if (Status integrity = CheckIntegrity(db, path); !integrity.ok()) return integrity;
    const int application_id = db.execAndGet("PRAGMA application_id").getInt();
    if (application_id != kDubanApplicationId) {
      return Status::Corruption(path + ": not a duban store (application_id " +
                                std::to_string(application_id) + ")");
    }
    result.schema_version = ReadSchemaVersion(db);
    if (result.schema_version < 1 || result.schema_version > SqliteStore::kSchemaVersion) {
      return Status::Corruption(path + ": schema version " +
                                std::to_string(result.schema_version) +
                                ", this duband knows 1 to " +
                                std::to_string(SqliteStore::kSchemaVersion));
    }
    result.page_size = db.execAndGet("PRAGMA page_size").getInt64();
    result.page_count = db.execAndGet("PRAGMA page_count").getInt64();
    for (const char* table : kCountedTables) {
      if (!HasTable(db, table)) continue;
      result.rows[table] = db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
    }
    return Status::OK();
  });
  if (!status.ok()) return status;
  return result;
}

}  // namespace duban
