// Schema version 3 (delivery): a version 2 database, made with the version 2 scripts as a
// duban of that version did, migrates with its outbox rows, ids and states intact; the
// widened states and the new tables work; newer schemas are still refused.
#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_messages_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_schema.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::TempDir;
using Ids64 = std::vector<int64_t>;

const int kRW = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;

// Outbox rows in each v2 state, with ids that are not 1..n so keeping them shows.
void MakeV2Database(const std::string& path) {
  SQLite::Database raw(path, kRW);
  SQLite::Transaction transaction(raw);
  raw.exec(std::string(SchemaMigrations()[0]));
  raw.exec(std::string(SchemaMigrations()[1]));
  raw.exec("PRAGMA application_id = " + std::to_string(kDubanApplicationId));
  raw.exec("PRAGMA user_version = 2");
  const char* states[] = {"pending", "skipped", "sent", "failed", "dead"};
  for (int i = 0; i < 5; ++i) {
    SQLite::Statement insert(
        raw,
        "INSERT INTO outbox (id, key, task_ref, agency, role, occurrence, due, level, step, "
        "repeat, recipients, channels, at, reason, state, attempts, last_error, created_at, "
        "updated_at) VALUES (?, ?, '22', '省发改委', 'lead', '2026-Q3', '2026-10-12', 'urge', "
        "'urge', 0, '[\"contact\"]', '[\"email\"]', ?, '逾期', ?, ?, ?, 100, 200)");
    insert.bind(1, 10 + 7 * i);
    insert.bind(2, "key-" + std::to_string(i));
    insert.bind(3, int64_t{1000 + i});
    insert.bind(4, states[i]);
    insert.bind(5, i);
    insert.bind(6, i == 3 ? "timeout" : "");
    insert.exec();
  }
  raw.exec("INSERT INTO meta (key, value) VALUES ('scheduler.evaluated_until', 5000)");
  transaction.commit();
}

TEST_CASE("Schema v3: a version 2 database migrates, keeping its outbox rows",
          "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("v2.db");
  MakeV2Database(path);
  {
    auto store = testing::OpenStore(path);
    CHECK(store->Summary()->schema_version == SqliteStore::kSchemaVersion);
    auto rows = store->ListOutbox({});
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 5);
    const char* states[] = {"pending", "skipped", "sent", "failed", "dead"};
    for (size_t i = 0; i < 5; ++i) {
      const OutboxRow& row = (*rows)[i];
      INFO(i);
      CHECK(row.id == static_cast<int64_t>(10 + 7 * i));
      CHECK(row.action.key == "key-" + std::to_string(i));
      CHECK(row.action.at == static_cast<int64_t>(1000 + i));
      CHECK(row.action.reason == "逾期");
      CHECK(row.state == states[i]);
      CHECK(row.attempts == static_cast<int>(i));
      CHECK(row.created_at == 100);
      CHECK(row.updated_at == 200);
    }
    CHECK((*rows)[3].last_error == "timeout");
    CHECK(store->EvaluatedUntil()->value() == 5000);

    // The migrated pending row can be queued and delivered.
    MessagePlan plan;
    plan.messages = {testing::MakeMessage("k", {10})};
    plan.cancelled = {{17, "not pending: stays skipped"}};
    Ids64 queued = testing::Queue(*store, plan, 6000);
    REQUIRE(queued.size() == 1);
    CHECK(testing::Row(*store, 10).state == "queued");
    CHECK(testing::Row(*store, 17).state == "skipped");
    testing::Record(*store, {testing::Outcome(queued[0], kMessageSent)}, 6001);
    CHECK(testing::Row(*store, 10).state == "sent");
  }
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK(ReadSchemaVersion(raw) == SqliteStore::kSchemaVersion);
  CHECK(raw.tableExists("messages"));
  CHECK(raw.tableExists("message_outbox"));
  CHECK_FALSE(raw.tableExists("outbox_v3"));
  for (const char* index : {"outbox_by_state", "messages_by_state", "message_outbox_by_outbox"}) {
    INFO(index);
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" +
                         std::string(index) + "'")
              .getInt() == 1);
  }
  CHECK(raw.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
  raw.exec("PRAGMA foreign_keys = ON");
  CHECK_THROWS(raw.exec("UPDATE outbox SET state = 'lost' WHERE id = 10"));
  raw.exec("UPDATE outbox SET state = 'cancelled' WHERE id = 24");
  CHECK_THROWS(raw.exec("INSERT INTO message_outbox (message_id, outbox_id) VALUES (1, 999)"));
  CHECK_THROWS(raw.exec("UPDATE messages SET state = 'lost'"));
}

TEST_CASE("Schema v3: a schema newer than 3 is still refused", "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("v4.db");
  MakeV2Database(path);
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("PRAGMA user_version = " + std::to_string(SqliteStore::kSchemaVersion + 1));
  }
  auto store = SqliteStore::Open(path);
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == Status::Code::kCorruption);
  SQLite::Database raw(path, SQLite::OPEN_READONLY);
  CHECK(ReadSchemaVersion(raw) == SqliteStore::kSchemaVersion + 1);
  CHECK_FALSE(raw.tableExists("messages"));
}

}  // namespace
}  // namespace duban
