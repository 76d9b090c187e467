// Schema version 5 (targets, feedback values): a version 4 file, made with the version 1-4
// scripts and filled as a duban of that version did, migrates with its tasks and feedback
// intact, no targets and no values; the new tables then hold targets and values, and the
// constraints (a name once per task among live targets, a matched text once per task) are
// in the file itself.
#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_schema.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::TempDir;

const int kRW = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;

void MakeV4Database(const std::string& path) {
  SQLite::Database raw(path, kRW);
  SQLite::Transaction transaction(raw);
  for (int i = 0; i < 4; ++i) raw.exec(std::string(SchemaMigrations()[static_cast<size_t>(i)]));
  raw.exec("PRAGMA application_id = " + std::to_string(kDubanApplicationId));
  raw.exec("PRAGMA user_version = 4");
  raw.exec(R"sql(
INSERT INTO plans (id, title, source, imported_at) VALUES (1, '方案', 'plan.txt', 100);
INSERT INTO sections (plan_id, position, number, label, title) VALUES (1, 0, '一', '一、', '规划');
INSERT INTO tasks (id, ref, number, label, section, position, text, assignment, due, line,
                   confidence, state, created_at, updated_at)
  VALUES (7, '22', 22, '22.', '一', 0, '全省生产总值增长7%以上。(省发改委牵头)', '省发改委牵头',
          '', 30, 'certain', 'active', 100, 100);
INSERT INTO agencies (id, name, collective) VALUES (3, '省发改委', 0);
INSERT INTO assignments (task_id, role, position, agency_id) VALUES (7, 'lead', 0, 3);
INSERT INTO feedback (id, task_id, agency_id, at, actor, text, percent, done, attachments,
                      recorded_at)
  VALUES (11, 7, 3, 500, 'uid 0 (root)', '增长7.2%', 40, 0, '["a.pdf"]', 510);
INSERT INTO audit_log (id, at, actor, action, subject, detail, task_ref, agency) VALUES
  (1, 100, 'test', 'plan.import', 'plan', '{"added":1}', '', '');
)sql");
  transaction.commit();
}

TEST_CASE("Schema v5: a version 4 database migrates and takes targets and values",
          "[target][sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("v4.db");
  MakeV4Database(path);
  {
    auto store = testing::OpenStore(path);
    CHECK(store->Summary()->schema_version == SqliteStore::kSchemaVersion);
    CHECK(store->Summary()->active_tasks == 1);  // counted by the v6 migration
    auto feedback = store->ListFeedback("22", "");
    REQUIRE(feedback.ok());
    REQUIRE(feedback->size() == 1);
    CHECK((*feedback)[0].id == 11);
    CHECK((*feedback)[0].attachments == std::vector<std::string>{"a.pdf"});
    CHECK((*feedback)[0].values.empty());
    CHECK(store->ListTargets("", "")->empty());

    Target target;
    target.task_ref = "22";
    target.name = "生产总值增长";
    target.unit = "%";
    target.value = 7;
    target.matched_text = "生产总值增长7%以上";
    auto proposed = store->RecordTargetProposals({target}, "importer", 1000);
    REQUIRE(proposed.ok());
    REQUIRE(store->SetTargetState((*proposed)[0].id, TargetState::kConfirmed, "", "a", 1001).ok());
    Feedback reply;
    reply.task_ref = "22";
    reply.agency = "省发改委";
    reply.text = "上半年增长7.4%";
    reply.at = 1100;
    reply.values = {{"生产总值增长", 7.4}};
    REQUIRE(store->AddFeedback(reply, "a", 1200).ok());
    auto loaded = store->LoadTracking();
    REQUIRE(loaded.ok());
    REQUIRE(loaded->size() == 1);
    CHECK((*loaded)[0].targets.size() == 1);
    CHECK((*loaded)[0].feedback.back().values == reply.values);
  }
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK(ReadSchemaVersion(raw) == SqliteStore::kSchemaVersion);
  CHECK(raw.execAndGet("SELECT count(*) FROM targets").getInt() == 1);
  CHECK(raw.execAndGet("SELECT value FROM feedback_values WHERE feedback_id <> 11").getDouble() ==
        7.4);
  // The file refuses what the store checks in code too: a second live target of the same
  // name, a second target read from the same text, an unknown state.
  const std::string insert =
      "INSERT INTO targets (task_id, name, comparison, value, period, state, matched_text, "
      "created_at, updated_at) VALUES (7, ";
  CHECK_THROWS(raw.exec(insert + "'生产总值增长', 'at_least', 8, 'yearly', 'proposed', '', 1, 1)"));
  CHECK_THROWS(raw.exec(insert + "'别名', 'at_least', 8, 'yearly', 'proposed', "
                                 "'生产总值增长7%以上', 1, 1)"));
  CHECK_THROWS(raw.exec(insert + "'别名', 'at_least', 8, 'yearly', 'maybe', '', 1, 1)"));
  // A rejected target's name is free again.
  raw.exec(insert + "'生产总值增长', 'at_least', 8, 'yearly', 'rejected', '', 1, 1)");
  CHECK(raw.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
}

}  // namespace
}  // namespace duban
