#include "workflow/sqlite_messages.h"

#include <unordered_map>

#include "workflow/sqlite_status.h"

namespace duban {
namespace {

Message MessageFrom(SQLite::Statement& query) {
  Message message;
  message.id = query.getColumn(0).getInt64();
  message.key = query.getColumn(1).getString();
  const std::string channel = query.getColumn(2).getString();
  std::optional<Channel> parsed_channel = ParseChannel(channel);
  if (!parsed_channel) throw StoredValueError("messages: unknown channel \"" + channel + "\"");
  message.channel = *parsed_channel;
  message.target = query.getColumn(3).getString();
  message.recipient_name = query.getColumn(4).getString();
  const std::string level = query.getColumn(5).getString();
  std::optional<Level> parsed_level = ParseLevel(level);
  if (!parsed_level) throw StoredValueError("messages: unknown level \"" + level + "\"");
  message.level = *parsed_level;
  message.subject = query.getColumn(6).getString();
  message.text = query.getColumn(7).getString();
  message.html = query.getColumn(8).getString();
  message.data_json = query.getColumn(9).getString();
  message.thread = query.getColumn(10).getString();
  message.state = query.getColumn(11).getString();
  message.attempts = query.getColumn(12).getInt();
  message.created_at = query.getColumn(13).getInt64();
  message.next_attempt_at = query.getColumn(14).getInt64();
  message.sent_at = query.getColumn(15).getInt64();
  message.last_error = query.getColumn(16).getString();
  message.last_response = query.getColumn(17).getString();
  return message;
}

// Fills each message's outbox_ids with one query over all of them.
void FillOutboxIds(SQLite::Database& db, std::vector<Message>& messages) {
  if (messages.empty()) return;
  std::unordered_map<int64_t, size_t> index;
  std::vector<int64_t> ids;
  ids.reserve(messages.size());
  for (size_t i = 0; i < messages.size(); ++i) {
    index.emplace(messages[i].id, i);
    ids.push_back(messages[i].id);
  }
  SQLite::Statement links(db,
                          "SELECT message_id, outbox_id FROM message_outbox "
                          "WHERE message_id IN (SELECT value FROM json_each(?)) "
                          "ORDER BY message_id, outbox_id");
  links.bind(1, IdsJson(ids));
  while (links.executeStep()) {
    auto found = index.find(links.getColumn(0).getInt64());
    if (found == index.end()) continue;
    messages[found->second].outbox_ids.push_back(links.getColumn(1).getInt64());
  }
}

}  // namespace

std::string IdsJson(const std::vector<int64_t>& ids) {
  std::string json = "[";
  for (int64_t id : ids) {
    if (json.size() > 1) json += ',';
    json += std::to_string(id);
  }
  json += ']';
  return json;
}

std::vector<int64_t> MissingIds(SQLite::Database& db, std::string_view table,
                                const std::vector<int64_t>& ids) {
  std::vector<int64_t> missing;
  if (ids.empty()) return missing;
  SQLite::Statement query(db, "SELECT j.value FROM json_each(?) j WHERE NOT EXISTS "
                              "(SELECT 1 FROM " + std::string(table) +
                              " t WHERE t.id = j.value) ORDER BY j.key");
  query.bind(1, IdsJson(ids));
  while (query.executeStep()) missing.push_back(query.getColumn(0).getInt64());
  return missing;
}

MessageWriter::MessageWriter(SQLite::Database& db, int64_t now)
    : db_(db),
      insert_(db,
              "INSERT OR IGNORE INTO messages (key, channel, target, recipient_name, level, "
              "subject, text, html, data_json, thread, state, attempts, created_at, "
              "next_attempt_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?11, ?11, ?11)"),
      now_(now) {}

std::optional<int64_t> MessageWriter::Insert(const Message& message) {
  insert_.reset();
  insert_.bind(1, message.key);
  insert_.bind(2, std::string(ChannelName(message.channel)));
  insert_.bind(3, message.target);
  insert_.bind(4, message.recipient_name);
  insert_.bind(5, std::string(LevelName(message.level)));
  insert_.bind(6, message.subject);
  insert_.bind(7, message.text);
  insert_.bind(8, message.html);
  insert_.bind(9, message.data_json);
  insert_.bind(10, message.thread);
  insert_.bind(11, now_);
  if (insert_.exec() == 0) return std::nullopt;
  return db_.getLastInsertRowid();
}

std::unordered_map<int64_t, MessageHead> ReadMessageHeads(SQLite::Database& db,
                                                          const std::vector<int64_t>& ids) {
  std::unordered_map<int64_t, MessageHead> heads;
  if (ids.empty()) return heads;
  SQLite::Statement query(db,
                          "SELECT id, key, channel, target, attempts FROM messages "
                          "WHERE id IN (SELECT value FROM json_each(?))");
  query.bind(1, IdsJson(ids));
  while (query.executeStep()) {
    heads.emplace(query.getColumn(0).getInt64(),
                  MessageHead{query.getColumn(1).getString(), query.getColumn(2).getString(),
                              query.getColumn(3).getString(), query.getColumn(4).getInt()});
  }
  return heads;
}

DeliveryUpdater::DeliveryUpdater(SQLite::Database& db, int64_t now)
    : update_(db,
              "UPDATE messages SET state = ?1, attempts = attempts + ?2, "
              "next_attempt_at = CASE WHEN ?1 IN ('failed', 'queued') THEN ?3 "
              "ELSE next_attempt_at END, "
              "sent_at = CASE WHEN ?1 = 'sent' THEN ?6 ELSE sent_at END, "
              "last_error = CASE WHEN ?2 = 1 OR ?4 <> '' THEN ?4 ELSE last_error END, "
              "last_response = CASE WHEN ?2 = 1 THEN ?5 ELSE last_response END, "
              "updated_at = ?6 WHERE id = ?7"),
      now_(now) {}

bool DeliveryUpdater::Apply(const DeliveryRecord& record) {
  update_.reset();
  update_.bind(1, record.state);
  update_.bind(2, record.attempted ? 1 : 0);
  update_.bind(3, record.next_attempt_at);
  update_.bind(4, record.error);
  update_.bind(5, record.response);
  update_.bind(6, now_);
  update_.bind(7, record.message_id);
  return update_.exec() == 1;
}

void UpdateCarriedOutbox(SQLite::Database& db, const std::vector<int64_t>& message_ids,
                         int64_t now) {
  if (message_ids.empty()) return;
  SQLite::Statement update(
      db,
      "UPDATE outbox SET state = agg.state, attempts = agg.attempts, updated_at = ?2, "
      "last_error = CASE WHEN agg.state IN ('dead', 'failed') THEN "
      "  (SELECT m.last_error FROM message_outbox l JOIN messages m ON m.id = l.message_id "
      "   WHERE l.outbox_id = outbox.id AND m.state = agg.state "
      "   ORDER BY m.updated_at DESC, m.id DESC LIMIT 1) ELSE '' END "
      "FROM (SELECT l.outbox_id AS id, max(m.attempts) AS attempts, "
      "        CASE WHEN max(m.state = 'dead') THEN 'dead' "
      "             WHEN max(m.state = 'failed') THEN 'failed' "
      "             WHEN max(m.state = 'queued') THEN 'queued' ELSE 'sent' END AS state "
      "      FROM message_outbox l JOIN messages m ON m.id = l.message_id "
      "      WHERE l.outbox_id IN (SELECT outbox_id FROM message_outbox "
      "                            WHERE message_id IN (SELECT value FROM json_each(?1))) "
      "      GROUP BY l.outbox_id) AS agg "
      "WHERE outbox.id = agg.id AND outbox.state IN ('queued', 'failed', 'sent', 'dead')");
  update.bind(1, IdsJson(message_ids));
  update.bind(2, now);
  update.exec();
}

std::vector<Message> ReadMessages(SQLite::Database& db, const std::string& where,
                                  const std::vector<SqlArg>& args, const std::string& order,
                                  int limit) {
  SQLite::Statement query(db,
                          "SELECT m.id, m.key, m.channel, m.target, m.recipient_name, m.level, "
                          "m.subject, m.text, m.html, m.data_json, m.thread, m.state, "
                          "m.attempts, m.created_at, m.next_attempt_at, m.sent_at, "
                          "m.last_error, m.last_response FROM messages m WHERE " +
                              where + " ORDER BY " + order + " LIMIT " + std::to_string(limit));
  BindArgs(query, args);
  std::vector<Message> messages;
  while (query.executeStep()) messages.push_back(MessageFrom(query));
  FillOutboxIds(db, messages);
  return messages;
}

}  // namespace duban
