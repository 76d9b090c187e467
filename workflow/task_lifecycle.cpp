#include "workflow/task_lifecycle.h"

#include <array>
#include <string>

namespace duban {
namespace {

constexpr std::array<LifecycleTransition, 4> kTransitions = {{
    {LifecycleCommand::kSuspend, TaskState::kActive, TaskState::kSuspended, true},
    {LifecycleCommand::kResume, TaskState::kSuspended, TaskState::kActive, false},
    {LifecycleCommand::kComplete, TaskState::kActive, TaskState::kCompleted, false},
    {LifecycleCommand::kReopen, TaskState::kCompleted, TaskState::kActive, true},
}};

constexpr std::array<std::string_view, 4> kCommandNames = {"suspend", "resume", "complete",
                                                           "reopen"};

const LifecycleTransition& RowOf(LifecycleCommand command) {
  return kTransitions[static_cast<size_t>(command)];
}

// "an active task", "a suspended task".
std::string TaskIn(TaskState state) {
  std::string_view name = TaskStateName(state);
  return std::string(name.front() == 'a' ? "an " : "a ") + std::string(name) + " task";
}

bool IsBlankByte(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view TrimAscii(std::string_view text) {
  while (!text.empty() && IsBlankByte(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlankByte(text.back())) text.remove_suffix(1);
  return text;
}

// What to do instead of `command` on a task in `from`, when there is a clear answer.
std::string Hint(TaskState from, LifecycleCommand command) {
  if (from == TaskState::kRemoved) {
    return "it was dropped from the plan by a re-import; only a re-import that lists it "
           "again brings it back";
  }
  switch (command) {
    case LifecycleCommand::kComplete:
      if (from == TaskState::kSuspended) return "resume it first";
      return "it is completed already";
    case LifecycleCommand::kSuspend:
      if (from == TaskState::kSuspended) return "it is suspended already";
      return "reopen it first";
    case LifecycleCommand::kResume:
      if (from == TaskState::kCompleted) return "a completed task is reopened, with a reason";
      return "it is not suspended";
    case LifecycleCommand::kReopen:
      if (from == TaskState::kSuspended) return "a suspended task is resumed";
      return "only a completed task is reopened";
  }
  return "";
}

}  // namespace

std::string_view LifecycleCommandName(LifecycleCommand command) {
  return kCommandNames[static_cast<size_t>(command)];
}

std::optional<LifecycleCommand> ParseLifecycleCommand(std::string_view name) {
  for (size_t i = 0; i < kCommandNames.size(); ++i) {
    if (kCommandNames[i] == name) return static_cast<LifecycleCommand>(i);
  }
  return std::nullopt;
}

std::span<const LifecycleTransition> LifecycleTransitions() { return kTransitions; }

Result<TaskState> CheckTransition(TaskState from, LifecycleCommand command,
                                  std::string_view reason) {
  const LifecycleTransition& row = RowOf(command);
  const std::string name(LifecycleCommandName(command));
  if (row.from != from) {
    return Status::FailedPrecondition("cannot " + name + " " + TaskIn(from) + " (" + name +
                                      " needs " + TaskIn(row.from) + "): " +
                                      Hint(from, command));
  }
  reason = TrimAscii(reason);
  if (row.reason_required && reason.empty()) {
    return Status::InvalidArgument(name + " needs a reason: say why the task is " +
                                   (command == LifecycleCommand::kReopen
                                        ? std::string("open again")
                                        : std::string(TaskStateName(row.to))) +
                                   " (it is kept in the audit log)");
  }
  if (reason.size() > kMaxReasonBytes) {
    return Status::InvalidArgument("the reason is " + std::to_string(reason.size()) +
                                   " bytes long; at most " + std::to_string(kMaxReasonBytes));
  }
  return row.to;
}

std::optional<LifecycleCommand> CommandBetween(TaskState from, TaskState to) {
  for (const LifecycleTransition& row : kTransitions) {
    if (row.from == from && row.to == to) return row.command;
  }
  return std::nullopt;
}

}  // namespace duban
