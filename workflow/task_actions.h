// The actions of one task: its agencies (each once, in its first role: leads, then
// participants, then responsible agencies, as Task::AllAgencies) against the task's
// occurrence schedule and each agency's feedback. The evaluator and the Agenda both use
// these two functions, so their results agree by construction: NextTaskActionTime(t) is
// the earliest `at` that AppendTaskActions would give for (t, ∞).
//
// Action keys are "<ref>|<agency>|<role>|<occurrence>|<step>|<repeat>" with step
// "remind-<offset>" or the escalation step's name: unique as long as refs and agency
// names hold no '|' and step names are unique and do not start with "remind-" (config
// checks both).
//
// Not thread-safe (the schedule fills lazily).
#ifndef DUBAN_WORKFLOW_TASK_ACTIONS_H_
#define DUBAN_WORKFLOW_TASK_ACTIONS_H_

#include <cstdint>
#include <vector>

#include "workflow/evaluator.h"
#include "workflow/occurrence_actions.h"

namespace duban {

// One agency of a task in its role.
struct AgencyRole {
  const std::string* agency;  // points into the task
  Role role;
};
// The task's agencies, each once in its first role: leads, participants, responsible.
std::vector<AgencyRole> AgencyRoles(const Task& task);

// Appends every action of `task` with after < at <= until to `out`, unordered. Nothing
// unless the task is active. `schedule` must be the one of the task's deadline and
// tracking start.
void AppendTaskActions(const TrackedTask& task, OccurrenceSchedule& schedule, int64_t after,
                       int64_t until, std::vector<Action>* out);

// The earliest `at` > t of any action of `task`; kNever if none.
int64_t NextTaskActionTime(const TrackedTask& task, OccurrenceSchedule& schedule, int64_t t);

// Orders actions by (at, key), the evaluator's order.
void SortActions(std::vector<Action>* actions);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_ACTIONS_H_
