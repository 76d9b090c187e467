// AssessTrackedState: the 考核 Assessment (workflow/assessment.h) of what the daemon tracks
// now — the TrackingModel's tasks, calendar, zone and rules, plus from the store the plan's
// sections and when each completed task was completed. The one place report.assessment and
// a scheduled report both get their figures from, so they never disagree.
//
// Not thread-safe: call on the daemon's io_context thread (it reads the model). The store
// and model are only read.
#ifndef DUBAN_DAEMON_DUBAND_ASSESSMENT_SOURCE_H_
#define DUBAN_DAEMON_DUBAND_ASSESSMENT_SOURCE_H_

#include "daemon/duband/tracking_model.h"
#include "workflow/assessment.h"
#include "workflow/status.h"
#include "workflow/store.h"

namespace duban {

// Fails with the store's error, or Assess's invalid_argument (from > to, unknown section).
// A completed task's completion time is its record's updated_at (the state change sets it;
// a later re-import that edits the text of a completed task moves it, an accepted
// imprecision: it can only shorten what the task owed).
Result<Assessment> AssessTrackedState(Store& store, const TrackingModel& model,
                                      const AssessmentRequest& request);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_ASSESSMENT_SOURCE_H_
