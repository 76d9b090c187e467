// OwedCheck: is a decided action still owed when its time comes? Between deciding an
// action (the scheduler writes it to the outbox as pending) and queueing it as a message,
// an agency may report, the task may be completed or suspended, or its deadline changed.
// The answer re-runs the evaluator for the action's task over the action's instant with
// the task as it is now: the action is still owed exactly when the evaluator would decide
// it again (same key). So the rule is the evaluator's own, not a second copy of it.
//
// Not thread-safe (reads the model); the daemon's io_context thread only.
#ifndef DUBAN_DAEMON_DUBAND_OWED_CHECK_H_
#define DUBAN_DAEMON_DUBAND_OWED_CHECK_H_

#include <optional>
#include <string>
#include <vector>

#include "daemon/duband/tracking_model.h"
#include "workflow/store.h"

namespace duban {

// For each of `rows` (pending, in any order): nullopt if still owed, else why not, in
// English for the outbox's last_error ("task 22 is completed", "省发改委 reported on
// 2026-11-30 (feedback 7)", "no longer due: the deadline changed").
std::vector<std::optional<std::string>> CheckStillOwed(const std::vector<OutboxRow>& rows,
                                                       const TrackingModel& model);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_OWED_CHECK_H_
