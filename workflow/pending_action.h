// An action decided but not yet built: its time, key, task ref and agency, and pointers
// to what the rest of it is made from. The evaluator decides actions as these values,
// orders them, and only then builds each Action once, in order, into a vector of the
// exact size.
// Why: an Action is a dozen members and five heap blocks; building them as they were
// decided, then growing, sorting and moving them, was most of a wake's cost, and sorting
// them by key reached into every one of them.
//
// Plain values. A PendingAction points into the schedule and the compiled rules it was
// decided from, which must outlive it unchanged (schedules only grow, and their
// occurrences do not move).
#ifndef DUBAN_WORKFLOW_PENDING_ACTION_H_
#define DUBAN_WORKFLOW_PENDING_ACTION_H_

#include <cstdint>
#include <string>
#include <vector>

#include "workflow/evaluator.h"
#include "workflow/occurrence_actions.h"

namespace duban {

struct PendingAction {
  int64_t at = 0;
  // Action::key, task_ref and agency, copied while the task is in cache: the tasks of a
  // wake are scattered, and reading them again when building would miss again.
  std::string key;
  std::string task_ref;
  std::string agency;
  Role role = Role::kLead;
  const ScheduledOccurrence* scheduled = nullptr;
  // Exactly one of these: a reminder, or a sending of an escalation step.
  const MergedReminder* reminder = nullptr;
  const EscalationStep* step = nullptr;
  int repeat = 0;
  int late = 0;  // escalations: working days from the agency's due date to the sending
};

// The Actions of `pending`, ordered by (at, key). Moves the strings out of `pending`.
std::vector<Action> BuildActions(std::vector<PendingAction>* pending);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_PENDING_ACTION_H_
