// Assessment (考核): how each agency kept its reporting duties over a period — due
// occurrences, reported on time, late (and by how many working days), missing — with an
// on-time rate, a ranking and a per-section summary, computed from the tracked state.
//
// Definitions (docs/REPORTS.md says the same for the office):
// - An agency OWES an occurrence of a task when it has a role in the task (lead and
//   responsible count as 牵头, participants as 参加, each agency once in its first role),
//   the occurrence's due date FOR THAT AGENCY (participants: participant_lead_days working
//   days before the lead's, DueFor) is on or after the task's tracking_start, and, for a
//   task completed by the as-of moment, that due date is before the completion day.
// - DUE in the period: owed with its due date in [from, to] (local dates, inclusive).
// - The AS-OF moment is min(the end of `to` in local time, now). Feedback received after
//   it is ignored, so a report on a past period gives the same figures whenever it is run.
// - Which feedback satisfies which occurrence is the reminders' rule
//   (workflow/feedback_matching.h through OccurrenceStatuses).
// - ON TIME: satisfied by feedback received on or before the due date (local day), also
//   when that due date is still ahead. LATE: satisfied later, late by the working days in
//   (due, day received] of the WorkingCalendar (holidays skipped, 调休 make-up days
//   counted). MISSING: not satisfied and the due day ended before the as-of moment.
//   NOT YET DUE: not satisfied and the due day has not ended: not in the rate.
// - RATE: on_time / (on_time + late + missing); none ("—") when that sum is 0.
// - RANKING: rate descending, then fewer missing, then fewer late working days (total);
//   agencies equal on all three share a rank (1, 1, 3) and are listed by name (UTF-8 byte
//   order). Agencies without a rate are listed last, unranked (rank 0).
// - Suspended tasks are left out of every count and listed; removed tasks are not
//   tracked (TrackingModel drops them) and never appear.
// - TARGETS (指标): each confirmed target of an assessed task is read at the as-of moment
//   (ReadTargets, workflow/target_status.h: met, on track, behind, missing) and counted
//   for every agency that leads the task or is responsible for it (participants do not
//   answer for the number), once per section and once in the totals. Targets do NOT
//   change the ranking: the ranking judges the reporting duty every agency has, while
//   most tasks have no target, so mixing them would rank agencies on unequal terms; the
//   counts stand beside the rate for the office to read.
//
// Pure: no I/O, no clock (`now` is an input). Thread-safe.
#ifndef DUBAN_WORKFLOW_ASSESSMENT_H_
#define DUBAN_WORKFLOW_ASSESSMENT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "workflow/civil_date.h"
#include "workflow/evaluator.h"
#include "workflow/plan.h"
#include "workflow/status.h"
#include "workflow/tracking.h"
#include "workflow/traffic_light.h"

namespace duban {

struct AssessmentRequest {
  CivilDate from;       // first day of the period (local)
  CivilDate to;         // last day, inclusive; from <= to
  int64_t now = 0;      // UTC seconds
  std::string section;  // Section::number to assess only that section; "" = whole plan
};

// What an assessment reads. The vectors and the context must outlive the call only.
struct AssessmentInput {
  const std::vector<TrackedTask>& tasks;  // tracked tasks (removed ones are ignored)
  const std::vector<Section>& sections;   // the plan's sections, in plan order
  EvaluationContext context;              // calendar, zone, rules (for the light)
  // UTC seconds at which each completed task was completed (TaskRecord::updated_at of a
  // completed task), by ref. A completed task missing here owes everything in the period.
  const std::map<std::string, int64_t, std::less<>>& completed_at;
};

// The counts one agency, one section or the whole plan is judged on.
struct AssessmentCounts {
  int due = 0;                    // owed occurrences due in the period
  int on_time = 0;
  int late = 0;
  int late_working_days = 0;      // sum over the late ones
  int max_late_working_days = 0;  // the worst one
  int missing = 0;
  int not_yet_due = 0;            // due in the period after the as-of moment, still open
  // on_time / (on_time + late + missing); nullopt when that is 0.
  std::optional<double> rate() const;
  int assessed() const { return on_time + late + missing; }
};

// How the confirmed targets of the assessed tasks stand at the as-of moment.
struct TargetCounts {
  int total = 0;
  int met = 0;
  int on_track = 0;
  int behind = 0;
  int missing = 0;  // no value reported in the target's period

  bool operator==(const TargetCounts&) const = default;
};

struct AgencyAssessment {
  std::string agency;
  int lead_tasks = 0;         // assessed tasks where it is 牵头 or 负责
  int participant_tasks = 0;  // assessed tasks where it is 参加 only
  AssessmentCounts counts;
  int rank = 0;               // 1-based; 0 = unranked (no rate)
  Light light = Light::kNone;  // AgencyLight at `now`
  TargetCounts targets;        // of the tasks it leads or is responsible for; not ranked
};

struct SectionAssessment {
  std::string number;  // Section::number; "" for tasks outside any section
  std::string title;   // "一、加强规划指导" (label + title); "未分节" for ""
  int tasks = 0;       // assessed tasks of the section
  AssessmentCounts counts;
  TargetCounts targets;  // each target once
};

// One late or missing occurrence, for the 通报's list of names.
struct AssessmentFinding {
  enum class Outcome { kLate, kMissing };
  std::string task_ref;
  std::string agency;
  Role role = Role::kLead;
  std::string occurrence;  // DueOccurrence::id: "2026-Q1", "final"
  CivilDate due;           // the agency's due date
  Outcome outcome = Outcome::kMissing;
  std::optional<CivilDate> reported;  // local day of the satisfying feedback (late only)
  int late_working_days = 0;
};

struct SuspendedTask {
  std::string ref;
  std::string section;
  std::vector<std::string> agencies;  // Task::AllAgencies
};

struct Assessment {
  CivilDate from;
  CivilDate to;
  int64_t now = 0;
  int64_t as_of = 0;         // UTC seconds: min(end of `to`, now)
  std::string as_of_local;   // "2026-04-01 00:00" in the office's zone, for titles
  std::string section;       // the request's section filter ("" = whole plan)
  std::vector<AgencyAssessment> agencies;  // in ranking order (unranked last, by name)
  std::vector<SectionAssessment> sections;  // plan order; sections without tasks omitted
  AssessmentCounts totals;
  TargetCounts target_totals;               // each target once
  int tasks = 0;                            // assessed tasks
  std::vector<AssessmentFinding> findings;  // late and missing, by agency rank then due
  std::vector<SuspendedTask> suspended;     // left out of the counts
};

// The assessment of `input` over `request`. InvalidArgument when from > to or the section
// is not one of `input.sections`.
Result<Assessment> Assess(const AssessmentInput& input, const AssessmentRequest& request);

// Ranks `agencies` in place by the rule above (sorts them and sets `rank`). Exposed so
// the tie rule can be tested on its own.
void RankAgencies(std::vector<AgencyAssessment>* agencies);

// A rate as renderers show it: "85.7%" (one decimal), "—" when there is none.
std::string FormatRate(const std::optional<double>& rate);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_ASSESSMENT_H_
