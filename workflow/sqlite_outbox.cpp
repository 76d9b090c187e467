#include "workflow/sqlite_outbox.h"

#include <SQLiteCpp/Statement.h>

#include "workflow/sqlite_status.h"

namespace duban {
namespace {

constexpr std::string_view kStates[] = {"pending", "skipped", "cancelled", "queued",
                                         "sent",    "failed",  "dead"};

template <typename T, typename NameOf>
std::string EncodeNames(const std::vector<T>& values, NameOf name_of) {
  std::vector<std::string> names;
  names.reserve(values.size());
  for (const T& value : values) names.emplace_back(name_of(value));
  return EncodeStrings(names);
}

template <typename T, typename Parse>
std::vector<T> DecodeNames(const std::string& text, Parse parse, const char* what) {
  std::vector<T> values;
  for (const std::string& name : DecodeStrings(text)) {
    std::optional<T> value = parse(name);
    if (!value) throw StoredValueError("outbox: unknown " + std::string(what) + " \"" + name + "\"");
    values.push_back(*value);
  }
  return values;
}

template <typename T>
T Require(std::optional<T> value, const char* what, const std::string& text) {
  if (!value) throw StoredValueError("outbox: unknown " + std::string(what) + " \"" + text + "\"");
  return *value;
}

OutboxRow RowFrom(SQLite::Statement& query) {
  OutboxRow row;
  row.id = query.getColumn(0).getInt64();
  Action& action = row.action;
  action.key = query.getColumn(1).getString();
  action.task_ref = query.getColumn(2).getString();
  action.agency = query.getColumn(3).getString();
  const std::string role = query.getColumn(4).getString();
  action.role = Require(ParseRole(role), "role", role);
  action.occurrence = query.getColumn(5).getString();
  const std::string due = query.getColumn(6).getString();
  action.due = Require(ParseCivilDate(due), "due date", due);
  const std::string level = query.getColumn(7).getString();
  action.level = Require(ParseLevel(level), "level", level);
  action.step = query.getColumn(8).getString();
  action.repeat = query.getColumn(9).getInt();
  action.recipients =
      DecodeNames<Recipient>(query.getColumn(10).getString(), ParseRecipient, "recipient");
  action.channels = DecodeNames<Channel>(query.getColumn(11).getString(), ParseChannel, "channel");
  action.at = query.getColumn(12).getInt64();
  action.reason = query.getColumn(13).getString();
  row.state = query.getColumn(14).getString();
  row.attempts = query.getColumn(15).getInt();
  row.last_error = query.getColumn(16).getString();
  row.created_at = query.getColumn(17).getInt64();
  row.updated_at = query.getColumn(18).getInt64();
  return row;
}

}  // namespace

bool IsOutboxState(std::string_view state) {
  for (std::string_view known : kStates) {
    if (state == known) return true;
  }
  return false;
}

OutboxWriter::OutboxWriter(SQLite::Database& db, int64_t now)
    : insert_(db,
              "INSERT OR IGNORE INTO outbox (key, task_ref, agency, role, occurrence, due, "
              "level, step, repeat, recipients, channels, at, reason, state, created_at, "
              "updated_at)",
              16),
      now_(now) {}

void OutboxWriter::Add(const Action& action, std::string_view state) {
  insert_.Add({action.key, action.task_ref, action.agency, std::string(RoleName(action.role)),
               action.occurrence, FormatCivilDate(action.due),
               std::string(LevelName(action.level)), action.step, int64_t{action.repeat},
               EncodeNames(action.recipients, RecipientName),
               EncodeNames(action.channels, ChannelName), action.at, action.reason,
               std::string(state), now_, now_});
}

std::vector<OutboxRow> ReadOutbox(SQLite::Database& db, const std::string& where,
                                  const std::vector<SqlArg>& args, int limit) {
  SQLite::Statement query(db,
                          "SELECT o.id, o.key, o.task_ref, o.agency, o.role, o.occurrence, "
                          "o.due, o.level, o.step, o.repeat, o.recipients, o.channels, o.at, "
                          "o.reason, o.state, o.attempts, o.last_error, o.created_at, "
                          "o.updated_at FROM outbox o WHERE " +
                              where + " ORDER BY o.id LIMIT " + std::to_string(limit));
  BindArgs(query, args);
  std::vector<OutboxRow> rows;
  while (query.executeStep()) rows.push_back(RowFrom(query));
  return rows;
}

void WriteMetaInt(SQLite::Database& db, std::string_view key, int64_t value) {
  SQLite::Statement upsert(db,
                           "INSERT INTO meta (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  upsert.bind(1, std::string(key));
  upsert.bind(2, value);
  upsert.exec();
}

std::optional<int64_t> ReadMetaInt(SQLite::Database& db, std::string_view key) {
  SQLite::Statement query(db, "SELECT value FROM meta WHERE key = ?");
  query.bind(1, std::string(key));
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getInt64();
}

}  // namespace duban
