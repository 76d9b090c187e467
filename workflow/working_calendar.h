// WorkingCalendar: which days are working days, and counting "N working days", under the
// office's calendar: weekend days, statutory holidays (法定节假日, dates or ranges) and
// 调休 make-up working days (a Saturday or Sunday declared a working day). The office
// enters the State Council's yearly holiday notice in config; a day in a year the office
// has not entered is still answered (by weekends alone) but flagged, never silently
// guessed: DayExplanation::outside_known_years and Covers().
//
// Immutable after construction; const methods are thread-safe.
#ifndef DUBAN_WORKFLOW_WORKING_CALENDAR_H_
#define DUBAN_WORKFLOW_WORKING_CALENDAR_H_

#include <string>
#include <vector>

#include "workflow/civil_date.h"

namespace duban {

struct HolidayRange {
  CivilDate first;
  CivilDate last;    // inclusive; == first for a single day
  std::string name;  // "春节"

  bool operator==(const HolidayRange&) const = default;
};

struct MakeUpDay {
  CivilDate day;     // a weekend day that is worked
  std::string name;  // "春节调休"

  bool operator==(const MakeUpDay&) const = default;
};

struct CalendarSpec {
  std::vector<unsigned> weekend = {6, 7};  // ISO weekdays, 1 = Monday ... 7 = Sunday
  std::vector<HolidayRange> holidays;
  std::vector<MakeUpDay> make_up_days;
  // Years whose holidays the office has entered. Empty: the years that the holidays and
  // make-up days fall in.
  std::vector<int> years;

  bool operator==(const CalendarSpec&) const = default;
};

// A mistake in a CalendarSpec, naming the entry so config can point at its line.
struct CalendarProblem {
  enum class Entry { kWeekend, kHoliday, kMakeUpDay, kYear };
  Entry entry;
  size_t index;         // position in the spec's list
  std::string message;  // English: "make-up day 2026-02-14 falls inside holiday 春节 ..."
};

struct DayExplanation {
  enum class Reason { kWeekday, kWeekend, kHoliday, kMakeUpDay };
  CivilDate day;
  bool working = true;
  Reason reason = Reason::kWeekday;
  std::string name;  // holiday or make-up day name, "" otherwise
  bool outside_known_years = false;

  // "2026-02-14 Sat: working day (调休 make-up day: 春节调休)".
  std::string Describe() const;
};

class WorkingCalendar {
 public:
  // Every problem of `spec`: a weekend day outside 1..7, a range that ends before it
  // starts, overlapping holidays, a make-up day inside a holiday or on a day that is not
  // a weekend day (it would change nothing), a date given twice, a year outside
  // 1900..9999. Empty when the spec is sound.
  static std::vector<CalendarProblem> Validate(const CalendarSpec& spec);

  // The calendar of plain weekends (Saturday, Sunday), no holidays, no known years.
  WorkingCalendar();
  // REQUIRES: Validate(spec) is empty.
  explicit WorkingCalendar(const CalendarSpec& spec);

  bool IsWorkingDay(CivilDate day) const;
  DayExplanation Explain(CivilDate day) const;

  // True if the office has entered the holidays of `day`'s year.
  bool Covers(CivilDate day) const;

  // The day `n` working days after `from` (n > 0), not counting `from` itself; before it
  // for n < 0. For n == 0: `from` if it is a working day, else the next working day.
  CivilDate AddWorkingDays(CivilDate from, int n) const;

  // Working days in (from, to] when to >= from; the negation of WorkingDaysBetween(to,
  // from) otherwise. So AddWorkingDays(d, n) == e implies WorkingDaysBetween(d, e) == n for
  // n > 0.
  int WorkingDaysBetween(CivilDate from, CivilDate to) const;

 private:
  struct SpecialDay {
    int days;  // since epoch
    bool working;
    std::string name;
  };
  const SpecialDay* FindSpecial(CivilDate day) const;

  bool weekend_[8] = {};               // by ISO weekday
  std::vector<SpecialDay> special_;    // holidays and make-up days, sorted by day
  std::vector<int> years_;             // sorted
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_WORKING_CALENDAR_H_
