// Schema version 4 (feedback attachments, audit by task and agency): a version 3 file, made
// with the version 1-3 scripts and filled as a duban of that version did, migrates with its
// feedback and audit entries intact, the new columns filled from what was there, the audit
// log still append-only.
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

// One task with one agency, two feedback, and audit entries about the task, the agency,
// the plan, a feedback and a message.
void MakeV3Database(const std::string& path) {
  SQLite::Database raw(path, kRW);
  SQLite::Transaction transaction(raw);
  for (int i = 0; i < 3; ++i) raw.exec(std::string(SchemaMigrations()[static_cast<size_t>(i)]));
  raw.exec("PRAGMA application_id = " + std::to_string(kDubanApplicationId));
  raw.exec("PRAGMA user_version = 3");
  raw.exec(R"sql(
INSERT INTO plans (id, title, source, imported_at) VALUES (1, '方案', 'plan.txt', 100);
INSERT INTO sections (plan_id, position, number, label, title) VALUES (1, 0, '一', '一、', '规划');
INSERT INTO tasks (id, ref, number, label, section, position, text, assignment, due, line,
                   confidence, state, created_at, updated_at)
  VALUES (7, '22', 22, '22.', '一', 0, '编制规划。(省发改委牵头)', '省发改委牵头', '', 30,
          'certain', 'active', 100, 100);
INSERT INTO agencies (id, name, collective) VALUES (3, '省发改委', 0);
INSERT INTO assignments (task_id, role, position, agency_id) VALUES (7, 'lead', 0, 3);
INSERT INTO feedback (id, task_id, agency_id, at, actor, text, percent, done)
  VALUES (11, 7, 3, 500, 'uid 0 (root)', '进展顺利', 40, 0),
         (12, 7, 3, 900, 'uid 0 (root)', '已完成', NULL, 1);
INSERT INTO audit_log (id, at, actor, action, subject, detail) VALUES
  (1, 100, 'test', 'plan.import', 'plan', '{"added":1}'),
  (2, 100, 'test', 'task.add', 'task 22', '{"ref":"22"}'),
  (3, 150, 'test', 'agency.update', 'agency 省发改委', '{"email":"fgw@example.gov.cn"}'),
  (4, 505, 'uid 0 (root)', 'feedback.add', 'task 22', '{"ref":"22","agency":"省发改委","feedback_id":11}'),
  (5, 600, 'duband', 'message.sent', 'message 4', '{"target":"fgw@example.gov.cn"}'),
  (6, 700, 'uid 0 (root)', 'feedback.add', 'task 22', 'not json');
)sql");
  transaction.commit();
}

TEST_CASE("Schema v4: a version 3 database migrates, its feedback and audit filled in",
          "[sqlite_schema]") {
  TempDir dir;
  const std::string path = dir.File("v3.db");
  MakeV3Database(path);
  {
    auto store = testing::OpenStore(path);
    CHECK(store->Summary()->schema_version == SqliteStore::kSchemaVersion);
    auto feedback = store->ListFeedback("22", "");
    REQUIRE(feedback.ok());
    REQUIRE(feedback->size() == 2);
    CHECK((*feedback)[0].id == 11);
    CHECK((*feedback)[0].percent == 40);
    CHECK((*feedback)[0].attachments.empty());
    CHECK((*feedback)[0].recorded_at == 500);  // unknown before v4: taken as received
    CHECK((*feedback)[1].done);
    CHECK((*feedback)[1].recorded_at == 900);

    std::vector<AuditEntry> audit = testing::Audit(*store);
    REQUIRE(audit.size() == 6);
    const char* tasks[] = {"", "22", "", "22", "", "22"};
    const char* agencies[] = {"", "", "省发改委", "省发改委", "", ""};
    for (size_t i = 0; i < 6; ++i) {
      INFO(audit[i].action << " " << audit[i].subject);
      CHECK(audit[i].id == static_cast<int64_t>(i + 1));
      CHECK(audit[i].task_ref == tasks[i]);
      CHECK(audit[i].agency == agencies[i]);
    }
    AuditFilter by_agency;
    by_agency.agency = "省发改委";
    CHECK(store->ListAudit(by_agency)->size() == 2);

    // New feedback carries attachments and the time it was entered.
    Feedback reply;
    reply.task_ref = "22";
    reply.agency = "省发改委";
    reply.text = "附件见 OA";
    reply.at = 950;
    reply.attachments = {"https://oa.example.gov.cn/d/9"};
    auto added = store->AddFeedback(reply, "alice", 1000);
    REQUIRE(added.ok());
    CHECK(store->ListFeedback("22", "")->back().attachments == reply.attachments);
    CHECK(store->ListFeedback("22", "")->back().recorded_at == 1000);
  }
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK(ReadSchemaVersion(raw) == SqliteStore::kSchemaVersion);
  for (const char* index : {"audit_log_by_task", "audit_log_by_agency", "audit_log_by_time"}) {
    INFO(index);
    CHECK(raw.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '" +
                         std::string(index) + "'")
              .getInt() == 1);
  }
  // Still append-only after the backfill lifted the trigger for a moment.
  CHECK_THROWS(raw.exec("UPDATE audit_log SET actor = 'mallory' WHERE id = 1"));
  CHECK_THROWS(raw.exec("DELETE FROM audit_log WHERE id = 1"));
  CHECK(raw.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() == 0);
}

}  // namespace
}  // namespace duban
