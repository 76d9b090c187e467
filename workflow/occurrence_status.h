// OccurrenceStatuses: a task's due occurrences with, for each agency, what it owes and
// which feedback satisfied it, for `task.get` and the reply of `feedback.add`.
//
// Follows the evaluator's rule (workflow/evaluator.h): an agency's feedback satisfies its
// earliest unsatisfied occurrence whose period_start is on or before the feedback's local
// date; a feedback with done=true satisfies every remaining occurrence of that agency.
//
// Pure; thread-safe.
#ifndef DUBAN_WORKFLOW_OCCURRENCE_STATUS_H_
#define DUBAN_WORKFLOW_OCCURRENCE_STATUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "workflow/deadline.h"
#include "workflow/plan.h"
#include "workflow/time_zone.h"
#include "workflow/tracking.h"
#include "workflow/working_calendar.h"

namespace duban {

// One due occurrence of a task as `task.get` shows it: the occurrence, and for each agency
// of the task what it owes and whether a feedback satisfied it.
struct OccurrenceStatus {
  struct AgencyDue {
    std::string agency;
    Role role = Role::kLead;
    CivilDate due;
    std::optional<int64_t> satisfied_by;  // Feedback::id
  };
  DueOccurrence occurrence;
  std::vector<AgencyDue> agencies;
};

// Every occurrence of `task` due from its tracking start up to `until` (and far enough to
// place every feedback it has), in due order, with each agency's due date and satisfaction.
std::vector<OccurrenceStatus> OccurrenceStatuses(const TrackedTask& task,
                                                 const WorkingCalendar& calendar,
                                                 const TimeZone& zone, CivilDate until);

// What `task.get` shows: the past occurrences some agency has not satisfied, then the next
// `upcoming` due on or after `today`.
std::vector<OccurrenceStatus> CurrentOccurrences(const TrackedTask& task,
                                                 const WorkingCalendar& calendar,
                                                 const TimeZone& zone, CivilDate today,
                                                 int upcoming = 3);

// The occurrence id that feedback `feedback_id` satisfied, nullopt if none (a feedback
// given when everything due was already satisfied).
std::optional<std::string> SatisfiedOccurrence(const std::vector<OccurrenceStatus>& statuses,
                                               int64_t feedback_id);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_OCCURRENCE_STATUS_H_
