// WorkdayTable: WorkingCalendar arithmetic in constant time over a range of days. The
// evaluator counts working days millions of times per evaluation (every reminder, every
// escalation repeat of every task); the calendar answers each question by walking day by
// day, this table by looking up two arrays. Outside its range it asks the calendar, so
// its answers are always the calendar's, only faster inside the range.
//
// Immutable after construction; const methods are thread-safe. Keeps a reference to the
// calendar, which must outlive it.
#ifndef DUBAN_WORKFLOW_WORKDAY_TABLE_H_
#define DUBAN_WORKFLOW_WORKDAY_TABLE_H_

#include <cstdint>
#include <vector>

#include "workflow/civil_date.h"
#include "workflow/working_calendar.h"

namespace duban {

class WorkdayTable {
 public:
  // No table: every answer comes from the calendar (for one-off questions).
  explicit WorkdayTable(const WorkingCalendar& calendar);
  // A table for the days [first, last]; empty if last < first.
  WorkdayTable(const WorkingCalendar& calendar, CivilDate first, CivilDate last);

  // The same answers as WorkingCalendar's functions of the same names.
  bool IsWorkingDay(CivilDate day) const;
  CivilDate AddWorkingDays(CivilDate from, int n) const;
  int WorkingDaysBetween(CivilDate from, CivilDate to) const;

  const WorkingCalendar& calendar() const { return calendar_; }

 private:
  bool InRange(int day) const { return day >= first_ && day < first_ + static_cast<int>(upto_.size()); }
  // Working days in [first_, day), for `day` in range.
  int Before(int day) const { return upto_[day - first_] - (working_[day - first_] ? 1 : 0); }

  const WorkingCalendar& calendar_;
  int first_ = 0;                 // day number of the table's first day
  std::vector<int32_t> upto_;     // per day: working days in [first_, day]
  std::vector<uint8_t> working_;  // per day: 1 if a working day
  std::vector<int32_t> workdays_; // day numbers of the working days, ascending
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_WORKDAY_TABLE_H_
