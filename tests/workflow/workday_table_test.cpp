#include "workflow/workday_table.h"

#include <catch2/catch.hpp>

#include "tests/workflow/evaluator_test_util.h"

namespace duban {
namespace {

using testing::Calendar2025;
using testing::Day;

TEST_CASE("the workday table answers exactly as the calendar, inside and outside its range", "[calendar]") {
  const WorkingCalendar& calendar = Calendar2025();
  const WorkdayTable table(calendar, Day("2025-01-10"), Day("2025-11-20"));
  const WorkdayTable bare(calendar);
  for (CivilDate day = Day("2024-12-01"); day <= Day("2026-01-31"); day += std::chrono::days{1}) {
    INFO(FormatCivilDate(day));
    CHECK(table.IsWorkingDay(day) == calendar.IsWorkingDay(day));
    for (int n : {-25, -10, -5, -1, 0, 1, 3, 5, 10, 25}) {
      INFO(n);
      CHECK(table.AddWorkingDays(day, n) == calendar.AddWorkingDays(day, n));
      CHECK(bare.AddWorkingDays(day, n) == calendar.AddWorkingDays(day, n));
    }
    for (int offset : {-40, -3, 0, 2, 17, 60}) {
      CivilDate other = day + std::chrono::days{offset};
      CHECK(table.WorkingDaysBetween(day, other) == calendar.WorkingDaysBetween(day, other));
    }
  }
}

}  // namespace
}  // namespace duban
