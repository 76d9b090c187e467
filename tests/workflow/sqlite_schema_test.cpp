#include "workflow/sqlite_schema.h"

#include <fstream>

#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::TempDir;

const int kRW = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;

bool HasText(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_CASE("Schema: migrations bring a new database to the newest version", "[sqlite_schema]") {
  SQLite::Database db(":memory:", kRW);
  REQUIRE(ReadSchemaVersion(db) == 0);
  Result<int> version = MigrateSchema(db, ":memory:");
  REQUIRE(version.ok());
  CHECK(*version == SqliteStore::kSchemaVersion);
  CHECK(static_cast<int>(SchemaMigrations().size()) == SqliteStore::kSchemaVersion);
  CHECK(ReadSchemaVersion(db) == SqliteStore::kSchemaVersion);
  CHECK(db.execAndGet("PRAGMA application_id").getInt() == kDubanApplicationId);
  for (const char* table : {"plans", "sections", "tasks", "task_revisions", "agencies",
                            "agency_aliases", "assignments", "task_officials", "feedback",
                            "audit_log"}) {
    INFO(table);
    CHECK(db.tableExists(table));
  }
  // The index that serves agency → tasks lookups.
  CHECK(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                      "name = 'assignments_by_agency'")
            .getInt() == 1);

  // Migrating again is a no-op.
  Result<int> again = MigrateSchema(db, ":memory:");
  REQUIRE(again.ok());
  CHECK(*again == SqliteStore::kSchemaVersion);
}

TEST_CASE("Schema: bulk-load indexes match the schema's definitions", "[sqlite_schema]") {
  SQLite::Database db(":memory:", kRW);
  REQUIRE(MigrateSchema(db, ":memory:").ok());
  REQUIRE_FALSE(BulkLoadIndexes().empty());
  for (const auto& index : BulkLoadIndexes()) {
    SQLite::Statement query(db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?");
    query.bind(1, std::string(index.name));
    REQUIRE(query.executeStep());
    CHECK(query.getColumn(0).getString() == index.create);
  }
}

TEST_CASE("Schema: the audit log is append-only", "[sqlite_schema]") {
  SQLite::Database db(":memory:", kRW);
  REQUIRE(MigrateSchema(db, ":memory:").ok());
  db.exec("INSERT INTO audit_log (at, actor, action, subject, detail) "
          "VALUES (1, 'me', 'x', 'y', '{}')");
  CHECK_THROWS_WITH(db.exec("UPDATE audit_log SET actor = 'other'"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(db.exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
  CHECK(db.execAndGet("SELECT actor FROM audit_log").getString() == "me");
  db.exec("INSERT INTO audit_log (at, actor, action, subject) VALUES (2, 'me', 'x', 'y')");
  CHECK(db.execAndGet("SELECT count(*) FROM audit_log").getInt() == 2);
}

TEST_CASE("Schema: constraints hold", "[sqlite_schema]") {
  SQLite::Database db(":memory:", kRW);
  REQUIRE(MigrateSchema(db, ":memory:").ok());
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("INSERT INTO agencies (name, collective) VALUES ('省发改委', 0)");
  CHECK_THROWS(db.exec("INSERT INTO agencies (name, collective) VALUES ('省发改委', 0)"));
  CHECK_THROWS(db.exec("INSERT INTO agency_aliases (alias, agency_id) VALUES ('x', 99)"));
  CHECK_THROWS(db.exec(
      "INSERT INTO tasks (ref, number, label, section, position, text, assignment, due, line, "
      "confidence, state, created_at, updated_at) "
      "VALUES ('1', 1, '1.', '', 0, 't', '', '', 1, 'certain', 'deleted', 0, 0)"));
  db.exec(
      "INSERT INTO tasks (ref, number, label, section, position, text, assignment, due, line, "
      "confidence, state, created_at, updated_at) "
      "VALUES ('1', 1, '1.', '', 0, 't', '', '', 1, 'certain', 'active', 0, 0)");
  CHECK_THROWS(db.exec("INSERT INTO assignments (task_id, role, position, agency_id) "
                       "VALUES (1, 'owner', 0, 1)"));
  db.exec("INSERT INTO assignments (task_id, role, position, agency_id) VALUES (1, 'lead', 0, 1)");
  CHECK_THROWS(db.exec("INSERT INTO assignments (task_id, role, position, agency_id) "
                       "VALUES (1, 'lead', 0, 1)"));
}

TEST_CASE("Schema: a newer schema is refused, naming the file and both versions",
          "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("newer.db");
  {
    auto store = SqliteStore::Open(path);
    REQUIRE(store.ok());
  }
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = 99");
  }
  auto reopened = SqliteStore::Open(path);
  REQUIRE_FALSE(reopened.ok());
  CHECK(reopened.status().code() == Status::Code::kCorruption);
  const std::string& message = reopened.status().message();
  CHECK(HasText(message, path));
  CHECK(HasText(message, "99"));
  CHECK(HasText(message, "(" + std::to_string(SqliteStore::kSchemaVersion) + ")"));

  // The file was left as it was.
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(ReadSchemaVersion(raw) == 99);
}

TEST_CASE("Schema: a foreign database is refused", "[sqlite_schema]") {
  TempDir dir;
  SECTION("tables without a version") {
    const std::string path = dir.File("other.db");
    {
      SQLite::Database raw(path, kRW);
      raw.exec("CREATE TABLE notes (x TEXT)");
    }
    auto store = SqliteStore::Open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().code() == Status::Code::kCorruption);
    CHECK(HasText(store.status().message(), path));
    CHECK(HasText(store.status().message(), "not a duban database"));
  }
  SECTION("another application id") {
    const std::string path = dir.File("app.db");
    {
      SQLite::Database raw(path, kRW);
      raw.exec("PRAGMA application_id = 1234");
    }
    auto store = SqliteStore::Open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().code() == Status::Code::kCorruption);
    CHECK(HasText(store.status().message(), "1234"));
  }
  SECTION("not an SQLite file at all") {
    const std::string path = dir.File("text.db");
    {
      std::ofstream out(path);
      out << "this is a plan, not a database, and it is long enough to have a header page\n";
      for (int i = 0; i < 100; ++i) out << "一、加强规划指导 1. 编制规划 (省发改委牵头)\n";
    }
    auto store = SqliteStore::Open(path);
    REQUIRE_FALSE(store.ok());
    CHECK(store.status().code() == Status::Code::kCorruption);
    CHECK(HasText(store.status().message(), path));
  }
}

TEST_CASE("Schema: an unopenable path is an I/O error naming it", "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("missing/dir/duban.db");
  auto store = SqliteStore::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == Status::Code::kIOError);
  CHECK(HasText(store.status().message(), path));
}

TEST_CASE("Schema: file databases use the WAL journal", "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("wal.db");
  auto store = SqliteStore::Open(path);
  REQUIRE(store.ok());
  Plan plan = testing::SamplePlan();
  REQUIRE((*store)->ApplyPlan(plan, "test", 100).ok());
  CHECK(std::filesystem::exists(path + "-wal"));
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

}  // namespace
}  // namespace duban
