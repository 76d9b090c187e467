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

}  // namespace
}  // namespace duban
