// Deadlines: when each task's reports fall due. A task can have a final due date
// (办结时限) and recurring progress reports (monthly, quarterly, half-yearly, yearly), each
// due a number of working days after its period ends or on a fixed day of the next month.
// Participants owe their input to the lead earlier than the lead's own report.
//
// DeadlineSpec is resolved per task from config defaults, per-section and per-task
// config, the plan's own due column, and run-time changes (ResolveDeadline). Pure.
#ifndef DUBAN_WORKFLOW_DEADLINE_H_
#define DUBAN_WORKFLOW_DEADLINE_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/civil_date.h"
#include "workflow/plan.h"
#include "workflow/working_calendar.h"

namespace duban {

enum class ReportCycle { kNone, kMonthly, kQuarterly, kHalfYearly, kYearly };
// "none", "monthly", "quarterly", "half-yearly", "yearly".
std::string_view ReportCycleName(ReportCycle cycle);
std::optional<ReportCycle> ParseReportCycle(std::string_view name);

// When a periodic report falls due, relative to the end of its period.
struct ReportDue {
  // Due this many working days after the period's last day (5: the 5th working day after).
  int working_days_after = 5;
  // When > 0, due instead on this day of the month after the period (clipped to the
  // month's length; moved to the next working day if it is not one).
  int fixed_day = 0;

  bool operator==(const ReportDue&) const = default;
};

struct DeadlineSpec {
  std::optional<CivilDate> final_due;  // 办结时限; nullopt = none
  ReportCycle cycle = ReportCycle::kNone;
  ReportDue report_due;
  // Participants owe their input this many working days before the lead's due date.
  int participant_lead_days = 5;

  bool operator==(const DeadlineSpec&) const = default;
};

// A partial DeadlineSpec: the fields a section, a task or a run-time change sets.
struct DeadlinePatch {
  std::optional<CivilDate> final_due;
  bool clear_final_due = false;  // remove an inherited final due date
  std::optional<ReportCycle> cycle;
  std::optional<ReportDue> report_due;
  std::optional<int> participant_lead_days;

  bool empty() const;
  void ApplyTo(DeadlineSpec* spec) const;
  // Later fields win: the result applies `this`, then `later`.
  DeadlinePatch Then(const DeadlinePatch& later) const;
  bool operator==(const DeadlinePatch&) const = default;
};

struct DeadlinePolicy {
  DeadlineSpec defaults;
  std::map<std::string, DeadlinePatch> by_section;  // Section::number → patch
  std::map<std::string, DeadlinePatch> by_task;     // Task::ref → patch

  bool operator==(const DeadlinePolicy&) const = default;
};

// defaults ← section patch ← the plan's due column (Task::due) ← task patch ← `runtime`
// (set with `dubanctl task REF due …`; may be null). Later wins.
DeadlineSpec ResolveDeadline(const DeadlinePolicy& policy, const Task& task,
                             const DeadlinePatch* runtime);
// The same for a task known by its ref, section and due column.
DeadlineSpec ResolveDeadline(const DeadlinePolicy& policy, std::string_view ref,
                             std::string_view section, std::string_view due,
                             const DeadlinePatch* runtime);

// One due occurrence of a task: a periodic report or the final due date.
struct DueOccurrence {
  std::string id;          // "final", "2026-M07", "2026-Q3", "2026-H2", "2026-Y"
  CivilDate period_start;  // reports for this occurrence count from this day on
  CivilDate period_end;    // last day of the period (final: the final due date)
  CivilDate due;           // the lead's (and responsible's) due date
  bool final = false;

  bool operator==(const DueOccurrence&) const = default;
};

// Every occurrence of `spec` whose due date lies in [from, to], in due-date order (ties:
// reports before final). Report periods start with the one containing `tracking_start`
// and stop with the one containing the final due date. The final occurrence's
// period_start is the day after the last report period before it ends, or
// `tracking_start` when there are no reports.
std::vector<DueOccurrence> DueOccurrences(const DeadlineSpec& spec, const WorkingCalendar& calendar,
                                          CivilDate tracking_start, CivilDate from, CivilDate to);

// What an agency in `role` owes for `occurrence`: the occurrence's due date for leads and
// responsible agencies, spec.participant_lead_days working days earlier for participants.
CivilDate DueFor(Role role, const DueOccurrence& occurrence, const DeadlineSpec& spec,
                 const WorkingCalendar& calendar);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_DEADLINE_H_
