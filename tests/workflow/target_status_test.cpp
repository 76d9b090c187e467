// Target status from reported values: every expectation computed by hand from the dates
// (China Standard Time, UTC+8) and the definitions in workflow/target_status.h.
#include "workflow/target_status.h"

#include <catch2/catch.hpp>

#include "tests/workflow/evaluator_test_util.h"

namespace duban {
namespace {

using namespace duban::testing;

const std::string kLead = "省发展改革委";
const std::string kOther = "省统计局";

Target Confirmed(std::string name, TargetComparison comparison, double value, std::string unit,
                 TargetPeriod period = TargetPeriod::kYearly) {
  Target target;
  target.task_ref = "1";
  target.name = std::move(name);
  target.comparison = comparison;
  target.value = value;
  target.unit = std::move(unit);
  target.period = period;
  target.state = TargetState::kConfirmed;
  return target;
}

// A task tracked from 2026-01-01 with a final due date at the end of 2026.
TrackedTask TaskWith(std::vector<Target> targets) {
  TrackedTask task;
  task.task.ref = "1";
  task.task.SetAgencies(Role::kLead, {kLead});
  task.tracking_start = Day("2026-01-01");
  task.deadline.final_due = Day("2026-12-31");
  task.targets = std::move(targets);
  return task;
}

void Reported(TrackedTask* task, const std::string& agency, int64_t at,
              std::vector<ReportedValue> values, int64_t id = 0) {
  Feedback feedback = Report(task->task.ref, agency, at);
  if (id != 0) feedback.id = id;
  feedback.values = std::move(values);
  task->feedback.push_back(std::move(feedback));
}

TargetReading ReadOne(const TrackedTask& task, int64_t now) {
  const auto readings = ReadTargets(task, now, Shanghai());
  REQUIRE(readings.size() == 1);
  return readings[0];
}

TEST_CASE("target status names", "[target]") {
  CHECK(TargetStatusName(TargetStatus::kOnTrack) == "on_track");
  CHECK(TargetStatusName(TargetStatus::kMissing) == "missing");
  CHECK(TargetStatusNameZh(TargetStatus::kMet) == "已达标");
  CHECK(TargetStatusNameZh(TargetStatus::kBehind) == "滞后");
  for (const char* rate : {"%", "‰", "个百分点", "百分点", "倍"}) CHECK(IsRateUnit(rate));
  for (const char* count : {"", "亿元", "个", "万人", "家", "公里"}) CHECK_FALSE(IsRateUnit(count));
}

TEST_CASE("a yearly rate: missing, met, behind, never pro rata", "[target]") {
  TrackedTask task = TaskWith({Confirmed("生产总值增长", TargetComparison::kAtLeast, 7, "%")});
  const int64_t june_end = Local("2026-06-30", 18);

  TargetReading reading = ReadOne(task, june_end);
  CHECK(reading.status == TargetStatus::kMissing);
  CHECK_FALSE(reading.last_value);
  CHECK(reading.last_at == 0);

  Reported(&task, kLead, Local("2026-04-10", 10), {{"生产总值增长", 7.2}, {"其他", 1}});
  reading = ReadOne(task, june_end);
  CHECK(reading.status == TargetStatus::kMet);
  CHECK(reading.last_value == 7.2);
  CHECK(reading.last_at == Local("2026-04-10", 10));
  CHECK(reading.last_agency == kLead);

  // The latest value counts, not the best: 5.1 at the end of June is behind, although half
  // the year is gone (a growth rate is judged as it stands).
  Reported(&task, kOther, Local("2026-06-30", 9), {{"生产总值增长", 5.1}});
  reading = ReadOne(task, june_end);
  CHECK(reading.status == TargetStatus::kBehind);
  CHECK(reading.last_value == 5.1);
  CHECK(reading.last_agency == kOther);
  CHECK_FALSE(reading.expected_now);

  // Asked about a moment before that report, the earlier value stands.
  CHECK(ReadOne(task, Local("2026-06-29", 23)).status == TargetStatus::kMet);
  // Next year, last year's values do not count.
  CHECK(ReadOne(task, Local("2027-01-05", 9)).status == TargetStatus::kMissing);
}

TEST_CASE("the year of a yearly value is the local year", "[target]") {
  TrackedTask task = TaskWith({Confirmed("增长", TargetComparison::kAtLeast, 7, "%")});
  // 2026-12-31 20:00 UTC is 2027-01-01 04:00 in Shanghai: a value of 2027, not 2026.
  Reported(&task, kLead, Local("2027-01-01", 4), {{"增长", 8}});
  CHECK(ReadOne(task, Local("2027-01-02", 9)).status == TargetStatus::kMet);
  CHECK(ReadOne(task, Local("2026-12-31", 23)).status == TargetStatus::kMissing);  // after now
  task.feedback.back().at = Local("2026-12-31", 23, 59);
  CHECK(ReadOne(task, Local("2027-01-02", 9)).status == TargetStatus::kMissing);
}

TEST_CASE("equal received times: the higher feedback id is the latest", "[target]") {
  TrackedTask task = TaskWith({Confirmed("增长", TargetComparison::kAtLeast, 7, "%")});
  const int64_t at = Local("2026-03-02", 10);
  Reported(&task, kLead, at, {{"增长", 6}}, 41);
  Reported(&task, kOther, at, {{"增长", 8}}, 40);
  TargetReading reading = ReadOne(task, Local("2026-03-03"));
  CHECK(reading.last_value == 6);
  CHECK(reading.status == TargetStatus::kBehind);
}

// 2026 has 365 days. By 2026-07-02, 183 days (31+28+31+30+31+30+2) are gone:
// 100 家 × 183/365 = 50.137 expected.
TEST_CASE("a yearly count is on track pro rata to the days of the year", "[target]") {
  TrackedTask task = TaskWith({Confirmed("新增企业", TargetComparison::kAtLeast, 100, "家")});
  const int64_t july = Local("2026-07-02", 12);
  Reported(&task, kLead, Local("2026-07-01"), {{"新增企业", 51}});
  TargetReading reading = ReadOne(task, july);
  CHECK(reading.status == TargetStatus::kOnTrack);
  REQUIRE(reading.expected_now);
  CHECK(*reading.expected_now == Approx(100.0 * 183 / 365));

  Reported(&task, kLead, Local("2026-07-02", 8), {{"新增企业", 50}});
  reading = ReadOne(task, july);
  CHECK(reading.status == TargetStatus::kBehind);
  CHECK(*reading.expected_now == Approx(50.1370).epsilon(1e-4));

  Reported(&task, kLead, Local("2026-07-02", 9), {{"新增企业", 100}});
  reading = ReadOne(task, july);
  CHECK(reading.status == TargetStatus::kMet);
}

// Tracked from 2026-01-01 to 2027-12-31: 730 days. At the end of 2026-12-31, 365 are gone:
// 1700 × 0.5 = 850 expected.
TEST_CASE("a by-date count: pro rata until the date, behind after it", "[target]") {
  Target target = Confirmed("风电装机规模", TargetComparison::kAtLeast, 1700, "万千瓦",
                            TargetPeriod::kByDate);
  target.by_date = "2027-12-31";
  TrackedTask task = TaskWith({target});
  Reported(&task, kLead, Local("2026-06-01"), {{"风电装机规模", 850}});
  TargetReading reading = ReadOne(task, Local("2026-12-31", 20));
  CHECK(reading.status == TargetStatus::kOnTrack);
  CHECK(*reading.expected_now == Approx(850));
  // A day earlier, 849 would still do (1700 × 364/730 = 847.67); on the day it does not.
  task.feedback.back().values = {{"风电装机规模", 849}};
  CHECK(ReadOne(task, Local("2026-12-30", 20)).status == TargetStatus::kOnTrack);
  CHECK(ReadOne(task, Local("2026-12-31", 20)).status == TargetStatus::kBehind);
  // Values of earlier years count for a by-date target.
  CHECK(ReadOne(task, Local("2027-03-01")).last_value == 849);
  // After the date, only meeting it will do.
  reading = ReadOne(task, Local("2028-01-05"));
  CHECK(reading.status == TargetStatus::kBehind);
  CHECK_FALSE(reading.expected_now);
  Reported(&task, kLead, Local("2027-12-20"), {{"风电装机规模", 1700}});
  CHECK(ReadOne(task, Local("2028-01-05")).status == TargetStatus::kMet);
}

// Tracked from 2026-01-01 to the final due date 2026-12-31 (365 days); by 2026-03-31, 90
// days are gone: 10 × 90/365 = 2.466 expected.
TEST_CASE("a cumulative count runs to the task's final due date", "[target]") {
  TrackedTask task = TaskWith({Confirmed("建成基站", TargetComparison::kAtLeast, 10, "个",
                                         TargetPeriod::kCumulative)});
  Reported(&task, kLead, Local("2026-03-30"), {{"建成基站", 3}});
  TargetReading reading = ReadOne(task, Local("2026-03-31", 12));
  CHECK(reading.status == TargetStatus::kOnTrack);
  CHECK(*reading.expected_now == Approx(10.0 * 90 / 365));
  task.feedback.back().values = {{"建成基站", 2}};
  CHECK(ReadOne(task, Local("2026-03-31", 12)).status == TargetStatus::kBehind);

  // No final due date: nothing to pro-rate against, so not on track.
  task.deadline.final_due.reset();
  reading = ReadOne(task, Local("2026-03-31", 12));
  CHECK(reading.status == TargetStatus::kBehind);
  CHECK_FALSE(reading.expected_now);
}

TEST_CASE("at most, about, and decimals compared as written", "[target]") {
  struct Case {
    TargetComparison comparison;
    double value;
    double tolerance;
    std::string unit;
    double reported;
    TargetStatus status;
  };
  const Case cases[] = {
      {TargetComparison::kAtMost, 5.5, 0, "%", 5.5, TargetStatus::kMet},
      {TargetComparison::kAtMost, 5.5, 0, "%", 5.6, TargetStatus::kBehind},
      // ≤ is never pro rata, even for a count.
      {TargetComparison::kAtMost, 100, 0, "万吨", 120, TargetStatus::kBehind},
      {TargetComparison::kAbout, 9, 0.5, "%", 8.5, TargetStatus::kMet},
      {TargetComparison::kAbout, 9, 0.5, "%", 9.5, TargetStatus::kMet},
      {TargetComparison::kAbout, 9, 0.5, "%", 9.6, TargetStatus::kBehind},
      {TargetComparison::kAbout, 9, 0.5, "%", 8.4, TargetStatus::kBehind},
      {TargetComparison::kAbout, 200, 10, "个", 80, TargetStatus::kBehind},
      // 0.1 + 0.2 is 0.30000000000000004 in binary: still "at most 0.3".
      {TargetComparison::kAtMost, 0.3, 0, "个百分点", 0.1 + 0.2, TargetStatus::kMet},
      {TargetComparison::kAtLeast, 0.3, 0, "个百分点", 0.1 + 0.2, TargetStatus::kMet},
  };
  for (const Case& c : cases) {
    Target target = Confirmed("指标", c.comparison, c.value, c.unit);
    target.tolerance = c.tolerance;
    TrackedTask task = TaskWith({target});
    Reported(&task, kLead, Local("2026-02-01"), {{"指标", c.reported}});
    INFO(FormatTargetValue(target) << " reported " << c.reported);
    CHECK(ReadOne(task, Local("2026-02-02")).status == c.status);
  }
}

TEST_CASE("only confirmed targets are read, in order, and the worst is behind", "[target]") {
  Target proposed = Confirmed("提议", TargetComparison::kAtLeast, 1, "%");
  proposed.state = TargetState::kProposed;
  Target rejected = Confirmed("否决", TargetComparison::kAtLeast, 1, "%");
  rejected.state = TargetState::kRejected;
  TrackedTask task = TaskWith({Confirmed("甲", TargetComparison::kAtLeast, 7, "%"), proposed,
                               Confirmed("乙", TargetComparison::kAtMost, 5, "%"), rejected});
  Reported(&task, kLead, Local("2026-05-01"), {{"甲", 8}, {"提议", 0}});
  auto readings = ReadTargets(task, Local("2026-05-02"), Shanghai());
  REQUIRE(readings.size() == 2);
  CHECK(readings[0].target.name == "甲");
  CHECK(readings[0].status == TargetStatus::kMet);
  CHECK(readings[1].target.name == "乙");
  CHECK(readings[1].status == TargetStatus::kMissing);

  Reported(&task, kOther, Local("2026-05-03"), {{"乙", 6}});
  readings = ReadTargets(task, Local("2026-05-04"), Shanghai());
  CHECK(readings[1].status == TargetStatus::kBehind);
}

}  // namespace
}  // namespace duban
