// TrackingConfig: the parts of the running configuration that deadlines, reminders and
// escalation are computed from (time zone, working calendar, rules, deadline policy, the
// office's addresses, the scheduler's bounded sleep), built together from a Config so a
// reload can build the new one completely before swapping it in.
//
// Immutable after BuildTrackingConfig; const access is thread-safe. The object must stay
// at one address while an Agenda refers to it (EvaluationContext holds references), so it
// is handed around as a unique_ptr.
#ifndef DUBAN_DAEMON_DUBAND_TRACKING_CONFIG_H_
#define DUBAN_DAEMON_DUBAND_TRACKING_CONFIG_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "workflow/deadline.h"
#include "workflow/evaluator.h"
#include "workflow/rules.h"
#include "workflow/status.h"
#include "workflow/time_zone.h"
#include "workflow/working_calendar.h"

namespace duban {

struct TrackingConfig {
  std::unique_ptr<TimeZone> zone;
  WorkingCalendar calendar;
  Rules rules;
  DeadlinePolicy deadlines;
  OfficeConfig office;
  int max_sleep_seconds = 60;

  EvaluationContext context() const { return EvaluationContext{rules, calendar, *zone}; }
};

// Loads the time zone ([daemon] time_zone, from the tz database) and builds the calendar.
// Fails with every problem in one invalid_argument message ("daemon.time_zone: unknown time
// zone ...", "calendar: make-up day ... falls inside holiday ...") and builds nothing.
Result<std::unique_ptr<TrackingConfig>> BuildTrackingConfig(const Config& config);

// A TrackingConfig from parts, for tests (no tz database needed).
std::unique_ptr<TrackingConfig> MakeTrackingConfig(std::unique_ptr<TimeZone> zone,
                                                   const CalendarSpec& calendar, Rules rules,
                                                   DeadlinePolicy deadlines = {},
                                                   OfficeConfig office = {},
                                                   int max_sleep_seconds = 60);

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_TRACKING_CONFIG_H_
