// The evaluator: for any moment, which agency must be reminded, urged or escalated about
// which task, and why. Pure: (tasks, rules, calendar, zone, time range) → actions. It reads
// no clock and does no I/O, so any day can be previewed (`dubanctl simulate`) and tested.
//
// Semantics:
//  - Each agency of an active task owes every DueOccurrence of the task's deadline by
//    DueFor(role, …). Reminders go out `offset` working days before that date, escalation
//    steps `delay_working_days` after it (then every `repeat_every_working_days`), all at
//    rules.send.send_minute local time on working days.
//  - Feedback from the agency satisfies its earliest unsatisfied occurrence whose
//    period_start is on or before the feedback's local date; a satisfied occurrence gets no
//    action at or after the feedback's time. Feedback with done=true satisfies every
//    remaining occurrence of that agency.
//  - Suspended, completed and removed tasks get no actions.
//  - Every action has a deterministic key from (task, agency, role, occurrence, step,
//    repeat), unique across the whole life of the plan, so storing it under a unique key
//    decides it exactly once across restarts and reloads.
#ifndef DUBAN_WORKFLOW_EVALUATOR_H_
#define DUBAN_WORKFLOW_EVALUATOR_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include "workflow/rules.h"
#include "workflow/time_zone.h"
#include "workflow/tracking.h"
#include "workflow/working_calendar.h"

namespace duban {

struct Action {
  std::string key;       // "22|省发改委|lead|2026-Q3|remind-3|0"
  std::string task_ref;
  std::string agency;
  Role role = Role::kLead;
  std::string occurrence;  // DueOccurrence::id
  CivilDate due;           // the agency's due date for that occurrence
  Level level = Level::kRemind;
  std::string step;  // "remind-10", "remind-3", or the escalation step's name
  int repeat = 0;    // 0 for the first sending of a step, then 1, 2 ...
  std::vector<Recipient> recipients;
  std::vector<Channel> channels;
  int64_t at = 0;      // UTC seconds when it is due to go out
  std::string reason;  // English: "3 working days before the 2026-Q3 report due 2026-10-12"
};

struct EvaluationContext {
  const Rules& rules;
  const WorkingCalendar& calendar;
  const TimeZone& zone;
};

// Every action with `after` < at <= `until`, ordered by (at, key).
std::vector<Action> ActionsBetween(const std::vector<TrackedTask>& tasks,
                                   const EvaluationContext& context, int64_t after,
                                   int64_t until);

// The earliest `at` > `after` of any action, for the wake-up timer; nullopt if none within
// `horizon_seconds` after `after`.
std::optional<int64_t> NextActionTime(const std::vector<TrackedTask>& tasks,
                                      const EvaluationContext& context, int64_t after,
                                      int64_t horizon_seconds);

// After downtime: `due` holds the actions that fell due while nobody was deciding. Those
// with at < now - rules.catch_up_grace_seconds were missed; the policy decides which of
// them to keep (kLatestOnly: per task, agency, role and occurrence, only the one latest
// in the ladder). Actions within the grace period are always kept. Order is preserved.
// `skipped`, if given, receives the dropped actions.
std::vector<Action> ApplyCatchUp(std::vector<Action> due, const Rules& rules, int64_t now,
                                 std::vector<Action>* skipped = nullptr);

// The evaluator in incremental form, for the daemon's wake-ups: keeps every task's next
// action time in a priority queue so that a wake costs in proportion to the actions due
// and the tasks that changed, not to the plan's size. Results are exactly those of
// ActionsBetween over the same tasks (tests check this).
//
// Not thread-safe. `context` must outlive the Agenda; a config reload builds a new one.
class Agenda {
 public:
  // Starts with `tasks`; the cursor is `after` (actions at or before it are past).
  Agenda(const EvaluationContext& context, std::vector<TrackedTask> tasks, int64_t after);
  ~Agenda();

  // Replaces the task with the same ref (or adds it): after feedback, a state change, a
  // new deadline or a re-import. Its actions after the cursor are recomputed.
  void Update(TrackedTask task);
  void Remove(std::string_view ref);

  // Earliest action time after the cursor; nullopt if none within `horizon_seconds`.
  std::optional<int64_t> NextTime(int64_t horizon_seconds) const;

  // Every action with cursor < at <= until, ordered by (at, key); the cursor moves to
  // `until`. REQUIRES: until >= cursor().
  std::vector<Action> TakeDue(int64_t until);

  int64_t cursor() const;
  const std::vector<TrackedTask>& tasks() const;
  const TrackedTask* FindTask(std::string_view ref) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_EVALUATOR_H_
