// What the evaluator knows of a task: its lifecycle state, its resolved deadline, and the
// feedback (办理反馈) each agency has given. Plain values, assembled by the daemon from the
// store and config.
#ifndef DUBAN_WORKFLOW_TRACKING_H_
#define DUBAN_WORKFLOW_TRACKING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/deadline.h"
#include "workflow/plan.h"
#include "workflow/target.h"
#include "workflow/task_outline.h"

namespace duban {

// Lifecycle of a tracked task. Only kActive tasks get reminders and escalations.
enum class TaskState {
  kActive,
  kSuspended,  // paused with a reason (e.g. waiting on the State Council); resume to continue
  kCompleted,  // 办结: closed
  kRemoved,    // dropped by a re-import; kept for history
};
std::string_view TaskStateName(TaskState state);  // "active", "suspended", "completed", "removed"
std::optional<TaskState> ParseTaskState(std::string_view name);

// An agency's progress report on a task.
struct Feedback {
  int64_t id = 0;
  std::string task_ref;
  std::string agency;  // canonical name
  int64_t at = 0;      // UTC seconds when it was received (may be before it was entered)
  int64_t recorded_at = 0;  // UTC seconds when it was entered into duban (set by the store)
  std::string actor;   // who recorded it
  std::string text;
  std::optional<int> percent;  // 0..100
  bool done = false;           // the agency reports its part finished
  // References to attached documents: file paths or http(s) URLs (feedback_input.h),
  // kept as given, never fetched.
  std::vector<std::string> attachments;
  // Values reported for the task's confirmed targets (workflow/target.h), by target name;
  // each name at most once.
  std::vector<ReportedValue> values;
};

struct TrackedTask {
  TaskOutline task;  // ref, section, agencies; the texts are in the store
  TaskState state = TaskState::kActive;
  DeadlineSpec deadline;        // resolved (ResolveDeadline)
  CivilDate tracking_start;     // local date the task entered the store: no occurrence before
  std::vector<Feedback> feedback;  // by time
  std::vector<Target> targets;     // confirmed targets only (workflow/target_status.h)
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TRACKING_H_
