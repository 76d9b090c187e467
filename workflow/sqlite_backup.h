// Copies and checks of the SQLite store file, for `dubanctl backup` and `duband
// --check-store` (docs/BACKUP.md). These work on files by path through connections of
// their own, never through a SqliteStore, so the daemon can run them on a worker thread
// while its store keeps serving on the io thread (SQLite coordinates the connections).
//
// Thread-safety: each call uses only its own connections; calls may run on any thread.
#ifndef DUBAN_WORKFLOW_SQLITE_BACKUP_H_
#define DUBAN_WORKFLOW_SQLITE_BACKUP_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "workflow/status.h"

namespace duban {

struct BackupProgress {
  int64_t pages_done = 0;
  int64_t pages_total = 0;
};

struct BackupOptions {
  // Pages copied per sqlite3_backup_step; between steps `cancel` and `progress` are seen.
  int pages_per_step = 256;
  // Checked between steps; true stops the copy (kFailedPrecondition, the copy removed).
  const std::atomic<bool>* cancel = nullptr;
  // Called after each step, on the calling thread.
  std::function<void(const BackupProgress&)> progress;
};

// Copies the store at `source` into a new file `dest` (created 0600; an existing `dest` is
// kConflict) with SQLite's online backup API, as ONE snapshot: the source connection holds
// a read transaction from the first step to the last, so in WAL mode writers carry on
// meanwhile and their commits are not in the copy (the copy is the state at the start).
// The copy is left in rollback-journal mode (journal_mode DELETE), a single self-contained
// file. On failure `dest` is removed and the Status names the file: kNotFound if `source`
// does not exist, kIOError/kCorruption from SQLite.
Status CopyStoreFile(const std::string& source, const std::string& dest,
                     const BackupOptions& options = {});

// What CheckStoreFile found in a store file.
struct StoreFileCheck {
  int schema_version = 0;         // PRAGMA user_version
  int newest_schema_version = 0;  // what this binary knows (SqliteStore::kSchemaVersion)
  int64_t size_bytes = 0;
  int64_t page_size = 0;
  int64_t page_count = 0;
  // Rows of the main tables present in the file: "tasks", "agencies", "feedback",
  // "audit_log", "outbox", "messages".
  std::map<std::string, int64_t> rows;
};

// Opens `path` read-only and checks that it is a duban store this binary can open: an
// SQLite database (kCorruption: "not an SQLite database"), PRAGMA integrity_check "ok"
// (kCorruption with SQLite's first complaints), duban's application id and a schema
// version from 1 to SqliteStore::kSchemaVersion (kCorruption naming both versions). A
// missing file is kNotFound. Changes nothing in the file.
Result<StoreFileCheck> CheckStoreFile(const std::string& path);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_BACKUP_H_
