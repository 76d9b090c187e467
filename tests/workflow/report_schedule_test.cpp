// The periodic report's schedule on hand-computed dates (October 2026: 1 Thursday;
// National Day 10-01..07, so the first working day is Thursday 10-08, and Saturday 10-10
// is a 调休 make-up day; January 2026: 元旦 01-01..03, Sunday 01-04 worked).
#include "workflow/report_schedule.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

CivilDate D(const char* text) {
  auto date = ParseCivilDate(text);
  REQUIRE(date.has_value());
  return *date;
}

WorkingCalendar Calendar2026() {
  CalendarSpec spec;
  spec.holidays.push_back({D("2026-01-01"), D("2026-01-03"), "元旦"});
  spec.holidays.push_back({D("2026-09-25"), D("2026-09-27"), "中秋节"});
  spec.holidays.push_back({D("2026-10-01"), D("2026-10-07"), "国庆节"});
  spec.make_up_days.push_back({D("2026-01-04"), "元旦调休"});
  spec.make_up_days.push_back({D("2026-09-20"), "国庆节调休"});
  spec.make_up_days.push_back({D("2026-10-10"), "国庆节调休"});
  spec.years = {2025, 2026};
  return WorkingCalendar(spec);
}

ReportSchedule Monthly(int working_day = 1) {
  ReportSchedule schedule;
  schedule.cadence = ReportCadence::kMonthly;
  schedule.working_day = working_day;
  schedule.send_minute = 9 * 60;
  return schedule;
}

// UTC seconds, computed outside duban: 09:00 China time is 01:00 UTC.
constexpr int64_t k20261008At0900 = 1791421200;  // 2026-10-08T01:00:00Z
constexpr int64_t k20261010At0900 = 1791594000;  // 2026-10-10T01:00:00Z
constexpr int64_t k20260104At0900 = 1767488400;  // 2026-01-04T01:00:00Z
constexpr int64_t k20261102At0900 = 1793581200;  // 2026-11-02T01:00:00Z

const FixedOffsetTimeZone kChina(8 * 60, "Asia/Shanghai");

TEST_CASE("a month whose first days are a holiday sends on its first working day after them",
          "[report_schedule]") {
  auto occurrence = ReportOccurrenceFor(Monthly(), "2026-09", Calendar2026(), kChina);
  REQUIRE(occurrence);
  CHECK(occurrence->period == "2026-09");
  CHECK(occurrence->from == D("2026-09-01"));
  CHECK(occurrence->to == D("2026-09-30"));
  CHECK(occurrence->send_day == D("2026-10-08"));
  CHECK(occurrence->send_at == k20261008At0900);
}

TEST_CASE("a 调休 make-up Saturday counts as a working day of the month", "[report_schedule]") {
  // 10-08 Thu (1st), 10-09 Fri (2nd), 10-10 Sat make-up (3rd).
  auto third = ReportOccurrenceFor(Monthly(3), "2026-09", Calendar2026(), kChina);
  REQUIRE(third);
  CHECK(third->send_day == D("2026-10-10"));
  CHECK(third->send_at == k20261010At0900);
  // 2026-01-01..03 off, Sunday 01-04 worked: December 2025's report goes out that Sunday.
  auto january = ReportOccurrenceFor(Monthly(), "2025-12", Calendar2026(), kChina);
  REQUIRE(january);
  CHECK(january->send_day == D("2026-01-04"));
  CHECK(january->send_at == k20260104At0900);
  CHECK(january->from == D("2025-12-01"));
  CHECK(january->to == D("2025-12-31"));
}

TEST_CASE("the latest occurrence due and the next one around a send time", "[report_schedule]") {
  const WorkingCalendar calendar = Calendar2026();
  SECTION("one second before the send time: September's is next, August's the latest") {
    auto latest = LatestReportDue(Monthly(), calendar, kChina, k20261008At0900 - 1);
    auto next = NextReportAfter(Monthly(), calendar, kChina, k20261008At0900 - 1);
    REQUIRE(latest);
    REQUIRE(next);
    CHECK(latest->period == "2026-08");
    CHECK(latest->send_day == D("2026-09-01"));  // Tuesday 09-01
    CHECK(next->period == "2026-09");
    CHECK(next->send_at == k20261008At0900);
  }
  SECTION("at the send time: September's is due, October's (sent Monday 11-02) is next") {
    auto latest = LatestReportDue(Monthly(), calendar, kChina, k20261008At0900);
    auto next = NextReportAfter(Monthly(), calendar, kChina, k20261008At0900);
    REQUIRE(latest);
    REQUIRE(next);
    CHECK(latest->period == "2026-09");
    CHECK(next->period == "2026-10");
    CHECK(next->send_day == D("2026-11-02"));
    CHECK(next->send_at == k20261102At0900);
  }
  SECTION("during the holiday, October has begun but September's report is not due yet") {
    const int64_t october_5_noon = k20261008At0900 - 3 * 86400 + 3 * 3600;
    auto latest = LatestReportDue(Monthly(), calendar, kChina, october_5_noon);
    REQUIRE(latest);
    CHECK(latest->period == "2026-08");
  }
  SECTION("the occurrence before September's is August's") {
    auto september = ReportOccurrenceFor(Monthly(), "2026-09", calendar, kChina);
    REQUIRE(september);
    CHECK(PreviousReport(Monthly(), *september, calendar, kChina).period == "2026-08");
  }
}

TEST_CASE("quarterly reports cover a quarter and go out in the month after it",
          "[report_schedule]") {
  ReportSchedule schedule = Monthly();
  schedule.cadence = ReportCadence::kQuarterly;
  const WorkingCalendar calendar = Calendar2026();
  auto q3 = ReportOccurrenceFor(schedule, "2026-Q3", calendar, kChina);
  REQUIRE(q3);
  CHECK(q3->from == D("2026-07-01"));
  CHECK(q3->to == D("2026-09-30"));
  CHECK(q3->send_at == k20261008At0900);
  // In mid-November the latest is Q3's; the next is Q4's in January 2027. 2027's holidays
  // are not entered, so weekends alone count: Friday 2027-01-01 is its first working day.
  const int64_t november_15 = k20261102At0900 + 13 * 86400;
  auto latest = LatestReportDue(schedule, calendar, kChina, november_15);
  auto next = NextReportAfter(schedule, calendar, kChina, november_15);
  REQUIRE(latest);
  REQUIRE(next);
  CHECK(latest->period == "2026-Q3");
  CHECK(next->period == "2026-Q4");
  CHECK(next->send_day == D("2027-01-01"));
  // Just before Q3's send time the latest is Q2's, sent on Wednesday 2026-07-01.
  auto q2 = LatestReportDue(schedule, calendar, kChina, k20261008At0900 - 1);
  REQUIRE(q2);
  CHECK(q2->period == "2026-Q2");
  CHECK(q2->send_day == D("2026-07-01"));
}

TEST_CASE("year-to-date reports assess from January 1 to the period's end", "[report_schedule]") {
  ReportSchedule schedule = Monthly();
  schedule.span = ReportSpan::kYearToDate;
  auto occurrence = ReportOccurrenceFor(schedule, "2026-09", Calendar2026(), kChina);
  REQUIRE(occurrence);
  CHECK(occurrence->from == D("2026-01-01"));
  CHECK(occurrence->to == D("2026-09-30"));
  CHECK(occurrence->send_day == D("2026-10-08"));
}

TEST_CASE("periods of the wrong form and the off cadence give no occurrence",
          "[report_schedule]") {
  const WorkingCalendar calendar = Calendar2026();
  CHECK_FALSE(ReportOccurrenceFor(Monthly(), "2026-13", calendar, kChina));
  CHECK_FALSE(ReportOccurrenceFor(Monthly(), "2026-9", calendar, kChina));
  CHECK_FALSE(ReportOccurrenceFor(Monthly(), "2026-Q3", calendar, kChina));
  ReportSchedule quarterly = Monthly();
  quarterly.cadence = ReportCadence::kQuarterly;
  CHECK_FALSE(ReportOccurrenceFor(quarterly, "2026-09", calendar, kChina));
  CHECK_FALSE(ReportOccurrenceFor(quarterly, "2026-Q5", calendar, kChina));
  ReportSchedule off;
  CHECK_FALSE(LatestReportDue(off, calendar, kChina, k20261008At0900));
  CHECK_FALSE(NextReportAfter(off, calendar, kChina, k20261008At0900));
  CHECK(ParseReportCadence("monthly") == ReportCadence::kMonthly);
  CHECK_FALSE(ParseReportCadence("weekly"));
  CHECK(ParseReportSpan("year-to-date") == ReportSpan::kYearToDate);
}

}  // namespace
}  // namespace duban
