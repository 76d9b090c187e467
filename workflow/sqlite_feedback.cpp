#include "workflow/sqlite_feedback.h"

#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>

#include "workflow/sqlite_status.h"
#include "workflow/sqlite_targets.h"

namespace duban {

std::string EncodeAttachments(const std::vector<std::string>& attachments) {
  return nlohmann::json(attachments).dump();
}

std::vector<std::string> DecodeAttachments(const std::string& text) {
  nlohmann::json list = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!list.is_array()) throw StoredValueError("feedback.attachments is not a JSON array: " + text);
  std::vector<std::string> attachments;
  for (const auto& item : list) {
    if (!item.is_string()) throw StoredValueError("feedback.attachments holds a non-string: " + text);
    attachments.push_back(item.get<std::string>());
  }
  return attachments;
}

std::optional<int64_t> FindSameFeedback(SQLite::Database& db, int64_t task_id, int64_t agency_id,
                                        int64_t at, const std::string& text) {
  SQLite::Statement query(db,
                          "SELECT id FROM feedback WHERE task_id = ? AND at = ? AND agency_id = ? "
                          "AND text = ? ORDER BY id LIMIT 1");
  query.bind(1, task_id);
  query.bind(2, at);
  query.bind(3, agency_id);
  query.bind(4, text);
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getInt64();
}

std::vector<StoredFeedback> ReadFeedback(SQLite::Database& db, const std::string& where,
                                         const std::vector<SqlArg>& args, FeedbackOrder order) {
  SQLite::Statement query(db,
                          "SELECT f.task_id, f.id, t.ref, a.name, f.at, f.actor, f.text, "
                          "f.percent, f.done, f.attachments, f.recorded_at FROM feedback f "
                          "JOIN tasks t ON t.id = f.task_id "
                          "JOIN agencies a ON a.id = f.agency_id WHERE " +
                              where +
                              (order == FeedbackOrder::kByTask ? " ORDER BY f.task_id, f.at, f.id"
                                                               : " ORDER BY f.at, f.id"));
  BindArgs(query, args);
  std::vector<StoredFeedback> rows;
  while (query.executeStep()) {
    StoredFeedback row;
    row.task_id = query.getColumn(0).getInt64();
    Feedback& feedback = row.feedback;
    feedback.id = query.getColumn(1).getInt64();
    feedback.task_ref = query.getColumn(2).getString();
    feedback.agency = query.getColumn(3).getString();
    feedback.at = query.getColumn(4).getInt64();
    feedback.actor = query.getColumn(5).getString();
    feedback.text = query.getColumn(6).getString();
    if (!query.getColumn(7).isNull()) feedback.percent = query.getColumn(7).getInt();
    feedback.done = query.getColumn(8).getInt() != 0;
    feedback.attachments = DecodeAttachments(query.getColumn(9).getString());
    feedback.recorded_at = query.getColumn(10).getInt64();
    rows.push_back(std::move(row));
  }
  if (rows.empty()) return rows;
  // The values in a second query over the same feedback, not one per feedback.
  std::unordered_map<int64_t, size_t> index;
  index.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) index.emplace(rows[i].feedback.id, i);
  for (StoredValue& value : ReadFeedbackValues(db, where, args)) {
    auto it = index.find(value.feedback_id);
    if (it != index.end()) rows[it->second].feedback.values.push_back(std::move(value.value));
  }
  return rows;
}

int64_t InsertFeedback(SQLite::Database& db, int64_t task_id, int64_t agency_id,
                       const Feedback& feedback) {
  SQLite::Statement insert(db,
                           "INSERT INTO feedback (task_id, agency_id, at, actor, text, percent, "
                           "done, attachments, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, task_id);
  insert.bind(2, agency_id);
  insert.bind(3, feedback.at);
  insert.bind(4, feedback.actor);
  insert.bind(5, feedback.text);
  if (feedback.percent) {
    insert.bind(6, *feedback.percent);
  } else {
    insert.bind(6);  // NULL: no percentage given
  }
  insert.bind(7, feedback.done ? 1 : 0);
  insert.bind(8, EncodeAttachments(feedback.attachments));
  insert.bind(9, feedback.recorded_at);
  insert.exec();
  const int64_t id = db.getLastInsertRowid();
  InsertFeedbackValues(db, id, feedback.values);
  return id;
}

}  // namespace duban
