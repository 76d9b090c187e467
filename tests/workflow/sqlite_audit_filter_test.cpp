// SqliteStore::ListAudit(AuditFilter): by task and agency through the indexed columns (the
// query plan is checked), by action prefix and time, the newest `limit` kept.
#include <catch2/catch.hpp>
#include <SQLiteCpp/SQLiteCpp.h>

#include "tests/workflow/sqlite_store_test_util.h"
#include "tests/workflow/sqlite_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using testing::OpenStore;
using testing::SamplePlan;
using testing::TempDir;
using Strings = std::vector<std::string>;

constexpr int64_t kT0 = 1'700'000'000;

// The actions and subjects of `entries`, as "action subject".
Strings Lines(const std::vector<AuditEntry>& entries) {
  Strings lines;
  for (const AuditEntry& entry : entries) lines.push_back(entry.action + " " + entry.subject);
  return lines;
}

std::vector<AuditEntry> List(Store& store, AuditFilter filter) {
  auto entries = store.ListAudit(filter);
  INFO(entries.status().ToString());
  REQUIRE(entries.ok());
  return *entries;
}

Feedback Reply(const std::string& ref, const std::string& agency, int64_t at) {
  Feedback feedback;
  feedback.task_ref = ref;
  feedback.agency = agency;
  feedback.text = "进展";
  feedback.at = at;
  return feedback;
}

TEST_CASE("Audit filter: by task, agency, action and time", "[sqlite_audit_filter]") {
  TempDir dir;
  auto store = OpenStore(dir.File("duban.db"));
  REQUIRE(store->ApplyPlan(SamplePlan(), "test", kT0).ok());
  REQUIRE(store->SyncAgencies({AgencyInfo{"省发改委", {"省发展改革委"}, "", "", ""}}, "test", kT0)
              .ok());
  REQUIRE(store->SetTaskState("3", TaskState::kSuspended, "等待", "alice", kT0 + 100).ok());
  REQUIRE(store->SetTaskState("3", TaskState::kActive, "", "alice", kT0 + 200).ok());
  REQUIRE(store->AddFeedback(Reply("3", "省发改委", kT0 + 250), "bob", kT0 + 300).ok());
  REQUIRE(store->AddFeedback(Reply("1", "省发展改革委", kT0 + 350), "bob", kT0 + 400).ok());
  REQUIRE(store->SetTaskState("1", TaskState::kCompleted, "", "alice", kT0 + 500).ok());

  AuditFilter task3;
  task3.task_ref = "3";
  CHECK(Lines(List(*store, task3)) ==
        Strings{"task.add task 3", "task.state task 3", "task.state task 3", "feedback.add task 3"});
  std::vector<AuditEntry> entries = List(*store, task3);
  CHECK(entries[1].actor == "alice");
  CHECK(entries[1].at == kT0 + 100);
  CHECK(entries[3].agency == "省发改委");

  AuditFilter fgw;
  fgw.agency = "省发展改革委";  // an alias finds the canonical agency's entries
  CHECK(Lines(List(*store, fgw)) == Strings{"agency.alias.add agency 省发改委",
                                            "feedback.add task 3", "feedback.add task 1"});

  AuditFilter states;
  states.action_prefix = "task.s";
  CHECK(Lines(List(*store, states)) ==
        Strings{"task.state task 3", "task.state task 3", "task.state task 1"});
  states.since = kT0 + 150;
  states.until = kT0 + 500;  // exclusive
  CHECK(Lines(List(*store, states)) == Strings{"task.state task 3"});

  AuditFilter newest;
  newest.limit = 2;  // the newest two, oldest first
  CHECK(Lines(List(*store, newest)) == Strings{"feedback.add task 1", "task.state task 1"});

  AuditFilter unknown;
  unknown.agency = "省外事办";
  CHECK(store->ListAudit(unknown).status().code() == Status::Code::kNotFound);
  AuditFilter zero;
  zero.limit = 0;
  CHECK(store->ListAudit(zero).status().code() == Status::Code::kInvalidArgument);
  AuditFilter none;
  none.task_ref = "99";
  CHECK(List(*store, none).empty());

  // The filters go through the indexes, never a scan over the JSON details.
  store.reset();
  SQLite::Database raw(dir.File("duban.db"), SQLite::OPEN_READONLY);
  auto plan = [&](const std::string& where) {
    std::string steps;
    SQLite::Statement explain(raw, "EXPLAIN QUERY PLAN SELECT id FROM audit_log WHERE " + where +
                                       " ORDER BY at DESC, id DESC LIMIT 5");
    while (explain.executeStep()) steps += explain.getColumn(3).getString() + "\n";
    return steps;
  };
  CHECK_THAT(plan("at >= 0 AND task_ref = '3'"), Catch::Contains("audit_log_by_task"));
  CHECK_THAT(plan("at >= 0 AND agency = '省发改委'"), Catch::Contains("audit_log_by_agency"));
}

}  // namespace
}  // namespace duban
