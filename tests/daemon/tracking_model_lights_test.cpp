// TrackingModel::LightCounts against a real SqliteStore: the totals equal TaskLight task by
// task at each moment asked, and a change of a task within the same minute is counted at
// once (the totals are kept only while nothing changed). The plan: tracking_test_util.h.
#include "daemon/duband/tracking_model.h"

#include <catch2/catch.hpp>

#include "tests/daemon/tracking_test_util.h"

namespace duban {
namespace {

using testing::Local;
using testing::StartTracking;
using testing::TrackingStore;

// The totals computed directly, task by task.
std::map<Light, int64_t> CountedOneByOne(const TrackingModel& model, int64_t now) {
  std::map<Light, int64_t> counts;
  for (const TrackedTask& task : model.tasks()) ++counts[TaskLight(task, model.context(), now).light];
  return counts;
}

TEST_CASE("light totals equal the lights of the tasks, and follow a change within the minute",
          "[tracking_model][light]") {
  TrackingStore files;
  testing::Tracking tracking = StartTracking(files.store(), Local(2026, 3, 2, 10, 0));
  TrackingModel& model = *tracking.model;

  // Task 1's lead owes 2026-03-20 and has not reported: red from 2026-03-21; task 2 has
  // no due date: none.
  for (int64_t now : {Local(2026, 3, 5, 10, 0), Local(2026, 3, 19, 10, 0), Local(2026, 3, 23, 10, 0),
                      Local(2026, 3, 23, 10, 0) + 30}) {
    CHECK(model.LightCounts(now) == CountedOneByOne(model, now));
  }
  const int64_t monday = Local(2026, 3, 23, 10, 0);
  CHECK(model.LightCounts(monday) ==
        std::map<Light, int64_t>{{Light::kRed, 1}, {Light::kNone, 1}});

  // Suspended within the same minute: counted at once, not after the minute.
  REQUIRE(files.store().SetTaskState("1", TaskState::kSuspended, "等待国务院批复", "test", monday).ok());
  REQUIRE(model.RefreshTask("1").ok());
  CHECK(model.LightCounts(monday + 10) == std::map<Light, int64_t>{{Light::kNone, 2}});
}

// The totals are counted once a day and then follow each task's change: after a resume
// and reports received later that day they still equal the lights counted one by one,
// and the next day is counted again.
TEST_CASE("light totals follow resumes and reports later the same day, and the next day",
          "[tracking_model][light]") {
  TrackingStore files;
  testing::Tracking tracking = StartTracking(files.store(), Local(2026, 3, 2, 10, 0));
  TrackingModel& model = *tracking.model;
  const int64_t morning = Local(2026, 3, 20, 9, 0);
  // Task 1: the lead owes 2026-03-20 (yellow that day), the participant earlier (red).
  CHECK(model.LightCounts(morning) == CountedOneByOne(model, morning));
  REQUIRE(files.store().SetTaskState("1", TaskState::kSuspended, "暂缓", "test", morning).ok());
  REQUIRE(model.RefreshTask("1").ok());
  CHECK(model.LightCounts(morning + 60) == std::map<Light, int64_t>{{Light::kNone, 2}});
  REQUIRE(files.store().SetTaskState("1", TaskState::kActive, "恢复", "test", morning + 120).ok());
  REQUIRE(model.RefreshTask("1").ok());
  const std::map<Light, int64_t> before_reports = model.LightCounts(morning + 180);
  CHECK(before_reports == CountedOneByOne(model, morning + 180));
  CHECK(before_reports.count(Light::kNone) == 1);  // task 2 only

  // Both agencies report at 15:00, entered at 15:05: task 1 is green from then on.
  const int64_t afternoon = Local(2026, 3, 20, 15, 0);
  for (const char* agency : {"省发改委", "省财政厅"}) {
    Feedback report;
    report.task_ref = "1";
    report.agency = agency;
    report.at = afternoon;
    report.text = "已完成";
    REQUIRE(files.store().AddFeedback(report, "test", afternoon + 300).ok());
  }
  REQUIRE(model.RefreshTask("1").ok());
  const std::map<Light, int64_t> after_reports = model.LightCounts(afternoon + 360);
  CHECK(after_reports == CountedOneByOne(model, afternoon + 360));
  CHECK(after_reports != before_reports);
  // The next day, counted again from the tasks.
  const int64_t next_day = Local(2026, 3, 21, 9, 0);
  CHECK(model.LightCounts(next_day) == CountedOneByOne(model, next_day));
}

}  // namespace
}  // namespace duban
