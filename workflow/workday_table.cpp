#include "workflow/workday_table.h"

namespace duban {
namespace {

int DayNumber(CivilDate day) { return static_cast<int>(day.time_since_epoch().count()); }
CivilDate FromDayNumber(int day) { return CivilDate{std::chrono::days{day}}; }

}  // namespace

WorkdayTable::WorkdayTable(const WorkingCalendar& calendar) : calendar_(calendar) {}

WorkdayTable::WorkdayTable(const WorkingCalendar& calendar, CivilDate first, CivilDate last)
    : calendar_(calendar), first_(DayNumber(first)) {
  if (last < first) return;
  const int count = DayNumber(last) - first_ + 1;
  upto_.reserve(count);
  working_.reserve(count);
  int32_t running = 0;
  for (int day = first_; day < first_ + count; ++day) {
    const bool working = calendar.IsWorkingDay(FromDayNumber(day));
    if (working) {
      ++running;
      workdays_.push_back(day);
    }
    working_.push_back(working ? 1 : 0);
    upto_.push_back(running);
  }
}

bool WorkdayTable::IsWorkingDay(CivilDate day) const {
  const int number = DayNumber(day);
  if (InRange(number)) return working_[number - first_] != 0;
  return calendar_.IsWorkingDay(day);
}

CivilDate WorkdayTable::AddWorkingDays(CivilDate from, int n) const {
  const int number = DayNumber(from);
  if (InRange(number)) {
    // The k-th working day of the table (0-based) is workdays_[k]; the answer is the
    // (n)-th working day after `from`, or the |n|-th before it, or the first on or after.
    const int64_t index = n > 0 ? int64_t{upto_[number - first_]} + n - 1 : int64_t{Before(number)} + n;
    if (index >= 0 && index < static_cast<int64_t>(workdays_.size())) {
      return FromDayNumber(workdays_[static_cast<size_t>(index)]);
    }
  }
  return calendar_.AddWorkingDays(from, n);
}

int WorkdayTable::WorkingDaysBetween(CivilDate from, CivilDate to) const {
  const int a = DayNumber(from);
  const int b = DayNumber(to);
  if (InRange(a) && InRange(b)) return upto_[b - first_] - upto_[a - first_];
  return calendar_.WorkingDaysBetween(from, to);
}

}  // namespace duban
