// Shared by the scheduler and tracking-command tests: a real SqliteStore on a temporary
// file holding a two-task plan, simple rules in China Standard Time (UTC+8, fixed offset so
// no tz database is needed), and helpers to name instants in local time.
//
// The plan (created 2026-03-02 10:00 local, a Monday; the calendar knows 2026, with a
// holiday 2026-03-26..27 named 测试假日 and weekends):
//   task 1: lead 省发改委, participant 省财政厅, final due 2026-03-20 (Fri). The
//           participant owes its input 5 working days earlier, 2026-03-13 (Fri).
//   task 2: responsible 省科技厅, no due date at all.
// Rules: reminders 3 and 1 working days before to every role; escalation "urge" 1 working
// day after (contact), "supervise" 3 working days after (leadership and office); send at
// 09:00 local.
#ifndef DUBAN_TESTS_DAEMON_TRACKING_TEST_UTIL_H_
#define DUBAN_TESTS_DAEMON_TRACKING_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "daemon/duband/scheduler.h"
#include "daemon/duband/tracking_config.h"
#include "daemon/duband/tracking_model.h"
#include "tests/daemon/duband_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban::testing {

inline constexpr int kChinaOffsetMinutes = 8 * 60;

// UTC seconds of a local (UTC+8) time.
inline int64_t Local(int year, unsigned month, unsigned day, int hour = 0, int minute = 0) {
  FixedOffsetTimeZone zone(kChinaOffsetMinutes);
  CivilDate date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return zone.ToUtc(date, hour * 60 + minute);
}

inline CivilDate Day(int year, unsigned month, unsigned day) {
  return CivilDate{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

inline Plan TrackingPlan() {
  Plan plan;
  plan.title = "测试分工方案";
  plan.source = "test";
  plan.sections = {Section{"一", "一、", "重点工作"}};
  Task first;
  first.ref = "1";
  first.number = 1;
  first.label = "1.";
  first.section = "一";
  first.text = "制定全省实施方案。(省发改委牵头,省财政厅参加)";
  first.lead = {"省发改委"};
  first.participants = {"省财政厅"};
  first.due = "2026-03-20";
  first.line = 3;
  Task second;
  second.ref = "2";
  second.number = 2;
  second.label = "2.";
  second.section = "一";
  second.text = "开展试点示范工作。(省科技厅负责)";
  second.responsible = {"省科技厅"};
  second.line = 4;
  plan.tasks = {first, second};
  return plan;
}

inline Rules TrackingRules() {
  Rules rules;
  ReminderRule reminder;
  reminder.offsets = {3, 1};
  rules.reminders = {reminder};
  EscalationStep urge;
  urge.name = "urge";
  urge.level = Level::kUrge;
  urge.delay_working_days = 1;
  EscalationStep supervise;
  supervise.name = "supervise";
  supervise.level = Level::kSupervise;
  supervise.delay_working_days = 3;
  supervise.recipients = {Recipient::kLeadership, Recipient::kOffice};
  rules.escalation = {urge, supervise};
  rules.send.send_minute = 9 * 60;
  return rules;
}

inline CalendarSpec TrackingCalendar() {
  CalendarSpec calendar;
  calendar.holidays = {HolidayRange{Day(2026, 3, 26), Day(2026, 3, 27), "测试假日"}};
  calendar.years = {2026};
  return calendar;
}

inline std::unique_ptr<TrackingConfig> TrackingConfigWith(Rules rules, int max_sleep = 60) {
  return MakeTrackingConfig(std::make_unique<FixedOffsetTimeZone>(kChinaOffsetMinutes),
                            TrackingCalendar(), std::move(rules), DeadlinePolicy{},
                            OfficeConfig{}, max_sleep);
}

inline const int64_t kCreatedAt = Local(2026, 3, 2, 10, 0);

// A store file in a temporary directory with the plan imported at kCreatedAt.
class TrackingStore {
 public:
  TrackingStore() {
    path_ = (dir_.path() / "duban.db").string();
    store_ = Open();
    std::vector<AgencyInfo> agencies = {{"省发改委", {"省发展改革委"}, "fgw@example.gov.cn", "", ""},
                                        {"省科技厅", {}, "kjt@example.gov.cn", "kjt-lead@example.gov.cn", ""}};
    REQUIRE(store_->SyncAgencies(agencies, "test", kCreatedAt).ok());
    REQUIRE(store_->ApplyPlan(TrackingPlan(), "test", kCreatedAt).ok());
  }

  // A second connection to the same file, as a restarted daemon would open.
  std::unique_ptr<SqliteStore> Open() const {
    auto opened = SqliteStore::Open(path_);
    REQUIRE(opened.ok());
    return std::move(opened).value();
  }

  SqliteStore& store() { return *store_; }

  std::vector<OutboxRow> Outbox(const std::string& state = "") {
    OutboxFilter filter;
    filter.state = state;
    filter.limit = 100000;
    auto rows = store_->ListOutbox(filter);
    REQUIRE(rows.ok());
    return *rows;
  }

 private:
  TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
};

// A model and scheduler over `store`, started at `now` as the daemon starts.
struct Tracking {
  std::unique_ptr<TrackingModel> model;
  std::unique_ptr<Scheduler> scheduler;
};

inline Tracking StartTracking(Store& store, int64_t now, Rules rules = TrackingRules(),
                              int max_sleep = 60) {
  auto cursor = Scheduler::StartCursor(store, now);
  REQUIRE(cursor.ok());
  auto model = TrackingModel::Load(store, TrackingConfigWith(std::move(rules), max_sleep), *cursor);
  REQUIRE(model.ok());
  Tracking tracking;
  tracking.model = std::move(model).value();
  tracking.scheduler = std::make_unique<Scheduler>(store, *tracking.model);
  return tracking;
}

inline WakeReport WakeAt(Scheduler& scheduler, int64_t now) {
  auto report = scheduler.Wake(now);
  INFO(report.status().ToString());
  REQUIRE(report.ok());
  return *report;
}

}  // namespace duban::testing

#endif  // DUBAN_TESTS_DAEMON_TRACKING_TEST_UTIL_H_
