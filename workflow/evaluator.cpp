// The evaluator's one-shot functions: every action in a range and the next action time,
// over a whole plan. Each call compiles the rules and a working-day table once and shares
// one occurrence schedule among the tasks with the same deadline (occurrence_actions.h);
// the per-task work is in task_actions.cpp, on digests (task_digest.h) built one task at a
// time, as the Agenda builds its own.
#include "workflow/evaluator.h"

#include <algorithm>

#include "workflow/occurrence_actions.h"
#include "workflow/task_actions.h"

namespace duban {

std::vector<Action> ActionsBetween(const std::vector<TrackedTask>& tasks,
                                   const EvaluationContext& context, int64_t after,
                                   int64_t until) {
  if (until <= after) return {};
  const CompiledRules compiled(context, CompiledRules::TableFirst(context.zone, after),
                               CompiledRules::TableLast(context.zone, after, until));
  ScheduleCache schedules(compiled);
  TaskDigester digester;
  std::vector<PendingAction> pending;
  for (const TrackedTask& task : tasks) {
    if (task.state != TaskState::kActive) continue;
    OccurrenceSchedule& schedule = schedules.Get(task.deadline, task.tracking_start);
    // Most tasks have nothing in a short range: skip reading their feedback.
    if (!MayHaveActionsIn(task.task, schedule, after, until)) continue;
    AppendTaskActions(digester.Digest(task), schedule, after, until, &pending);
  }
  return BuildActions(&pending);
}

std::optional<int64_t> NextActionTime(const std::vector<TrackedTask>& tasks,
                                      const EvaluationContext& context, int64_t after,
                                      int64_t horizon_seconds) {
  if (horizon_seconds <= 0) return std::nullopt;
  const int64_t until = kNever - after > horizon_seconds ? after + horizon_seconds : kNever;
  const CompiledRules compiled(context, CompiledRules::TableFirst(context.zone, after),
                               CompiledRules::TableLast(context.zone, after, until));
  ScheduleCache schedules(compiled);
  TaskDigester digester;
  int64_t best = kNever;
  for (const TrackedTask& task : tasks) {
    if (task.state != TaskState::kActive) continue;
    OccurrenceSchedule& schedule = schedules.Get(task.deadline, task.tracking_start);
    best = std::min(best, NextTaskActionTime(digester.Digest(task), schedule, after));
  }
  if (best == kNever || best > until) return std::nullopt;
  return best;
}

}  // namespace duban
