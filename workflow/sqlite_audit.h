// The audit log: appending entries (one prepared statement reused for a whole transaction)
// and reading them back. The table itself refuses UPDATE and DELETE (see sqlite_schema).
//
// REQUIRES: the caller catches SQLite::Exception.
#ifndef DUBAN_WORKFLOW_SQLITE_AUDIT_H_
#define DUBAN_WORKFLOW_SQLITE_AUDIT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/sqlite_batch_insert.h"
#include "workflow/store.h"

namespace duban {

// Appends entries by one actor at one time, as in one store call. Entries are written in
// batches: Flush() before commit.
class AuditWriter {
 public:
  AuditWriter(SQLite::Database& db, std::string actor, int64_t at);
  // REQUIRES: Flush() was called after the last Append, unless an exception is unwinding.
  ~AuditWriter();

  // `detail` is a JSON object's text. The entry's task and agency (the indexed columns that
  // `dubanctl log --task/--agency` reads) come from a subject "task REF" or "agency NAME".
  void Append(std::string_view action, const std::string& subject, const std::string& detail);
  // The same with the task and the agency given (e.g. a feedback concerns both).
  void Append(std::string_view action, const std::string& subject, const std::string& detail,
              const std::string& task_ref, const std::string& agency);
  void Flush() { insert_.Flush(); }

  // Entries appended so far.
  int written() const { return written_; }

 private:
  BatchInsert insert_;
  const std::string actor_;
  const int64_t at_;
  int written_ = 0;
};

// Entries with at >= since, oldest first (by time, then by order of writing), at most
// `limit`.
std::vector<AuditEntry> ReadAudit(SQLite::Database& db, int64_t since, int limit);

// Entries matching `filter` (its agency already canonical): the newest filter.limit,
// returned oldest first. Task and agency go through their indexes.
std::vector<AuditEntry> ReadAudit(SQLite::Database& db, const AuditFilter& filter);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_AUDIT_H_
