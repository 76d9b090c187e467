// The actions of one task: its agencies (each once, in its first role: leads, then
// participants, then responsible agencies, as Task::AllAgencies) against the task's
// occurrence schedule and each agency's feedback, read from the task's digest
// (task_digest.h). The evaluator and the Agenda both use these functions on digests built
// by the same TaskDigester, so their results agree by construction: NextTaskActionTime(t)
// is the earliest `at` that AppendTaskActions would give for (t, ∞).
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
#include "workflow/pending_action.h"
#include "workflow/task_digest.h"

namespace duban {

// Appends every action of the digest's task with after < at <= until to `out`,
// unordered, as PendingActions (BuildActions makes the Actions). Nothing unless the task
// is active. `schedule` must be the one of the task's deadline and tracking start.
void AppendTaskActions(const TaskDigest& task, OccurrenceSchedule& schedule, int64_t after,
                       int64_t until, std::vector<PendingAction>* out);

// False only if AppendTaskActions(task, schedule, after, until) would append nothing,
// decided from the schedule and which role lists are empty, without reading the task's
// agencies or feedback: one-shot evaluations skip most tasks' digests with it.
bool MayHaveActionsIn(const TaskOutline& task, OccurrenceSchedule& schedule, int64_t after,
                      int64_t until);

// The earliest `at` > t of any action of the digest's task; kNever if none.
int64_t NextTaskActionTime(const TaskDigest& task, OccurrenceSchedule& schedule, int64_t t);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_ACTIONS_H_
