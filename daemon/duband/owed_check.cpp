#include "daemon/duband/owed_check.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "workflow/evaluator.h"

namespace duban {
namespace {

// Why `row` is not owed although its task is active: the agency's latest report since the
// action was decided, if any; otherwise the schedule itself changed.
std::string NotOwedReason(const OutboxRow& row, const TrackedTask& task) {
  const Feedback* latest = nullptr;
  for (const Feedback& feedback : task.feedback) {
    if (feedback.agency == row.action.agency && feedback.at >= row.created_at) latest = &feedback;
  }
  if (latest != nullptr) {
    return row.action.agency + " reported (feedback " + std::to_string(latest->id) + ")";
  }
  return "no longer due: the deadline or the rules changed";
}

}  // namespace

std::vector<std::optional<std::string>> CheckStillOwed(const std::vector<OutboxRow>& rows,
                                                       const TrackingModel& model) {
  std::vector<std::optional<std::string>> verdicts(rows.size());
  // Rows by task, so each task is evaluated once over the span of its rows' instants.
  std::map<std::string_view, std::vector<std::size_t>> by_task;
  for (std::size_t i = 0; i < rows.size(); ++i) by_task[rows[i].action.task_ref].push_back(i);

  for (const auto& [ref, indexes] : by_task) {
    const TrackedTask* task = model.FindTask(ref);
    if (task == nullptr) {
      for (std::size_t i : indexes) verdicts[i] = "task " + std::string(ref) + " is no longer tracked";
      continue;
    }
    if (task->state != TaskState::kActive) {
      for (std::size_t i : indexes) {
        verdicts[i] = "task " + std::string(ref) + " is " + std::string(TaskStateName(task->state));
      }
      continue;
    }
    int64_t first = rows[indexes.front()].action.at;
    int64_t last = first;
    for (std::size_t i : indexes) {
      first = std::min(first, rows[i].action.at);
      last = std::max(last, rows[i].action.at);
    }
    std::set<std::string> owed;
    for (Action& action : ActionsBetween({*task}, model.context(), first - 1, last)) {
      owed.insert(std::move(action.key));
    }
    for (std::size_t i : indexes) {
      if (!owed.contains(rows[i].action.key)) verdicts[i] = NotOwedReason(rows[i], *task);
    }
  }
  return verdicts;
}

}  // namespace duban
