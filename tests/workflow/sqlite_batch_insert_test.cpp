#include "workflow/sqlite_batch_insert.h"

#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

namespace duban {
namespace {

TEST_CASE("BatchInsert: full batches and the remainder, in order", "[sqlite_batch_insert]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE t (n INTEGER NOT NULL, s TEXT NOT NULL)");
  const int rows = 2 * BatchInsert::kRowsPerStatement + 5;
  BatchInsert insert(db, "INSERT INTO t (n, s)", 2);
  for (int i = 0; i < rows; ++i) {
    insert.Add({int64_t{i}, "行" + std::to_string(i)});
    // Full batches are written as soon as they are complete.
    CHECK(insert.pending() == static_cast<size_t>((i + 1) % BatchInsert::kRowsPerStatement));
  }
  CHECK(db.execAndGet("SELECT count(*) FROM t").getInt() == 2 * BatchInsert::kRowsPerStatement);
  insert.Flush();
  CHECK(insert.pending() == 0);
  CHECK(db.execAndGet("SELECT count(*) FROM t").getInt() == rows);
  SQLite::Statement check(db, "SELECT n, s FROM t ORDER BY rowid");
  for (int i = 0; i < rows; ++i) {
    REQUIRE(check.executeStep());
    CHECK(check.getColumn(0).getInt() == i);
    CHECK(check.getColumn(1).getString() == "行" + std::to_string(i));
  }
  insert.Flush();  // nothing pending: no-op
  CHECK(db.execAndGet("SELECT count(*) FROM t").getInt() == rows);
}

TEST_CASE("BatchInsert: a failing row throws", "[sqlite_batch_insert]") {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("CREATE TABLE t (n INTEGER PRIMARY KEY)");
  BatchInsert insert(db, "INSERT INTO t (n)", 1);
  insert.Add({int64_t{1}});
  insert.Add({int64_t{1}});
  CHECK_THROWS_AS(insert.Flush(), SQLite::Exception);
}

}  // namespace
}  // namespace duban
