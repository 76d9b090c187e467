// SqliteStore's delivery methods: queueing planned messages with their outbox rows,
// handing due messages to the dispatcher, recording outcomes (one transaction per batch,
// the carried outbox rows updated by one set-based statement) and reviving failed ones.
#include <set>
#include <stdexcept>
#include <unordered_map>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <nlohmann/json.hpp>

#include "workflow/sqlite_audit.h"
#include "workflow/sqlite_batch_insert.h"
#include "workflow/sqlite_messages.h"
#include "workflow/sqlite_status.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using nlohmann::json;

constexpr std::string_view kDaemonActor = "duband";

std::string Subject(int64_t message_id) { return "message " + std::to_string(message_id); }

Status CheckMessage(const Message& message) {
  if (message.key.empty()) {
    return Status::InvalidArgument("a message to \"" + message.target + "\" has no key");
  }
  if (message.target.empty()) {
    return Status::InvalidArgument("message " + message.key + " has no target");
  }
  return Status::OK();
}

// A deferral is not an attempt and leaves the message queued; an attempt ends sent,
// failed or dead.
Status CheckRecord(const DeliveryRecord& record) {
  if (!IsMessageState(record.state)) {
    return Status::InvalidArgument("message " + std::to_string(record.message_id) +
                                   ": unknown state \"" + record.state + "\"");
  }
  if (record.attempted == (record.state == kMessageQueued)) {
    return Status::InvalidArgument(
        "message " + std::to_string(record.message_id) + ": " +
        (record.attempted ? "an attempt cannot leave it queued"
                          : "a deferral must leave it queued, not " + record.state));
  }
  return Status::OK();
}

// Every outbox id the plan names: carried, cancelled or undeliverable.
std::vector<int64_t> PlanOutboxIds(const MessagePlan& plan) {
  std::vector<int64_t> ids;
  for (const Message& message : plan.messages) {
    ids.insert(ids.end(), message.outbox_ids.begin(), message.outbox_ids.end());
  }
  for (const auto& [id, reason] : plan.cancelled) ids.push_back(id);
  for (const auto& [id, reason] : plan.undeliverable) ids.push_back(id);
  return ids;
}

Status NoSuch(std::string_view what, const std::vector<int64_t>& missing) {
  return Status::NotFound("no " + std::string(what) + " " + std::to_string(missing.front()));
}

// Outbox rows carried by the new messages `message_ids` leave pending for queued.
void MarkCarriedQueued(SQLite::Database& db, const std::vector<int64_t>& message_ids,
                       int64_t now) {
  if (message_ids.empty()) return;
  SQLite::Statement update(db,
                           "UPDATE outbox SET state = 'queued', updated_at = ?2 "
                           "WHERE state = 'pending' AND id IN (SELECT outbox_id FROM "
                           "message_outbox WHERE message_id IN (SELECT value FROM json_each(?1)))");
  update.bind(1, IdsJson(message_ids));
  update.bind(2, now);
  update.exec();
}

// Pending rows among `rows` go to `state` with their reason in last_error.
void CloseRows(SQLite::Database& db, const std::vector<std::pair<int64_t, std::string>>& rows,
               std::string_view state, int64_t now) {
  if (rows.empty()) return;
  SQLite::Statement update(db,
                           "UPDATE outbox SET state = ?1, last_error = ?2, updated_at = ?3 "
                           "WHERE id = ?4 AND state = 'pending'");
  for (const auto& [id, reason] : rows) {
    update.reset();
    update.bind(1, std::string(state));
    update.bind(2, reason);
    update.bind(3, now);
    update.bind(4, id);
    update.exec();
  }
}

json DeliveryDetail(const DeliveryRecord& record, const MessageHead& head) {
  json detail = {{"key", head.key},       {"channel", head.channel},
                 {"target", head.target}, {"attempts", head.attempts},
                 {"error", record.error}, {"response", record.response}};
  if (record.state == kMessageFailed) detail["next_attempt_at"] = record.next_attempt_at;
  return detail;
}

// A message RetryMessages may revive, as it was.
struct RetryCandidate {
  int64_t id = 0;
  std::string state;
  int attempts = 0;
};

std::vector<RetryCandidate> ReadCandidates(SQLite::Database& db, const std::string& where,
                                           const std::string& ids_json) {
  SQLite::Statement query(db, "SELECT id, state, attempts FROM messages WHERE " + where +
                                  " ORDER BY id");
  if (!ids_json.empty()) query.bind(1, ids_json);
  std::vector<RetryCandidate> candidates;
  while (query.executeStep()) {
    candidates.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                          query.getColumn(2).getInt()});
  }
  return candidates;
}

// The messages `ids` names (every failed and dead one if empty), or why one may not be
// retried.
Result<std::vector<RetryCandidate>> FindRetryable(SQLite::Database& db,
                                                  const std::vector<int64_t>& ids) {
  if (ids.empty()) return ReadCandidates(db, "state IN ('failed', 'dead')", "");
  const std::vector<int64_t> unique = [&] {
    std::set<int64_t> seen(ids.begin(), ids.end());
    return std::vector<int64_t>(seen.begin(), seen.end());
  }();
  std::vector<int64_t> missing = MissingIds(db, "messages", unique);
  if (!missing.empty()) return NoSuch("message", missing);
  std::vector<RetryCandidate> found =
      ReadCandidates(db, "id IN (SELECT value FROM json_each(?))", IdsJson(unique));
  for (const RetryCandidate& candidate : found) {
    if (candidate.state == kMessageQueued || candidate.state == kMessageSent) {
      return Status::FailedPrecondition("message " + std::to_string(candidate.id) + " is " +
                                        candidate.state + "; only failed or dead messages "
                                        "can be retried");
    }
  }
  return found;
}

void Revive(SQLite::Database& db, const std::vector<int64_t>& ids, int64_t now) {
  SQLite::Statement update(db,
                           "UPDATE messages SET state = 'queued', attempts = 0, "
                           "next_attempt_at = ?2, updated_at = ?2 "
                           "WHERE id IN (SELECT value FROM json_each(?1))");
  update.bind(1, IdsJson(ids));
  update.bind(2, now);
  update.exec();
}

}  // namespace

Result<std::vector<int64_t>> SqliteStore::QueueMessages(const MessagePlan& plan, int64_t now) {
  for (const Message& message : plan.messages) {
    if (Status status = CheckMessage(message); !status.ok()) return status;
  }
  return GuardSqlite(path_, "queueing messages", [&]() -> Result<std::vector<int64_t>> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::vector<int64_t> missing = MissingIds(*db_, "outbox", PlanOutboxIds(plan));
    if (!missing.empty()) return NoSuch("outbox row", missing);
    MessageWriter writer(*db_, now);
    BatchInsert links(*db_, "INSERT OR IGNORE INTO message_outbox (message_id, outbox_id)", 2);
    std::vector<int64_t> inserted;
    for (const Message& message : plan.messages) {
      std::optional<int64_t> id = writer.Insert(message);
      if (!id) continue;  // queued before: left alone with its links
      inserted.push_back(*id);
      for (int64_t outbox_id : message.outbox_ids) links.Add({*id, outbox_id});
    }
    links.Flush();
    MarkCarriedQueued(*db_, inserted, now);
    CloseRows(*db_, plan.cancelled, "cancelled", now);
    CloseRows(*db_, plan.undeliverable, "dead", now);
    transaction.commit();
    return inserted;
  });
}

Result<std::vector<Message>> SqliteStore::DueMessages(int64_t now, int limit) {
  if (limit <= 0) return Status::InvalidArgument("due message limit must be positive");
  return GuardSqlite(path_, "listing due messages", [&]() -> Result<std::vector<Message>> {
    return ReadMessages(*db_, "m.state IN ('queued', 'failed') AND m.next_attempt_at <= ?",
                        {now}, "m.next_attempt_at, m.id", limit);
  });
}

Result<std::optional<int64_t>> SqliteStore::NextMessageAttempt() {
  return GuardSqlite(path_, "finding the next message attempt",
                     [&]() -> Result<std::optional<int64_t>> {
                       // Two minimums, each one index probe on (state, next_attempt_at).
                       SQLite::Statement query(
                           *db_,
                           "SELECT min(t) FROM (SELECT min(next_attempt_at) AS t FROM messages "
                           "WHERE state = 'queued' UNION ALL SELECT min(next_attempt_at) "
                           "FROM messages WHERE state = 'failed')");
                       query.executeStep();
                       if (query.getColumn(0).isNull()) return std::optional<int64_t>();
                       return std::optional<int64_t>(query.getColumn(0).getInt64());
                     });
}

Status SqliteStore::RecordDeliveries(const std::vector<DeliveryRecord>& records, int64_t now) {
  std::vector<int64_t> ids;
  ids.reserve(records.size());
  for (const DeliveryRecord& record : records) {
    if (Status status = CheckRecord(record); !status.ok()) return status;
    ids.push_back(record.message_id);
  }
  if (records.empty()) return Status::OK();
  return GuardSqlite(path_, "recording deliveries", [&]() -> Status {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::unordered_map<int64_t, MessageHead> heads = ReadMessageHeads(*db_, ids);
    for (int64_t id : ids) {
      if (heads.count(id) == 0) return Status::NotFound("no message " + std::to_string(id));
    }
    DeliveryUpdater updater(*db_, now);
    AuditWriter audit(*db_, std::string(kDaemonActor), now);
    for (const DeliveryRecord& record : records) {
      if (!updater.Apply(record)) throw std::logic_error(Subject(record.message_id) + " vanished");
      if (!record.attempted) continue;
      MessageHead& head = heads[record.message_id];
      ++head.attempts;
      audit.Append("message." + record.state, Subject(record.message_id),
                   DeliveryDetail(record, head).dump());
    }
    audit.Flush();
    UpdateCarriedOutbox(*db_, ids, now);
    transaction.commit();
    return Status::OK();
  });
}

Result<std::vector<Message>> SqliteStore::ListMessages(const MessageFilter& filter) {
  if (filter.limit <= 0) return Status::InvalidArgument("message limit must be positive");
  if (!filter.state.empty() && !IsMessageState(filter.state)) {
    return Status::InvalidArgument("unknown message state \"" + filter.state +
                                   "\" (expected queued, failed, sent or dead)");
  }
  return GuardSqlite(path_, "listing messages", [&]() -> Result<std::vector<Message>> {
    std::string where = "1";
    std::vector<SqlArg> args;
    if (!filter.state.empty()) {
      where += " AND m.state = ?";
      args.emplace_back(filter.state);
    }
    if (!filter.target.empty()) {
      where += " AND m.target = ?";
      args.emplace_back(filter.target);
    }
    if (filter.outbox_id != 0) {
      where += " AND m.id IN (SELECT message_id FROM message_outbox WHERE outbox_id = ?)";
      args.emplace_back(filter.outbox_id);
    }
    return ReadMessages(*db_, where, args, "m.id DESC", filter.limit);
  });
}

Result<Message> SqliteStore::GetMessage(int64_t id) {
  return GuardSqlite(path_, "reading a message", [&]() -> Result<Message> {
    std::vector<Message> found = ReadMessages(*db_, "m.id = ?", {id}, "m.id", 1);
    if (found.empty()) return Status::NotFound("no message " + std::to_string(id));
    return std::move(found.front());
  });
}

Result<std::vector<int64_t>> SqliteStore::RetryMessages(const std::vector<int64_t>& ids,
                                                        const std::string& actor,
                                                        int64_t now) {
  return GuardSqlite(path_, "retrying messages", [&]() -> Result<std::vector<int64_t>> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    Result<std::vector<RetryCandidate>> candidates = FindRetryable(*db_, ids);
    if (!candidates.ok()) return candidates.status();
    std::vector<int64_t> revived;
    AuditWriter audit(*db_, actor, now);
    for (const RetryCandidate& candidate : *candidates) {
      revived.push_back(candidate.id);
      json detail = {{"from", candidate.state}, {"attempts", candidate.attempts}};
      audit.Append("message.retry", Subject(candidate.id), detail.dump());
    }
    audit.Flush();
    if (revived.empty()) return revived;
    Revive(*db_, revived, now);
    UpdateCarriedOutbox(*db_, revived, now);
    transaction.commit();
    return revived;
  });
}

Result<int64_t> SqliteStore::QueueTestMessage(const Message& message, const std::string& actor,
                                              int64_t now) {
  if (Status status = CheckMessage(message); !status.ok()) return status;
  if (!message.outbox_ids.empty()) {
    return Status::InvalidArgument("a test message carries no outbox rows");
  }
  return GuardSqlite(path_, "queueing a test message", [&]() -> Result<int64_t> {
    SQLite::Transaction transaction(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    std::optional<int64_t> id = MessageWriter(*db_, now).Insert(message);
    if (!id) return Status::Conflict("a message with key " + message.key + " exists already");
    AuditWriter audit(*db_, actor, now);
    json detail = {{"key", message.key},
                   {"channel", std::string(ChannelName(message.channel))},
                   {"target", message.target}};
    audit.Append("message.test", Subject(*id), detail.dump());
    audit.Flush();
    transaction.commit();
    return *id;
  });
}

}  // namespace duban
