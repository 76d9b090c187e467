#include "workflow/sqlite_feedback.h"

#include <SQLiteCpp/Statement.h>

namespace duban {

std::vector<StoredFeedback> ReadFeedback(SQLite::Database& db, const std::string& where,
                                         const std::vector<SqlArg>& args, FeedbackOrder order) {
  SQLite::Statement query(db,
                          "SELECT f.task_id, f.id, t.ref, a.name, f.at, f.actor, f.text, "
                          "f.percent, f.done FROM feedback f "
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
    rows.push_back(std::move(row));
  }
  return rows;
}

int64_t InsertFeedback(SQLite::Database& db, int64_t task_id, int64_t agency_id,
                       const Feedback& feedback) {
  SQLite::Statement insert(db,
                           "INSERT INTO feedback (task_id, agency_id, at, actor, text, percent, "
                           "done) VALUES (?, ?, ?, ?, ?, ?, ?)");
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
  insert.exec();
  return db.getLastInsertRowid();
}

}  // namespace duban
