// Scheduler against a real SqliteStore on a temporary file, with explicit wake times (no
// timers, no sleeping): first start, a wake at a reminder, a restart after downtime,
// feedback, suspension, a reload with changed rules, and the bounded sleep.
#include "daemon/duband/scheduler.h"

#include <algorithm>
#include <set>

#include <catch2/catch.hpp>

#include "tests/daemon/tracking_test_util.h"

namespace duban {
namespace {

using testing::Local;
using testing::StartTracking;
using testing::TrackingRules;
using testing::TrackingStore;
using testing::WakeAt;

std::multiset<std::string> Steps(const std::vector<OutboxRow>& rows, const std::string& agency) {
  std::multiset<std::string> steps;
  for (const OutboxRow& row : rows) {
    if (row.action.agency == agency) steps.insert(row.action.step);
  }
  return steps;
}

TEST_CASE("Scheduler first start decides nothing from the plan's history", "[scheduler]") {
  TrackingStore fixture;
  const int64_t now = Local(2026, 3, 18, 12, 0);
  auto tracking = StartTracking(fixture.store(), now);
  // The participant's reminders and urge (03-10 .. 03-16) and the lead's first reminder
  // (03-17) all lie before `now`: a naive start from the task's creation would send them.
  REQUIRE_FALSE(ActionsBetween(tracking.model->tasks(), tracking.model->context(),
                               testing::kCreatedAt, now)
                    .empty());

  WakeReport report = WakeAt(*tracking.scheduler, now);

  CHECK(report.due == 0);
  CHECK(fixture.Outbox().empty());
  auto mark = fixture.store().EvaluatedUntil();
  REQUIRE(mark.ok());
  CHECK(*mark == std::optional<int64_t>(now));
}

TEST_CASE("Scheduler wake at a reminder time records exactly that action", "[scheduler]") {
  TrackingStore fixture;
  auto tracking = StartTracking(fixture.store(), Local(2026, 3, 16, 12, 0));
  WakeAt(*tracking.scheduler, Local(2026, 3, 16, 12, 0));
  REQUIRE(fixture.Outbox().empty());

  WakeReport report = WakeAt(*tracking.scheduler, Local(2026, 3, 17, 9, 0));

  CHECK(report.decided == 1);
  CHECK(report.new_rows == 1);
  auto rows = fixture.Outbox();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].state == "pending");
  CHECK(rows[0].action.agency == "省发改委");
  CHECK(rows[0].action.step == "remind-3");
  CHECK(rows[0].action.at == Local(2026, 3, 17, 9, 0));
  CHECK(rows[0].action.task_ref == "1");

  SECTION("a second wake at the same time adds nothing") {
    CHECK(WakeAt(*tracking.scheduler, Local(2026, 3, 17, 9, 0)).new_rows == 0);
    CHECK(fixture.Outbox().size() == 1);
  }
  SECTION("a wake a minute early decides nothing") {
    TrackingStore other;
    auto fresh = StartTracking(other.store(), Local(2026, 3, 16, 12, 0));
    WakeAt(*fresh.scheduler, Local(2026, 3, 16, 12, 0));
    CHECK(WakeAt(*fresh.scheduler, Local(2026, 3, 17, 8, 59)).due == 0);
    CHECK(other.Outbox().empty());
  }
}

TEST_CASE("Scheduler restart after downtime catches up with the latest step only", "[scheduler]") {
  TrackingStore fixture;
  {
    auto before = StartTracking(fixture.store(), Local(2026, 3, 16, 12, 0));
    WakeAt(*before.scheduler, Local(2026, 3, 16, 12, 0));
  }
  // Down from 03-16 12:00 to 03-30 12:00: the lead's remind-3, remind-1, urge and
  // supervise and the participant's supervise fell due meanwhile.
  auto store = fixture.Open();
  const int64_t now = Local(2026, 3, 30, 12, 0);
  auto after = StartTracking(*store, now);
  WakeReport report = WakeAt(*after.scheduler, now);

  auto pending = fixture.Outbox("pending");
  auto skipped = fixture.Outbox("skipped");
  CHECK(Steps(pending, "省发改委") == std::multiset<std::string>{"supervise"});
  CHECK(Steps(pending, "省财政厅") == std::multiset<std::string>{"supervise"});
  CHECK(Steps(skipped, "省发改委") == std::multiset<std::string>{"remind-1", "remind-3", "urge"});
  CHECK(Steps(skipped, "省财政厅").empty());
  CHECK(report.decided == 2);
  CHECK(report.skipped == 3);

  SECTION("a further restart never decides a key again") {
    const size_t rows = fixture.Outbox().size();
    auto store2 = fixture.Open();
    auto again = StartTracking(*store2, Local(2026, 3, 30, 12, 5));
    WakeReport second = WakeAt(*again.scheduler, Local(2026, 3, 30, 12, 5));
    CHECK(second.due == 0);
    CHECK(fixture.Outbox().size() == rows);
  }
  SECTION("the same actions recorded again are not new rows") {
    std::vector<Action> all;
    for (const OutboxRow& row : fixture.Outbox()) all.push_back(row.action);
    auto recorded = fixture.store().RecordDecisions(all, {}, now, now);
    REQUIRE(recorded.ok());
    CHECK(*recorded == 0);
  }
}

TEST_CASE("Scheduler catch-up policy all keeps every missed action", "[scheduler]") {
  TrackingStore fixture;
  Rules rules = TrackingRules();
  rules.catch_up = CatchUp::kAll;
  auto tracking = StartTracking(fixture.store(), Local(2026, 3, 16, 12, 0), rules);
  WakeAt(*tracking.scheduler, Local(2026, 3, 16, 12, 0));
  WakeReport report = WakeAt(*tracking.scheduler, Local(2026, 3, 30, 12, 0));
  CHECK(report.skipped == 0);
  CHECK(Steps(fixture.Outbox("pending"), "省发改委") ==
        std::multiset<std::string>{"remind-3", "remind-1", "urge", "supervise"});
}

TEST_CASE("Scheduler stops escalating once the agency reports", "[scheduler]") {
  TrackingStore fixture;
  Rules rules = TrackingRules();
  rules.catch_up = CatchUp::kAll;
  auto tracking = StartTracking(fixture.store(), Local(2026, 3, 16, 12, 0), rules);
  WakeAt(*tracking.scheduler, Local(2026, 3, 16, 12, 0));

  Feedback feedback;
  feedback.task_ref = "1";
  feedback.agency = "省发改委";
  feedback.text = "已完成方案起草";
  feedback.at = Local(2026, 3, 20, 10, 0);
  REQUIRE(fixture.store().AddFeedback(feedback, "test", feedback.at).ok());
  REQUIRE(tracking.model->RefreshTask("1").ok());
  WakeAt(*tracking.scheduler, Local(2026, 3, 30, 12, 0));

  auto rows = fixture.Outbox();
  // Reminders before the report stay; nothing after the due date for the lead.
  CHECK(Steps(rows, "省发改委") == std::multiset<std::string>{"remind-3", "remind-1"});
  // The participant did not report: its supervise step (03-18) still went out.
  CHECK(Steps(rows, "省财政厅") == std::multiset<std::string>{"supervise"});
}

TEST_CASE("Scheduler sends nothing for a suspended task", "[scheduler]") {
  TrackingStore fixture;
  auto tracking = StartTracking(fixture.store(), Local(2026, 3, 16, 12, 0));
  WakeAt(*tracking.scheduler, Local(2026, 3, 16, 12, 0));
  REQUIRE(fixture.store()
              .SetTaskState("1", TaskState::kSuspended, "等待国务院文件", "test",
                            Local(2026, 3, 16, 13, 0))
              .ok());
  REQUIRE(tracking.model->RefreshTask("1").ok());

  WakeReport report = WakeAt(*tracking.scheduler, Local(2026, 3, 30, 12, 0));

  CHECK(report.due == 0);
  CHECK(fixture.Outbox().empty());

  SECTION("and resumes after it is resumed") {
    REQUIRE(fixture.store()
                .SetTaskState("1", TaskState::kActive, "文件已下达", "test",
                              Local(2026, 3, 30, 12, 0))
                .ok());
    REQUIRE(tracking.model->RefreshTask("1").ok());
    // The lead's urge repeats are not configured; the next step after 03-30 is none, but
    // a changed due date brings reminders back.
    DeadlinePatch patch;
    patch.final_due = testing::Day(2026, 4, 10);
    REQUIRE(fixture.store().SetDeadlinePatch("1", patch, "test", Local(2026, 3, 30, 12, 0)).ok());
    tracking.model->SetRuntimeDeadline("1", patch);
    REQUIRE(tracking.model->RefreshTask("1").ok());
    WakeAt(*tracking.scheduler, Local(2026, 4, 7, 9, 0));  // 3 working days before 04-10
    CHECK(Steps(fixture.Outbox(), "省发改委") == std::multiset<std::string>{"remind-3"});
  }
}

TEST_CASE("Scheduler follows reloaded rules", "[scheduler]") {
  TrackingStore fixture;
  auto tracking = StartTracking(fixture.store(), Local(2026, 3, 16, 12, 0));
  WakeAt(*tracking.scheduler, Local(2026, 3, 16, 12, 0));
  const int64_t cursor = tracking.model->agenda().cursor();

  Rules changed = TrackingRules();
  changed.reminders[0].offsets = {2};
  REQUIRE(tracking.model->Reconfigure(testing::TrackingConfigWith(changed)).ok());
  CHECK(tracking.model->agenda().cursor() == cursor);

  CHECK(WakeAt(*tracking.scheduler, Local(2026, 3, 17, 9, 0)).due == 0);  // remind-3 is gone
  WakeAt(*tracking.scheduler, Local(2026, 3, 18, 9, 0));
  CHECK(Steps(fixture.Outbox(), "省发改委") == std::multiset<std::string>{"remind-2"});
}

TEST_CASE("Scheduler next wake is the next action or the bounded sleep", "[scheduler]") {
  TrackingStore fixture;
  const int64_t now = Local(2026, 3, 16, 12, 0);

  SECTION("bounded by max_sleep_seconds when the next action is further away") {
    auto tracking = StartTracking(fixture.store(), now, TrackingRules(), 60);
    CHECK(WakeAt(*tracking.scheduler, now).next_wake == now + 60);
    CHECK(tracking.scheduler->next_wake() == std::optional<int64_t>(now + 60));
  }
  SECTION("the next action when it comes first") {
    auto tracking = StartTracking(fixture.store(), now, TrackingRules(), 10 * 86400);
    CHECK(WakeAt(*tracking.scheduler, now).next_wake == Local(2026, 3, 17, 9, 0));
    // Then the participant's supervise step (3 working days after 03-13).
    CHECK(WakeAt(*tracking.scheduler, Local(2026, 3, 17, 9, 0)).next_wake ==
          Local(2026, 3, 18, 9, 0));
  }
  SECTION("a clock that went back decides nothing and waits") {
    auto tracking = StartTracking(fixture.store(), now, TrackingRules(), 60);
    WakeAt(*tracking.scheduler, Local(2026, 3, 17, 9, 0));
    const size_t rows = fixture.Outbox().size();
    WakeReport back = WakeAt(*tracking.scheduler, now);
    CHECK(back.due == 0);
    CHECK(back.next_wake == now + 60);
    CHECK(fixture.Outbox().size() == rows);
  }
}

}  // namespace
}  // namespace duban
