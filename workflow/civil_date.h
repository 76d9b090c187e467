// CivilDate: a calendar day with no time zone (a due date, a holiday), as
// std::chrono::sys_days. Parsing and formatting in the one form duban uses everywhere:
// "YYYY-MM-DD".
#ifndef DUBAN_WORKFLOW_CIVIL_DATE_H_
#define DUBAN_WORKFLOW_CIVIL_DATE_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace duban {

using CivilDate = std::chrono::sys_days;

// Strict "YYYY-MM-DD" (years 1900..9999, a real day of that month); nullopt otherwise.
std::optional<CivilDate> ParseCivilDate(std::string_view text);

// "2026-02-14".
std::string FormatCivilDate(CivilDate date);

// ISO weekday: 1 = Monday ... 7 = Sunday.
unsigned IsoWeekday(CivilDate date);

// "Mon" ... "Sun" and "周一" ... "周日".
std::string_view WeekdayName(CivilDate date);
std::string_view WeekdayNameZh(CivilDate date);

int YearOf(CivilDate date);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_CIVIL_DATE_H_
