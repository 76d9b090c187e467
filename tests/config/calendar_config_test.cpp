// Tests of [calendar] (config/calendar_schema.h): weekend, years, holidays and 调休 make-up
// days as read, and every problem reported at the line and field of its entry.
#include <catch2/catch.hpp>

#include "tests/config/config_test_util.h"

namespace duban {
namespace {

using testing::CheckError;
using testing::Dump;
using testing::Load;
using testing::LoadOk;
using testing::OnlyError;

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

TEST_CASE("[calendar] reads weekend, years, holidays and make-up days", "[config][calendar]") {
  Config config = LoadOk(R"(
[calendar]
weekend = [6, 7]
years = [2026]

[[calendar.holiday]]
from = "2026-02-15"
to = "2026-02-23"
name = "春节"

[[calendar.holiday]]
from = 2026-04-05      # a TOML date works too
name = "清明节"

[[calendar.workday]]
date = "2026-02-14"
name = "春节调休"

[[calendar.workday]]
date = "2026-02-28"
)");
  const CalendarSpec& calendar = config.calendar;
  CHECK(calendar.weekend == std::vector<unsigned>{6, 7});
  CHECK(calendar.years == std::vector<int>{2026});
  REQUIRE(calendar.holidays.size() == 2);
  CHECK(calendar.holidays[0] == HolidayRange{Day("2026-02-15"), Day("2026-02-23"), "春节"});
  // `to` defaults to `from`.
  CHECK(calendar.holidays[1] == HolidayRange{Day("2026-04-05"), Day("2026-04-05"), "清明节"});
  REQUIRE(calendar.make_up_days.size() == 2);
  CHECK(calendar.make_up_days[0] == MakeUpDay{Day("2026-02-14"), "春节调休"});
  CHECK(calendar.make_up_days[1] == MakeUpDay{Day("2026-02-28"), ""});

  const WorkingCalendar working(calendar);
  CHECK_FALSE(working.IsWorkingDay(Day("2026-02-16")));
  CHECK(working.IsWorkingDay(Day("2026-02-14")));
}

TEST_CASE("[calendar] without weekend keeps Saturday and Sunday", "[config][calendar]") {
  Config config = LoadOk("[calendar]\nyears = [2026, 2027]\n");
  CHECK(config.calendar.weekend == std::vector<unsigned>{6, 7});
  CHECK(config.calendar.years == std::vector<int>{2026, 2027});
}

TEST_CASE("bad dates are named with their field", "[config][calendar][errors]") {
  CheckError(OnlyError(Load("[[calendar.holiday]]\nfrom = \"2026-02-30\"\n")), 2, 8,
             "calendar.holiday[0].from", "\"2026-02-30\" is not a real day");
  CheckError(OnlyError(Load("[[calendar.holiday]]\nfrom = \"2026-02-15\"\nto = \"2026/02/23\"\n")), 3, 6,
             "calendar.holiday[0].to", "\"2026/02/23\" is not a date; write YYYY-MM-DD");
  CheckError(OnlyError(Load("[[calendar.workday]]\ndate = 20260214\n")), 2, 8, "calendar.workday[0].date",
             "expected a date (\"YYYY-MM-DD\"), got an integer");
  CheckError(OnlyError(Load("[[calendar.workday]]\ndate = 2026-02-14T09:00:00\n")), 2, 8,
             "calendar.workday[0].date", "got a date-time");
  CheckError(OnlyError(Load("[[calendar.holiday]]\nfrom = \"1899-12-31\"\n")), 2, 8,
             "calendar.holiday[0].from", "\"1899-12-31\" is out of range (years 1900..9999)");
}

TEST_CASE("overlapping holidays are reported at the later entry", "[config][calendar][errors]") {
  ConfigError error = OnlyError(Load(R"([[calendar.holiday]]
from = "2026-02-01"
to = "2026-02-04"
name = "甲"

[[calendar.holiday]]
from = "2026-02-10"

[[calendar.holiday]]
from = "2026-02-03"
to = "2026-02-06"
name = "重叠"
)"));
  CheckError(error, 9, 1, "calendar.holiday[2]",
             "holiday 2026-02-03..2026-02-06 (重叠) overlaps holiday 2026-02-01..2026-02-04 (甲)");
}

TEST_CASE("make-up days inside a holiday or on a weekday are errors", "[config][calendar][errors]") {
  ConfigLoadResult result = Load(R"([[calendar.holiday]]
from = "2026-10-01"
to = "2026-10-07"
name = "国庆节"
[[calendar.workday]]
date = "2026-10-03"
[[calendar.workday]]
date = "2026-10-12"
name = "周一"
[[calendar.workday]]
date = "2026-10-10"
[[calendar.workday]]
date = "2026-10-10"
)");
  INFO(Dump(result));
  REQUIRE(result.errors.size() == 3);
  CheckError(result.errors[0], 5, 1, "calendar.workday[0]",
             "make-up day 2026-10-03 falls inside holiday 2026-10-01..2026-10-07 (国庆节)");
  CheckError(result.errors[1], 7, 1, "calendar.workday[1]",
             "make-up day 2026-10-12 is a Mon, already a working day");
  CheckError(result.errors[2], 12, 1, "calendar.workday[3]", "make-up day 2026-10-10 given twice");
}

TEST_CASE("a holiday that ends before it starts is an error", "[config][calendar][errors]") {
  CheckError(OnlyError(Load("\n[[calendar.holiday]]\nfrom = \"2026-05-05\"\nto = \"2026-05-01\"\n")), 2, 1,
             "calendar.holiday[0]", "holiday 2026-05-05..2026-05-01 ends before it starts");
}

TEST_CASE("weekend days and years are range-checked at their element", "[config][calendar][errors]") {
  CheckError(OnlyError(Load("[calendar]\nweekend = [6, 8]\n")), 2, 15, "calendar.weekend[1]",
             "must be between 1 and 7, got 8");
  CheckError(OnlyError(Load("[calendar]\nweekend = [6, 7, 6]\n")), 2, 18, "calendar.weekend[2]",
             "weekend day 6 given twice");
  CheckError(OnlyError(Load("[calendar]\nyears = [2026, 1800]\n")), 2, 16, "calendar.years[1]",
             "must be between 1900 and 9999, got 1800");
  CheckError(OnlyError(Load("[calendar]\nweekend = \"6,7\"\n")), 2, 11, "calendar.weekend",
             "expected an array of integers, got a string");
}

TEST_CASE("checks across entries wait until every entry reads", "[config][calendar][errors]") {
  // With weekend day 9 dropped, the Sunday make-up day would seem a working day already;
  // only the real mistake is reported.
  CheckError(OnlyError(Load("[calendar]\nweekend = [9, 7]\n[[calendar.workday]]\ndate = \"2026-10-11\"\n")),
             2, 12, "calendar.weekend[0]", "must be between 1 and 7, got 9");
}

TEST_CASE("[calendar] keys and tables are checked like every other table",
          "[config][calendar][errors]") {
  CheckError(OnlyError(Load("[[calendar.holiday]]\nform = \"2026-02-15\"\nfrom = \"2026-02-15\"\n")), 2, 1,
             "calendar.holiday[0].form", "unknown key \"form\" in [[calendar.holiday]] (did you mean \"from\"?)");
  CheckError(OnlyError(Load("[[calendar.holiday]]\nname = \"春节\"\n")), 1, 1, "calendar.holiday[0].from",
             "missing required key \"from\" in [[calendar.holiday]]");
  CheckError(OnlyError(Load("[calendar.holiday]\nfrom = \"2026-02-15\"\n")), 1, 1, "calendar.holiday",
             "expected an array of tables ([[calendar.holiday]]), got a table");
  CheckError(OnlyError(Load("[calendar]\nholidays = []\n")), 2, 1, "calendar.holidays",
             "unknown key \"holidays\" in [calendar] (did you mean \"holiday\"?)");
  CheckError(OnlyError(Load("[[calendar.workday]]\ndate = \"2026-02-14\"\nname = \"\"\n")), 3, 8,
             "calendar.workday[0].name", "name must not be empty");
  CheckError(OnlyError(Load("[calendar]\ndate = \"2026-02-14\"\n")), 2, 1, "calendar.date",
             "\"date\" belongs in [[calendar.workday]]");
}

}  // namespace
}  // namespace duban
