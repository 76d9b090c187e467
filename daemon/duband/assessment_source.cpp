#include "daemon/duband/assessment_source.h"

#include <map>
#include <string>
#include <vector>

namespace duban {

Result<Assessment> AssessTrackedState(Store& store, const TrackingModel& model,
                                      const AssessmentRequest& request) {
  Result<Plan> plan = store.LoadPlan();
  if (!plan.ok()) return plan.status();
  TaskFilter completed_filter;
  completed_filter.state = std::string(TaskStateName(TaskState::kCompleted));
  Result<std::vector<TaskRecord>> completed = store.ListTasks(completed_filter);
  if (!completed.ok()) return completed.status();
  std::map<std::string, int64_t, std::less<>> completed_at;
  for (const TaskRecord& record : *completed) completed_at[record.task.ref] = record.updated_at;
  AssessmentInput input{model.tasks(), plan->sections, model.context(), completed_at};
  return Assess(input, request);
}

}  // namespace duban
