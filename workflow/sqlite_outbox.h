// The outbox table: decided actions under their unique keys, written in multi-row batches
// (100,000 actions in one transaction must take well under a second), read back as
// OutboxRows; and the scheduler's evaluation mark in the meta table.
//
// REQUIRES: writers are used inside one transaction; callers catch SQLite::Exception and
// StoredValueError (see sqlite_status.h).
#ifndef DUBAN_WORKFLOW_SQLITE_OUTBOX_H_
#define DUBAN_WORKFLOW_SQLITE_OUTBOX_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>

#include "workflow/sqlite_batch_insert.h"
#include "workflow/sqlite_task_rows.h"
#include "workflow/store.h"

namespace duban {

// The states an outbox row can be in (the schema's CHECK).
bool IsOutboxState(std::string_view state);

// Inserts actions that are not in the outbox yet; an action whose key is there already is
// left alone (INSERT OR IGNORE), whatever its state.
class OutboxWriter {
 public:
  OutboxWriter(SQLite::Database& db, int64_t now);

  // Buffers `action` as a new row in `state` ("pending" or "skipped").
  void Add(const Action& action, std::string_view state);
  // Writes the buffered rows. Call before commit.
  void Flush() { insert_.Flush(); }
  // Rows that were new, of those written so far.
  int64_t inserted() const { return insert_.changes(); }

 private:
  BatchInsert insert_;
  const int64_t now_;
};

// Rows matching `where`, an SQL condition on outbox `o` with ? parameters `args`, oldest
// decision (lowest id) first, at most `limit`.
std::vector<OutboxRow> ReadOutbox(SQLite::Database& db, const std::string& where,
                                  const std::vector<SqlArg>& args, int limit);

// The meta key of the scheduler's evaluation mark (UTC seconds).
inline constexpr std::string_view kEvaluatedUntilKey = "scheduler.evaluated_until";

// Sets meta `key` to `value`.
void WriteMetaInt(SQLite::Database& db, std::string_view key, int64_t value);
// The value of meta `key`; nullopt if it was never set.
std::optional<int64_t> ReadMetaInt(SQLite::Database& db, std::string_view key);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_OUTBOX_H_
