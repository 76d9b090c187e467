// The evaluator's one-shot functions: every action in a range and the next action time,
// over a whole plan. Each call compiles the rules and a working-day table once and shares
// one occurrence schedule among the tasks with the same deadline (occurrence_actions.h);
// the per-task work is in task_actions.cpp, which the Agenda uses too.
#include "workflow/evaluator.h"

#include <algorithm>

#include "workflow/occurrence_actions.h"
#include "workflow/task_actions.h"

namespace duban {

std::vector<Action> ActionsBetween(const std::vector<TrackedTask>& tasks,
                                   const EvaluationContext& context, int64_t after,
                                   int64_t until) {
  std::vector<Action> actions;
  if (until <= after) return actions;
  const CompiledRules compiled(context, CompiledRules::TableFirst(context.zone, after),
                               CompiledRules::TableLast(context.zone, after, until));
  ScheduleCache schedules(compiled);
  for (const TrackedTask& task : tasks) {
    if (task.state != TaskState::kActive) continue;
    AppendTaskActions(task, schedules.Get(task.deadline, task.tracking_start), after, until, &actions);
  }
  SortActions(&actions);
  return actions;
}

std::optional<int64_t> NextActionTime(const std::vector<TrackedTask>& tasks,
                                      const EvaluationContext& context, int64_t after,
                                      int64_t horizon_seconds) {
  if (horizon_seconds <= 0) return std::nullopt;
  const int64_t until = kNever - after > horizon_seconds ? after + horizon_seconds : kNever;
  const CompiledRules compiled(context, CompiledRules::TableFirst(context.zone, after),
                               CompiledRules::TableLast(context.zone, after, until));
  ScheduleCache schedules(compiled);
  int64_t best = kNever;
  for (const TrackedTask& task : tasks) {
    if (task.state != TaskState::kActive) continue;
    best = std::min(best, NextTaskActionTime(task, schedules.Get(task.deadline, task.tracking_start), after));
  }
  if (best == kNever || best > until) return std::nullopt;
  return best;
}

}  // namespace duban
