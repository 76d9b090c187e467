// SqliteStore::CountMessagesByState: how many messages are in each state, for `status`.
// One GROUP BY over the messages_by_state index, so the cost does not grow with the
// bodies kept in the messages table.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

std::map<std::string, int64_t> CountByState(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT state, count(*) FROM messages GROUP BY state");
  std::map<std::string, int64_t> counts;
  while (query.executeStep()) {
    counts[query.getColumn(0).getString()] = query.getColumn(1).getInt64();
  }
  return counts;
}

}  // namespace

Result<std::map<std::string, int64_t>> SqliteStore::CountMessagesByState() {
  return GuardSqlite(path_, "counting messages",
                     [&]() -> Result<std::map<std::string, int64_t>> { return CountByState(*db_); });
}

}  // namespace duban
