// OccurrenceSeries: a task's due occurrences one by one, in due-date order, without an end
// date. DueOccurrences (deadline.h) is this series cut to a range; the evaluator walks it
// lazily because a task with reports and no final due date has no last occurrence.
//
// Periods: calendar months, quarters (Q1 = January to March), half-years (H1, H2) and
// years. Reports start with the period containing the tracking start and stop with the
// period containing the final due date (all periods when there is none). A report is due
// ReportDue::working_days_after working days after its period's last day, or, with
// fixed_day > 0, on that day of the following month (clipped to the month's length) or the
// next working day after it. The final occurrence is due on the final due date exactly as
// configured, even on a holiday: when a deadline falls is the office's decision, and no
// message goes out on a day off anyway (actions are on working days only).
//
// Not thread-safe (it is a cursor); holds references to the spec and the table, which
// must outlive it.
#ifndef DUBAN_WORKFLOW_OCCURRENCE_SERIES_H_
#define DUBAN_WORKFLOW_OCCURRENCE_SERIES_H_

#include <optional>

#include "workflow/deadline.h"
#include "workflow/workday_table.h"

namespace duban {

class OccurrenceSeries {
 public:
  OccurrenceSeries(const DeadlineSpec& spec, const WorkdayTable& days, CivilDate tracking_start);

  // The next occurrence in due order (ties: reports before the final), or nullopt once
  // the series has ended. A series with reports and no final due date never ends.
  std::optional<DueOccurrence> Next();

  // True if the series ends (it has a final due date or no reports).
  bool bounded() const { return bounded_; }

 private:
  std::optional<DueOccurrence> NextReport();

  const DeadlineSpec& spec_;
  const WorkdayTable& days_;
  int months_ = 0;          // months per report period; 0 = no reports
  bool bounded_ = true;
  bool reports_ = false;    // reports remain
  CivilDate period_start_;  // start of the next report period
  std::optional<DueOccurrence> pending_report_;  // generated but not yet returned
  std::optional<DueOccurrence> final_;           // not yet returned
};

// The report period containing `day` for periods of `months` months (1, 3, 6, 12):
// its first day.
CivilDate PeriodStartContaining(CivilDate day, int months);

// Months per period of `cycle`; 0 for kNone.
int MonthsPerPeriod(ReportCycle cycle);

// DueFor (deadline.h) with the table's arithmetic: `due` for leads and responsible
// agencies, `participant_lead_days` working days earlier for participants.
CivilDate AgencyDueDate(Role role, CivilDate due, int participant_lead_days,
                        const WorkdayTable& days);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_OCCURRENCE_SERIES_H_
