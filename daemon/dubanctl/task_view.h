// How tasks read in dubanctl's tables and detail views: the confidence mark, agency
// lists, the one-line preview and the full "dubanctl task" view. Pure; thread-safe.
#ifndef DUBAN_DAEMON_DUBANCTL_TASK_VIEW_H_
#define DUBAN_DAEMON_DUBANCTL_TASK_VIEW_H_

#include <string>
#include <vector>

#include "daemon/dubanctl/output.h"
#include "workflow/plan.h"
#include "workflow/store.h"

namespace duban::ctl {

// "certain", "probable", "? doubtful" (the mark makes doubtful rows stand out).
std::string ConfidenceLabel(Confidence confidence);

// The task's agencies in `role`, joined with "、"; "" if none.
std::string AgencyCell(const Task& task, Role role);

// The task's text on one line, for a preview column (the table cuts it to width).
std::string TextPreview(const Task& task);

// Every detail of a stored task, wrapped to `width` columns: ref, section, label, line,
// state, then `after_state` (the light and why, for a tracked task), confidence, text,
// agencies by role (牵头/参加/负责), officials, due, doubts, times.
std::string RenderTaskDetails(const TaskRecord& record, int width,
                              const std::vector<Field>& after_state = {});

}  // namespace duban::ctl

#endif  // DUBAN_DAEMON_DUBANCTL_TASK_VIEW_H_
