#include "workflow/sqlite_targets.h"

#include <optional>
#include <utility>

#include <SQLiteCpp/Statement.h>

#include "workflow/sqlite_status.h"

namespace duban {
namespace {

constexpr std::string_view kColumns =
    "SELECT g.task_id, g.id, t.ref, g.name, g.unit, g.comparison, g.value, g.tolerance, "
    "g.period, g.by_date, g.state, g.matched_text, g.created_at, g.updated_at FROM targets g "
    "JOIN tasks t ON t.id = g.task_id WHERE ";

// A stored name this binary does not know means the file was edited by hand or damaged.
template <typename T>
T Known(std::optional<T> parsed, std::string_view column, const std::string& text) {
  if (!parsed) throw StoredValueError("targets." + std::string(column) + ": " + text);
  return *parsed;
}

StoredTarget TargetFromRow(SQLite::Statement& query) {
  StoredTarget row;
  row.task_id = query.getColumn(0).getInt64();
  Target& target = row.target;
  target.id = query.getColumn(1).getInt64();
  target.task_ref = query.getColumn(2).getString();
  target.name = query.getColumn(3).getString();
  target.unit = query.getColumn(4).getString();
  const std::string comparison = query.getColumn(5).getString();
  target.comparison = Known(ParseTargetComparison(comparison), "comparison", comparison);
  target.value = query.getColumn(6).getDouble();
  target.tolerance = query.getColumn(7).getDouble();
  const std::string period = query.getColumn(8).getString();
  target.period = Known(ParseTargetPeriod(period), "period", period);
  target.by_date = query.getColumn(9).getString();
  const std::string state = query.getColumn(10).getString();
  target.state = Known(ParseTargetState(state), "state", state);
  target.matched_text = query.getColumn(11).getString();
  target.created_at = query.getColumn(12).getInt64();
  target.updated_at = query.getColumn(13).getInt64();
  return row;
}

// Binds the fields from name to updated_at as ?1..?10 (the order of both statements below).
void BindFields(SQLite::Statement& statement, const Target& target) {
  statement.bind(1, target.name);
  statement.bind(2, target.unit);
  statement.bind(3, std::string(TargetComparisonName(target.comparison)));
  statement.bind(4, target.value);
  statement.bind(5, target.tolerance);
  statement.bind(6, std::string(TargetPeriodName(target.period)));
  statement.bind(7, target.by_date);
  statement.bind(8, std::string(TargetStateName(target.state)));
  statement.bind(9, target.matched_text);
  statement.bind(10, target.updated_at);
}

}  // namespace

std::vector<StoredTarget> ReadTargets(SQLite::Database& db, const std::string& where,
                                      const std::vector<SqlArg>& args) {
  SQLite::Statement query(db, std::string(kColumns) + where +
                                  " ORDER BY t.state = 'removed', t.position, t.id, g.id");
  BindArgs(query, args);
  std::vector<StoredTarget> rows;
  while (query.executeStep()) rows.push_back(TargetFromRow(query));
  return rows;
}

TargetInserter::TargetInserter(SQLite::Database& db)
    : db_(db),
      insert_(db,
              "INSERT INTO targets (name, unit, comparison, value, tolerance, period, by_date, "
              "state, matched_text, updated_at, task_id, created_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)") {}

int64_t TargetInserter::Insert(int64_t task_id, const Target& target) {
  insert_.reset();
  BindFields(insert_, target);
  insert_.bind(11, task_id);
  insert_.bind(12, target.created_at);
  insert_.exec();
  return db_.getLastInsertRowid();
}

void RewriteTarget(SQLite::Database& db, const Target& target) {
  SQLite::Statement update(db,
                           "UPDATE targets SET name = ?, unit = ?, comparison = ?, value = ?, "
                           "tolerance = ?, period = ?, by_date = ?, state = ?, "
                           "matched_text = ?, updated_at = ? WHERE id = ?");
  BindFields(update, target);
  update.bind(11, target.id);
  update.exec();
}

int64_t FindLiveTargetByName(SQLite::Database& db, int64_t task_id, const std::string& name,
                             int64_t except_id) {
  SQLite::Statement query(db,
                          "SELECT id FROM targets WHERE task_id = ? AND name = ? "
                          "AND state <> 'rejected' AND id <> ? LIMIT 1");
  query.bind(1, task_id);
  query.bind(2, name);
  query.bind(3, except_id);
  return query.executeStep() ? query.getColumn(0).getInt64() : 0;
}

std::vector<std::string> ConfirmedTargetNames(SQLite::Database& db, int64_t task_id) {
  SQLite::Statement query(db,
                          "SELECT name FROM targets WHERE task_id = ? AND state = 'confirmed' "
                          "ORDER BY id");
  query.bind(1, task_id);
  std::vector<std::string> names;
  while (query.executeStep()) names.push_back(query.getColumn(0).getString());
  return names;
}

std::vector<StoredValue> ReadFeedbackValues(SQLite::Database& db, const std::string& where,
                                            const std::vector<SqlArg>& args) {
  SQLite::Statement query(db,
                          "SELECT v.feedback_id, v.name, v.value FROM feedback_values v "
                          "JOIN feedback f ON f.id = v.feedback_id "
                          "JOIN tasks t ON t.id = f.task_id "
                          "JOIN agencies a ON a.id = f.agency_id WHERE " +
                              where + " ORDER BY v.feedback_id, v.position");
  BindArgs(query, args);
  std::vector<StoredValue> rows;
  while (query.executeStep()) {
    rows.push_back({query.getColumn(0).getInt64(),
                    {query.getColumn(1).getString(), query.getColumn(2).getDouble()}});
  }
  return rows;
}

void InsertFeedbackValues(SQLite::Database& db, int64_t feedback_id,
                          const std::vector<ReportedValue>& values) {
  if (values.empty()) return;
  SQLite::Statement insert(db,
                           "INSERT INTO feedback_values (feedback_id, name, value, position) "
                           "VALUES (?, ?, ?, ?)");
  for (size_t i = 0; i < values.size(); ++i) {
    insert.bind(1, feedback_id);
    insert.bind(2, values[i].name);
    insert.bind(3, values[i].value);
    insert.bind(4, static_cast<int64_t>(i));
    insert.exec();
    insert.reset();
  }
}

}  // namespace duban
