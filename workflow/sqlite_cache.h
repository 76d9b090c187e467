// The SQLite page cache of a SqliteStore connection: small while the daemon runs, large
// only while a plan is imported.
//
// A running daemon reads a few rows per command and writes small transactions; the file
// itself stays in the OS page cache, so a large SQLite cache only adds resident memory: at
// 64 MiB it filled as the store grew (the year-long soak's RSS rose by the whole cache over
// the year, and duband with 100,000 tasks stayed above its memory target). A 100,000-task
// import, on the other hand, needs its index pages in memory until commit (with the 2 MiB
// default they spill to the WAL mid-transaction), so ApplyPlan raises the cache for its
// transaction and gives the memory back after (PRAGMA shrink_memory).
//
// Not thread-safe: the store's connection, one thread, as every SqliteStore call.
#ifndef DUBAN_WORKFLOW_SQLITE_CACHE_H_
#define DUBAN_WORKFLOW_SQLITE_CACHE_H_

#include <string>

#include <SQLiteCpp/Database.h>

namespace duban {

inline constexpr int kRunningCacheKiB = 8 * 1024;
inline constexpr int kImportCacheKiB = 64 * 1024;

// Sets the running cache size on a freshly opened connection.
inline void SetRunningCache(SQLite::Database& db) {
  db.exec("PRAGMA cache_size = -" + std::to_string(kRunningCacheKiB));  // KiB when negative
}

// The import cache for this object's lifetime; construct it before the import's
// transaction so that it ends after the commit.
class ImportCache {
 public:
  explicit ImportCache(SQLite::Database& db) : db_(db) {
    db_.exec("PRAGMA cache_size = -" + std::to_string(kImportCacheKiB));
  }
  ~ImportCache() {
    try {
      SetRunningCache(db_);
      db_.exec("PRAGMA shrink_memory");
    } catch (...) {
      // Only memory is at stake: the import's outcome stands either way.
    }
  }
  ImportCache(const ImportCache&) = delete;
  ImportCache& operator=(const ImportCache&) = delete;

 private:
  SQLite::Database& db_;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_CACHE_H_
