// The lifecycle of a tracked task as one table: which command takes a task from which
// state to which, and whether it needs a reason. Every place that changes a task's state
// (the daemon's task.suspend/resume/complete/reopen, the store's SetTaskState) asks this
// table, so the rules live here and nowhere else.
//
//            suspend (reason required)            complete
//   active ─────────────────────────▶ suspended   active ─────────▶ completed
//   active ◀───────────────────────── suspended   active ◀───────── completed
//            resume                                reopen (reason required)
//
// `removed` is entered and left only by a plan re-import (a task dropped from the plan, or
// listed again): no command starts or ends there. A suspended task is not completed
// directly: it is resumed first, so its history shows why it went on before it closed.
//
// Pure functions over constant data; thread-safe.
#ifndef DUBAN_WORKFLOW_TASK_LIFECYCLE_H_
#define DUBAN_WORKFLOW_TASK_LIFECYCLE_H_

#include <optional>
#include <span>
#include <string_view>

#include "workflow/status.h"
#include "workflow/tracking.h"

namespace duban {

enum class LifecycleCommand { kSuspend, kResume, kComplete, kReopen };

// "suspend", "resume", "complete", "reopen".
std::string_view LifecycleCommandName(LifecycleCommand command);
std::optional<LifecycleCommand> ParseLifecycleCommand(std::string_view name);

// The longest reason accepted, in bytes (a reason is a sentence, not a document).
inline constexpr size_t kMaxReasonBytes = 1000;

struct LifecycleTransition {
  LifecycleCommand command;
  TaskState from;
  TaskState to;
  bool reason_required;
};

// The whole table, one row per command.
std::span<const LifecycleTransition> LifecycleTransitions();

// The state `command` takes a task in state `from` to, given `reason` (blanks around it do
// not count). kFailedPrecondition when the command does not apply to `from`, with a message
// naming the state and what to do instead ("cannot complete a suspended task; resume it
// first"); kInvalidArgument when a required reason is empty or a reason is too long.
Result<TaskState> CheckTransition(TaskState from, LifecycleCommand command,
                                  std::string_view reason);

// The command that takes a task from `from` to `to`; nullopt if none does (e.g. suspended →
// completed, or anything into or out of removed).
std::optional<LifecycleCommand> CommandBetween(TaskState from, TaskState to);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_LIFECYCLE_H_
