#include "daemon/duband/scheduler.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "daemon/plan_json.h"

namespace duban {

Result<int64_t> Scheduler::StartCursor(Store& store, int64_t now) {
  Result<std::optional<int64_t>> mark = store.EvaluatedUntil();
  if (!mark.ok()) return mark.status();
  if (!mark->has_value()) {
    spdlog::info("scheduler: first start; deciding from now on, not the plan's history");
    return now;
  }
  return **mark;
}

Scheduler::Scheduler(Store& store, TrackingModel& model) : store_(store), model_(model) {}

Result<WakeReport> Scheduler::Wake(int64_t now) {
  WakeReport report;
  report.now = now;
  Agenda& agenda = model_.agenda();
  const int64_t cursor = agenda.cursor();
  if (now < cursor) {
    // The wall clock went back: what lies in (now, cursor] is decided already. Wait for
    // the clock to catch up rather than deciding anything twice.
    spdlog::warn("scheduler: the clock reads {} but actions are decided up to {}; waiting",
                 now, cursor);
    report.next_wake = NextWake(now);
    return report;
  }
  std::vector<Action> due = agenda.TakeDue(now);
  std::vector<Action> skipped;
  std::vector<Action> decided = ApplyCatchUp(std::move(due), model_.config().rules, now, &skipped);
  report.due = static_cast<int>(decided.size() + skipped.size());
  Result<int> recorded = store_.RecordDecisions(decided, skipped, now, now);
  if (!recorded.ok()) {
    if (Status rewound = model_.Rewind(cursor); !rewound.ok()) {
      spdlog::error("scheduler: cannot rewind after a failed wake: {}", rewound.message());
    }
    return recorded.status();
  }
  evaluated_until_ = now;
  report.decided = static_cast<int>(decided.size());
  report.skipped = static_cast<int>(skipped.size());
  report.new_rows = *recorded;
  WarnOutsideCalendar(decided);
  for (const Action& action : decided) {
    spdlog::debug("decided {} ({}, {}): {}", action.key, LevelName(action.level),
                  FormatLocalTime(action.at, *model_.config().zone), action.reason);
  }
  for (const Action& action : skipped) {
    spdlog::debug("skipped by catch-up ({}): {}", CatchUpName(model_.config().rules.catch_up),
                  action.key);
  }
  report.next_wake = NextWake(now);
  auto log_level = report.due > 0 ? spdlog::level::info : spdlog::level::debug;
  spdlog::log(log_level, "wake at {}: {} due, {} decided, {} skipped (catch-up), {} new; next wake {}",
              FormatLocalTime(now, *model_.config().zone), report.due, report.decided,
              report.skipped, report.new_rows,
              FormatLocalTime(report.next_wake, *model_.config().zone));
  return report;
}

int64_t Scheduler::NextWake(int64_t now) const {
  const Agenda& agenda = model_.agenda();
  const int64_t limit = now + std::max(1, model_.config().max_sleep_seconds);
  const int64_t horizon = std::max<int64_t>(1, limit - agenda.cursor());
  std::optional<int64_t> next = agenda.NextTime(horizon);
  next_wake_ = next ? std::min(*next, limit) : limit;
  if (extra_wake_) {
    if (std::optional<int64_t> extra = extra_wake_(now)) next_wake_ = std::min(*next_wake_, *extra);
  }
  return *next_wake_;
}

void Scheduler::WarnOutsideCalendar(const std::vector<Action>& actions) {
  for (const Action& action : actions) {
    WarnOutsideCalendar(action.due, "a due date");
    WarnOutsideCalendar(model_.config().zone->ToLocal(action.at).date, "an action date");
  }
}

void Scheduler::WarnOutsideCalendar(CivilDate day, const char* what) {
  if (model_.config().calendar.Covers(day)) return;
  if (!warned_years_.insert(YearOf(day)).second) return;
  spdlog::warn("calendar: {} ({}) is in {}, a year whose holidays and make-up days are not in "
               "[calendar]; working days in {} are counted by weekends only. Enter the State "
               "Council's holiday notice for {}.",
               what, FormatCivilDate(day), YearOf(day), YearOf(day), YearOf(day));
}

}  // namespace duban
