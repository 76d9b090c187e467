// BatchInsert: rows for one table, written `kRowsPerStatement` at a time with one
// multi-row INSERT (prepared once, reused), the remainder row by row. A step per row costs
// more than the row itself when a plan brings 400,000 assignments.
//
// Rows are buffered: Flush() before anything reads the table or relies on the rows
// (foreign keys!), and before commit. Text values are copied.
//
// REQUIRES: used inside one transaction; the caller catches SQLite::Exception.
#ifndef DUBAN_WORKFLOW_SQLITE_BATCH_INSERT_H_
#define DUBAN_WORKFLOW_SQLITE_BATCH_INSERT_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace duban {

class BatchInsert {
 public:
  static constexpr int kRowsPerStatement = 64;
  using Value = std::variant<int64_t, std::string>;

  // `head` is "INSERT INTO table (a, b, c)" (or INSERT OR IGNORE ...); `columns` the
  // number of columns.
  BatchInsert(SQLite::Database& db, std::string head, int columns);

  // Buffers one row of exactly `columns` values; writes a full batch when one is complete.
  void Add(std::initializer_list<Value> row);
  // Writes every buffered row.
  void Flush();

  size_t pending() const { return values_.size() / static_cast<size_t>(columns_); }
  // Rows the statements written so far changed (fewer than added with INSERT OR IGNORE).
  int64_t changes() const { return changes_; }

 private:
  std::string Sql(int rows) const;
  void Write(SQLite::Statement& statement, size_t first, size_t count);

  SQLite::Database& db_;
  const std::string head_;
  const int columns_;
  std::vector<Value> values_;  // buffered rows, row after row
  std::optional<SQLite::Statement> batch_;  // prepared on first use
  std::optional<SQLite::Statement> single_;
  int64_t changes_ = 0;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_SQLITE_BATCH_INSERT_H_
