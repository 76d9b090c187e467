#include "workflow/working_calendar.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

CivilDate D(const char* text) {
  auto date = ParseCivilDate(text);
  REQUIRE(date.has_value());
  return *date;
}

// The 2025 Spring Festival as the State Council announced it: 1-28..2-4 off, Sunday 1-26
// and Saturday 2-8 worked.
CalendarSpec SpringFestival2025() {
  CalendarSpec spec;
  spec.holidays.push_back({D("2025-01-01"), D("2025-01-01"), "元旦"});
  spec.holidays.push_back({D("2025-01-28"), D("2025-02-04"), "春节"});
  spec.make_up_days.push_back({D("2025-01-26"), "春节调休"});
  spec.make_up_days.push_back({D("2025-02-08"), "春节调休"});
  return spec;
}

TEST_CASE("civil dates parse strictly and format back", "[calendar]") {
  CHECK(FormatCivilDate(D("2026-02-14")) == "2026-02-14");
  CHECK_FALSE(ParseCivilDate("2026-02-30"));
  CHECK_FALSE(ParseCivilDate("2026-2-14"));
  CHECK_FALSE(ParseCivilDate("2026/02/14"));
  CHECK_FALSE(ParseCivilDate("20260214xx"));
  CHECK(IsoWeekday(D("2026-02-14")) == 6);
  CHECK(WeekdayNameZh(D("2026-02-15")) == "周日");
}

TEST_CASE("weekends, holidays and make-up days decide working days", "[calendar]") {
  WorkingCalendar calendar(SpringFestival2025());
  struct Case {
    const char* day;
    bool working;
    DayExplanation::Reason reason;
  };
  const Case cases[] = {
      {"2025-01-24", true, DayExplanation::Reason::kWeekday},     // Friday
      {"2025-01-25", false, DayExplanation::Reason::kWeekend},    // Saturday
      {"2025-01-26", true, DayExplanation::Reason::kMakeUpDay},   // Sunday worked
      {"2025-01-28", false, DayExplanation::Reason::kHoliday},    // Tuesday off
      {"2025-02-01", false, DayExplanation::Reason::kHoliday},    // Saturday inside range
      {"2025-02-04", false, DayExplanation::Reason::kHoliday},    // last day of range
      {"2025-02-05", true, DayExplanation::Reason::kWeekday},
      {"2025-02-08", true, DayExplanation::Reason::kMakeUpDay},
      {"2025-02-09", false, DayExplanation::Reason::kWeekend},
  };
  for (const auto& c : cases) {
    INFO(c.day);
    auto explanation = calendar.Explain(D(c.day));
    CHECK(explanation.working == c.working);
    CHECK(explanation.reason == c.reason);
    CHECK(calendar.IsWorkingDay(D(c.day)) == c.working);
    CHECK_FALSE(explanation.outside_known_years);
  }
  CHECK(calendar.Explain(D("2025-01-28")).name == "春节");
}

TEST_CASE("counting working days honours holidays and 调休", "[calendar]") {
  WorkingCalendar calendar(SpringFestival2025());
  // Friday 1-24: next working day is the make-up Sunday 1-26, then Monday 1-27, then the
  // holiday until 2-4, so the third is Wednesday 2-5.
  CHECK(calendar.AddWorkingDays(D("2025-01-24"), 1) == D("2025-01-26"));
  CHECK(calendar.AddWorkingDays(D("2025-01-24"), 2) == D("2025-01-27"));
  CHECK(calendar.AddWorkingDays(D("2025-01-24"), 3) == D("2025-02-05"));
  // Backwards from 2-5: 1-27 is one working day before.
  CHECK(calendar.AddWorkingDays(D("2025-02-05"), -1) == D("2025-01-27"));
  // n == 0 rolls a day off forward to the next working day.
  CHECK(calendar.AddWorkingDays(D("2025-01-30"), 0) == D("2025-02-05"));
  CHECK(calendar.AddWorkingDays(D("2025-02-05"), 0) == D("2025-02-05"));
  CHECK(calendar.WorkingDaysBetween(D("2025-01-24"), D("2025-02-05")) == 3);
  CHECK(calendar.WorkingDaysBetween(D("2025-02-05"), D("2025-01-24")) == -3);
  for (int n = 1; n <= 40; ++n) {
    CHECK(calendar.WorkingDaysBetween(D("2025-01-20"), calendar.AddWorkingDays(D("2025-01-20"), n)) == n);
  }
}

TEST_CASE("a year without configured holidays is flagged, not guessed", "[calendar]") {
  WorkingCalendar calendar(SpringFestival2025());
  CHECK(calendar.Covers(D("2025-06-01")));
  CHECK_FALSE(calendar.Covers(D("2026-10-01")));
  auto explanation = calendar.Explain(D("2026-10-01"));
  CHECK(explanation.outside_known_years);
  CHECK(explanation.working);  // Thursday; no holidays known for 2026
  CHECK(explanation.Describe().find("no holidays are configured for 2026") != std::string::npos);
}

TEST_CASE("explicit years and custom weekends", "[calendar]") {
  CalendarSpec spec;
  spec.weekend = {5, 6};  // Friday and Saturday
  spec.years = {2030};
  WorkingCalendar calendar(spec);
  CHECK(calendar.Covers(D("2030-03-01")));
  CHECK_FALSE(calendar.IsWorkingDay(D("2030-03-01")));  // Friday
  CHECK(calendar.IsWorkingDay(D("2030-03-03")));        // Sunday
}

TEST_CASE("the calendar's mistakes are named with their entry", "[calendar]") {
  CalendarSpec spec = SpringFestival2025();
  spec.weekend = {6, 7, 9};
  spec.holidays.push_back({D("2025-02-03"), D("2025-02-06"), "重叠"});    // overlaps 春节
  spec.holidays.push_back({D("2025-05-05"), D("2025-05-01"), "倒序"});    // backwards
  spec.make_up_days.push_back({D("2025-01-29"), "假日中"});               // inside 春节
  spec.make_up_days.push_back({D("2025-03-05"), "周三"});                 // a Wednesday
  spec.make_up_days.push_back({D("2025-01-26"), "重复"});                 // given twice
  auto problems = WorkingCalendar::Validate(spec);
  REQUIRE(problems.size() == 6);
  using Entry = CalendarProblem::Entry;
  CHECK(problems[0].entry == Entry::kWeekend);
  CHECK(problems[0].index == 2);
  CHECK(problems[1].entry == Entry::kHoliday);
  CHECK(problems[1].index == 2);
  CHECK(problems[1].message.find("overlaps holiday 2025-01-28..2025-02-04 (春节)") != std::string::npos);
  CHECK(problems[2].message.find("ends before it starts") != std::string::npos);
  CHECK(problems[3].entry == Entry::kMakeUpDay);
  CHECK(problems[3].message.find("falls inside holiday") != std::string::npos);
  CHECK(problems[4].message.find("Wed, already a working day") != std::string::npos);
  CHECK(problems[5].message.find("given twice") != std::string::npos);
  CHECK(WorkingCalendar::Validate(SpringFestival2025()).empty());
}

}  // namespace
}  // namespace duban
