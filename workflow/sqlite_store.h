// SqliteStore: the Store on an SQLite file through SQLiteCpp. WAL journal, foreign keys
// on, schema versioned with PRAGMA user_version and migrated forward at Open.
//
// Thread-safety: not thread-safe (one connection); use from one thread.
#ifndef DUBAN_WORKFLOW_SQLITE_STORE_H_
#define DUBAN_WORKFLOW_SQLITE_STORE_H_

#include <memory>
#include <string>

#include "workflow/store.h"

namespace duban {

class SqliteStore : public Store {
 public:
  // The newest schema this binary knows.
  static constexpr int kSchemaVersion = 1;

  // Opens or creates the database at `path` (":memory:" for tests) and applies pending
  // migrations in one transaction each. Fails with kCorruption naming the file if its
  // schema is newer than kSchemaVersion (a newer duban wrote it), kIOError if it cannot be
  // opened or written.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  ~SqliteStore() override;
  // ... Store methods, see store.h
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_STORE_H_
