// Scheduler: decides, at each wake, which actions have fallen due and records them in the
// outbox. The logic only; no Asio and no clock reads (the time of each wake is passed in),
// so tests drive it with explicit times. SchedulerTimer (scheduler_timer.h) is the Asio
// steady_timer that sleeps between wakes.
//
// A wake at `now`: the Agenda hands over every action in (cursor, now]; ApplyCatchUp keeps
// or skips those that are older than the grace period (after downtime: [rules] catch_up);
// Store::RecordDecisions writes decided and skipped rows and the evaluation mark `now` in
// one transaction. A key already in the outbox is left alone, so nothing is decided twice
// across restarts and reloads. If the store fails, the Agenda is rewound and the same
// actions are decided at the next wake.
//
// Where the cursor starts (StartCursor): at the store's evaluation mark; on the very first
// start (no mark) at `now`, so a freshly imported plan never floods the outbox with its
// history.
//
// The next wake is min(next action, the extra wake time if one is set — the periodic
// report's next send time —, now + max_sleep_seconds): the bounded sleep notices a jump of
// the wall clock, because every wake computes from the wall clock, not from how long it
// slept.
//
// Not thread-safe: the daemon's io_context thread only. Store and model must outlive it.
#ifndef DUBAN_DAEMON_DUBAND_SCHEDULER_H_
#define DUBAN_DAEMON_DUBAND_SCHEDULER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <set>

#include "daemon/duband/tracking_model.h"
#include "workflow/evaluator.h"
#include "workflow/status.h"
#include "workflow/store.h"

namespace duban {

struct WakeReport {
  int64_t now = 0;
  int due = 0;       // actions that fell due in (previous cursor, now]
  int decided = 0;   // put into the outbox as pending
  int skipped = 0;   // dropped by the catch-up policy, recorded as skipped
  int new_rows = 0;  // rows the outbox did not have yet
  int64_t next_wake = 0;
};

class Scheduler {
 public:
  // The Agenda's starting cursor: the store's evaluation mark, or `now` on a first start.
  static Result<int64_t> StartCursor(Store& store, int64_t now);

  // Something else that needs a wake at a time of its own (the periodic report): the
  // first such time after `now`, or nullopt.
  using ExtraWake = std::function<std::optional<int64_t>(int64_t now)>;

  Scheduler(Store& store, TrackingModel& model);

  // Decides what fell due up to `now` (see above) and returns what it did. On a store
  // failure the Status says so; nothing was recorded and the next wake retries.
  Result<WakeReport> Wake(int64_t now);

  // Sets the extra wake source (see above); empty = none.
  void SetExtraWake(ExtraWake extra_wake) { extra_wake_ = std::move(extra_wake); }

  // When to wake next, seen from `now`: the earliest action after the cursor, but no later
  // than now + max_sleep_seconds. May be <= now if something is already due.
  int64_t NextWake(int64_t now) const;

  // For `status`: the last evaluation mark written (nullopt before the first wake) and the
  // next wake computed by the last Wake or NextWake.
  std::optional<int64_t> evaluated_until() const { return evaluated_until_; }
  std::optional<int64_t> next_wake() const { return next_wake_; }

 private:
  void WarnOutsideCalendar(const std::vector<Action>& actions);
  void WarnOutsideCalendar(CivilDate day, const char* what);

  Store& store_;
  TrackingModel& model_;
  std::optional<int64_t> evaluated_until_;
  mutable std::optional<int64_t> next_wake_;
  std::set<int> warned_years_;  // years already warned about as outside the calendar
  ExtraWake extra_wake_;
};

}  // namespace duban

#endif  // DUBAN_DAEMON_DUBAND_SCHEDULER_H_
