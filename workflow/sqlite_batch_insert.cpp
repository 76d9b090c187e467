#include "workflow/sqlite_batch_insert.h"

#include <cassert>
#include <utility>

namespace duban {

BatchInsert::BatchInsert(SQLite::Database& db, std::string head, int columns)
    : db_(db), head_(std::move(head)), columns_(columns) {
  values_.reserve(static_cast<size_t>(kRowsPerStatement * columns_));
}

void BatchInsert::Add(std::initializer_list<Value> row) {
  assert(row.size() == static_cast<size_t>(columns_));
  values_.insert(values_.end(), row);
  if (pending() < static_cast<size_t>(kRowsPerStatement)) return;
  if (!batch_) batch_.emplace(db_, Sql(kRowsPerStatement));
  Write(*batch_, 0, pending());
  values_.clear();
}

void BatchInsert::Flush() {
  if (values_.empty()) return;
  if (!single_) single_.emplace(db_, Sql(1));
  for (size_t row = 0; row < pending(); ++row) Write(*single_, row, 1);
  values_.clear();
}

std::string BatchInsert::Sql(int rows) const {
  std::string tuple = "(";
  for (int c = 0; c < columns_; ++c) tuple += c == 0 ? "?" : ", ?";
  tuple += ")";
  std::string sql = head_ + " VALUES ";
  for (int r = 0; r < rows; ++r) {
    if (r > 0) sql += ", ";
    sql += tuple;
  }
  return sql;
}

void BatchInsert::Write(SQLite::Statement& statement, size_t first, size_t count) {
  const size_t begin = first * static_cast<size_t>(columns_);
  const size_t end = (first + count) * static_cast<size_t>(columns_);
  int index = 1;
  for (size_t i = begin; i < end; ++i) {
    if (const auto* number = std::get_if<int64_t>(&values_[i])) {
      statement.bind(index++, *number);
    } else {
      statement.bindNoCopy(index++, std::get<std::string>(values_[i]));  // kept until exec
    }
  }
  changes_ += statement.exec();
  statement.reset();
}

}  // namespace duban
