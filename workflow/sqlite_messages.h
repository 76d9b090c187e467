// The messages table and its links to the outbox (message_outbox): inserting queued
// messages, applying delivery outcomes with one prepared statement reused per batch,
// reading messages back with the outbox rows they carry, and deriving the state of the
// carried outbox rows from their messages in one set-based UPDATE.
//
// Sets of ids travel to SQL as one JSON array parameter read with json_each, so a batch
// of 10,000 ids is one statement, not 10,000.
//
// REQUIRES: writers are used inside one transaction; callers catch SQLite::Exception and
// StoredValueError (see sqlite_status.h).
#ifndef DUBAN_WORKFLOW_SQLITE_MESSAGES_H_
#define DUBAN_WORKFLOW_SQLITE_MESSAGES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "workflow/message.h"
#include "workflow/sqlite_task_rows.h"

namespace duban {

// "[1,2,3]": the parameter of `IN (SELECT value FROM json_each(?))`.
std::string IdsJson(const std::vector<int64_t>& ids);

// The ids in `ids` that name no row of `table` ("outbox" or "messages"), in the order
// given. One query.
std::vector<int64_t> MissingIds(SQLite::Database& db, std::string_view table,
                                const std::vector<int64_t>& ids);

// Inserts messages under their unique keys (INSERT OR IGNORE), state queued, attempts 0,
// created and due at `now`; the message's own state, attempts and times are ignored.
class MessageWriter {
 public:
  MessageWriter(SQLite::Database& db, int64_t now);

  // The new message's id; nullopt if a message with its key is there already (left alone).
  std::optional<int64_t> Insert(const Message& message);

 private:
  SQLite::Database& db_;
  SQLite::Statement insert_;
  const int64_t now_;
};

// What the audit log names of a message.
struct MessageHead {
  std::string key;
  std::string channel;
  std::string target;
  int attempts = 0;
};

// The heads of the messages `ids` names, by id; ids naming no message are absent. One query.
std::unordered_map<int64_t, MessageHead> ReadMessageHeads(SQLite::Database& db,
                                                          const std::vector<int64_t>& ids);

// Applies DeliveryRecords one by one with one prepared UPDATE (no RETURNING: it doubles
// the cost of each step; ReadMessageHeads gives the audit what it needs in one query).
class DeliveryUpdater {
 public:
  DeliveryUpdater(SQLite::Database& db, int64_t now);

  // Sets the message's state, attempts (+1 if attempted), next_attempt_at (failed and
  // queued), sent_at (sent), last_error and last_response (attempts only; a deferral keeps
  // them unless it names an error). False if no message has record.message_id.
  bool Apply(const DeliveryRecord& record);

 private:
  SQLite::Statement update_;
  const int64_t now_;
};

// Sets every outbox row carried by a message in `message_ids` from all the messages that
// carry it: dead if any is dead, else failed if any failed, else queued if any is queued,
// else sent; attempts = the most attempts of those messages; last_error = the latest error
// of a dead or failed one ("" otherwise). Rows in pending, skipped or cancelled are left
// alone. One statement.
void UpdateCarriedOutbox(SQLite::Database& db, const std::vector<int64_t>& message_ids,
                         int64_t now);

// Messages matching `where` (an SQL condition on messages `m` with ? parameters `args`),
// in `order` (an ORDER BY list on `m`), at most `limit`, each with its outbox_ids
// ascending.
std::vector<Message> ReadMessages(SQLite::Database& db, const std::string& where,
                                  const std::vector<SqlArg>& args, const std::string& order,
                                  int limit);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_MESSAGES_H_
