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

// A version 1 database, made with the version 1 script as a duban of that version did.
void MakeV1Database(const std::string& path) {
  SQLite::Database raw(path, kRW);
  SQLite::Transaction transaction(raw);
  raw.exec(std::string(SchemaMigrations()[0]));
  raw.exec("PRAGMA application_id = " + std::to_string(kDubanApplicationId));
  raw.exec("PRAGMA user_version = 1");
  raw.exec(
      "INSERT INTO plans (id, title, source, imported_at) VALUES (1, '分工方案', 'plan.txt', 100);"
      "INSERT INTO sections (plan_id, position, number, label, title) "
      "  VALUES (1, 0, '一', '一、', '加强规划指导');"
      "INSERT INTO agencies (id, name, collective) VALUES (1, '省发改委', 0), (2, '省财政厅', 0);"
      "INSERT INTO agency_aliases (alias, agency_id) VALUES ('省发展改革委', 1);"
      "INSERT INTO tasks (id, ref, number, label, section, position, text, assignment, due, "
      "  line, confidence, state, created_at, updated_at) VALUES "
      "  (1, '1', 1, '1.', '一', 0, '编制规划。', '省发改委牵头', '2024-06-30', 11, 'certain', "
      "   'active', 100, 100),"
      "  (2, '2', 2, '2.', '一', 1, '旧任务。', '省财政厅负责', '', 12, 'probable', "
      "   'removed', 100, 200);"
      "INSERT INTO assignments (task_id, role, position, agency_id) VALUES "
      "  (1, 'lead', 0, 1), (1, 'participant', 0, 2), (2, 'responsible', 0, 2);"
      "INSERT INTO task_officials (task_id, position, name) VALUES (1, 0, '张副省长');"
      "INSERT INTO task_revisions (task_id, revised_at, actor, reason, old_number, old_label, "
      "  old_section, old_text, old_assignment, old_due, old_agencies) VALUES "
      "  (1, 150, 'test', 'change', 1, '1.', '一', '旧文本。', '', '', '{}');"
      "INSERT INTO feedback (task_id, agency_id, at, actor, text, percent, done) VALUES "
      "  (1, 1, 300, 'uid 0 (root)', '已完成初稿', 50, 0);"
      "INSERT INTO audit_log (at, actor, action, subject, detail) "
      "  VALUES (100, 'test', 'plan.import', 'plan', '{}');");
  transaction.commit();
}

TEST_CASE("Schema: a version 1 database migrates to the newest with its data intact",
          "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("v1.db");
  MakeV1Database(path);
  {
    auto opened = SqliteStore::Open(path);
    INFO(opened.status().ToString());
    REQUIRE(opened.ok());
    SqliteStore& store = **opened;
    CHECK(store.Summary()->schema_version == SqliteStore::kSchemaVersion);

    auto task = store.GetTask("1");
    REQUIRE(task.ok());
    CHECK(task->state == "active");
    CHECK(task->state_reason.empty());
    CHECK(task->task.text == "编制规划。");
    CHECK(task->task.lead == std::vector<std::string>{"省发改委"});
    CHECK(task->task.participants == std::vector<std::string>{"省财政厅"});
    CHECK(task->task.officials == std::vector<std::string>{"张副省长"});
    CHECK(task->task.due == "2024-06-30");
    CHECK(task->created_at == 100);
    CHECK(store.GetTask("2")->state == "removed");
    CHECK(store.GetAgency("省发展改革委")->name == "省发改委");

    auto feedback = store.ListFeedback("1", "");
    REQUIRE(feedback.ok());
    REQUIRE(feedback->size() == 1);
    CHECK((*feedback)[0].text == "已完成初稿");
    CHECK((*feedback)[0].agency == "省发改委");
    CHECK((*feedback)[0].percent == std::optional<int>(50));
    CHECK(store.ListAudit(0, 100)->size() == 1);

    // The new states and tables work.
    REQUIRE(store.SetTaskState("1", TaskState::kSuspended, "暂缓", "test", 400).ok());
    CHECK(store.GetTask("1")->state == "suspended");
    CHECK(store.ListOutbox({})->empty());
    CHECK_FALSE(store.EvaluatedUntil()->has_value());
    auto tracking = store.LoadTracking();
    REQUIRE(tracking.ok());
    REQUIRE(tracking->size() == 1);
    CHECK((*tracking)[0].feedback.size() == 1);
  }
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK(ReadSchemaVersion(raw) == SqliteStore::kSchemaVersion);
  for (const char* table : {"task_deadlines", "outbox", "meta"}) {
    INFO(table);
    CHECK(raw.tableExists(table));
  }
  CHECK_FALSE(raw.tableExists("tasks_v2"));
  CHECK(raw.execAndGet("SELECT count(*) FROM task_revisions").getInt() == 1);
  // References into the rebuilt tasks table still hold, and are enforced.
  CHECK(raw.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
  raw.exec("PRAGMA foreign_keys = ON");
  CHECK_THROWS(raw.exec("INSERT INTO feedback (task_id, agency_id, at, actor, text) "
                        "VALUES (99, 1, 1, 'x', 'y')"));
  CHECK_THROWS(raw.exec("UPDATE tasks SET state = 'paused' WHERE id = 1"));
}

TEST_CASE("Schema: a migration that would leave dangling references is refused",
          "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("dangling.db");
  MakeV1Database(path);
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);  // foreign keys off: a damaged file
    raw.exec("INSERT INTO feedback (task_id, agency_id, at, actor, text) "
             "VALUES (77, 1, 1, 'x', 'orphan')");
  }
  auto opened = SqliteStore::Open(path);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.status().code() == Status::Code::kCorruption);
  CHECK(HasText(opened.status().message(), "feedback"));
  CHECK(HasText(opened.status().message(), path));
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(ReadSchemaVersion(raw) == 1);  // rolled back
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
