// SqliteStore's outbox methods: recording decided actions with the evaluation mark in one
// transaction, reading the mark, and listing and counting the outbox.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "workflow/sqlite_outbox.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

// The canonical name of the agency called `name` (a name or an alias); `name` itself if
// the agencies table does not know it (the outbox keeps names of agencies since merged).
std::string CanonicalAgencyName(SQLite::Database& db, const std::string& name) {
  SQLite::Statement query(db,
                          "SELECT a.name FROM agency_aliases x JOIN agencies a "
                          "ON a.id = x.agency_id WHERE x.alias = ? LIMIT 1");
  query.bind(1, name);
  return query.executeStep() ? query.getColumn(0).getString() : name;
}

Status CheckOutboxState(const std::string& state) {
  if (state.empty() || IsOutboxState(state)) return Status::OK();
  return Status::InvalidArgument("unknown outbox state \"" + state +
                                 "\" (expected pending, skipped, cancelled, queued, sent, "
                                 "failed or dead)");
}

// The SQL condition on outbox `o` for `filter` (its limit aside), its parameters in `args`.
std::string OutboxWhere(SQLite::Database& db, const OutboxFilter& filter,
                        std::vector<SqlArg>* args) {
  std::string where = "1";
  if (!filter.state.empty()) {
    where += " AND o.state = ?";
    args->emplace_back(filter.state);
  }
  if (!filter.task_ref.empty()) {
    where += " AND o.task_ref = ?";
    args->emplace_back(filter.task_ref);
  }
  if (!filter.agency.empty()) {
    where += " AND o.agency = ?";
    args->emplace_back(CanonicalAgencyName(db, filter.agency));
  }
  if (filter.due_by != 0) {
    where += " AND o.at <= ?";
    args->emplace_back(filter.due_by);
  }
  return where;
}

Status CheckKeys(const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    if (action.key.empty()) {
      return Status::InvalidArgument("an action for task " + action.task_ref + " has no key");
    }
  }
  return Status::OK();
}

}  // namespace

Result<int> SqliteStore::RecordDecisions(const std::vector<Action>& decided,
                                         const std::vector<Action>& skipped,
                                         int64_t evaluated_until, int64_t now) {
  if (Status status = CheckKeys(decided); !status.ok()) return status;
  if (Status status = CheckKeys(skipped); !status.ok()) return status;
  return GuardSqlite(path_, "recording decisions", [&]() -> Result<int> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    OutboxWriter writer(*db_, now);
    for (const Action& action : decided) writer.Add(action, "pending");
    for (const Action& action : skipped) writer.Add(action, "skipped");
    writer.Flush();
    WriteMetaInt(*db_, kEvaluatedUntilKey, evaluated_until);
    transaction.commit();
    return static_cast<int>(writer.inserted());
  });
}

Result<std::optional<int64_t>> SqliteStore::EvaluatedUntil() {
  return GuardSqlite(path_, "reading the evaluation mark",
                     [&]() -> Result<std::optional<int64_t>> {
                       return ReadMetaInt(*db_, kEvaluatedUntilKey);
                     });
}

Result<std::optional<int64_t>> SqliteStore::ReadMark(std::string_view name) {
  return GuardSqlite(path_, "reading the mark " + std::string(name),
                     [&]() -> Result<std::optional<int64_t>> { return ReadMetaInt(*db_, name); });
}

Status SqliteStore::WriteMark(std::string_view name, int64_t value) {
  if (name.empty() || name.starts_with("scheduler.")) {
    return Status::InvalidArgument("mark name \"" + std::string(name) +
                                   "\" is empty or the scheduler's own");
  }
  return GuardSqlite(path_, "writing the mark " + std::string(name), [&]() -> Status {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    WriteMetaInt(*db_, name, value);
    transaction.commit();
    return Status::OK();
  });
}

Result<std::vector<OutboxRow>> SqliteStore::ListOutbox(const OutboxFilter& filter) {
  if (filter.limit <= 0) return Status::InvalidArgument("outbox limit must be positive");
  if (Status status = CheckOutboxState(filter.state); !status.ok()) return status;
  return GuardSqlite(path_, "listing the outbox", [&]() -> Result<std::vector<OutboxRow>> {
    std::vector<SqlArg> args;
    const std::string where = OutboxWhere(*db_, filter, &args);
    return ReadOutbox(*db_, where, args, filter.limit);
  });
}

Result<int64_t> SqliteStore::CountOutbox(const OutboxFilter& filter) {
  if (Status status = CheckOutboxState(filter.state); !status.ok()) return status;
  return GuardSqlite(path_, "counting the outbox", [&]() -> Result<int64_t> {
    std::vector<SqlArg> args;
    SQLite::Statement count(*db_, "SELECT count(*) FROM outbox o WHERE " +
                                      OutboxWhere(*db_, filter, &args));
    BindArgs(count, args);
    count.executeStep();
    return count.getColumn(0).getInt64();
  });
}

}  // namespace duban
