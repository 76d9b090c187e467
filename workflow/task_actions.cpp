#include "workflow/task_actions.h"

#include <algorithm>

#include "workflow/action_text.h"

namespace duban {
namespace {

// Matches the track's reports into the schedule's scratch satisfaction; false (and
// nothing matched) if the agency never reported. Each report's local date is computed
// here, only for the agencies whose reports the evaluation needs.
bool MatchTrack(const TaskDigest& task, const Track& track, OccurrenceSchedule& schedule) {
  Satisfaction& satisfaction = schedule.scratch_satisfaction();
  satisfaction.Reset();
  if (track.report_count == 0) return false;
  auto lookup = [&](size_t i) -> std::optional<MatchableOccurrence> {
    const ScheduledOccurrence* scheduled = schedule.At(i);
    if (!scheduled) return std::nullopt;
    return MatchableOccurrence{scheduled->occurrence.period_start, scheduled->role(track.role).owed,
                               scheduled->occurrence.final};
  };
  const TimeZone& zone = schedule.compiled().zone();
  auto read = [&zone](const TrackReport& report) {
    return MatchableReport{report.at, zone.ToLocal(report.at).date, report.done};
  };
  MatchReports(task.reports_of(track), read, lookup, schedule.bounded(), &satisfaction);
  return true;
}

// Decides a track's actions, as PendingActions at the end of `out`.
class TrackEmitter {
 public:
  TrackEmitter(const TaskDigest& task, const Track& track, OccurrenceSchedule& schedule,
               std::vector<PendingAction>* out)
      : task_(task), track_(track), agency_(task.agency(track)), compiled_(schedule.compiled()),
        out_(out) {}

  // Actions of one occurrence with after < at <= limit.
  void Emit(const ScheduledOccurrence& scheduled, int64_t after, int64_t limit) {
    const RoleOccurrence& occurrence = scheduled.role(track_.role);
    const RoleRules& rules = compiled_.role(track_.role);
    for (const ReminderTime& reminder : occurrence.reminders) {
      if (reminder.at <= after) continue;
      if (reminder.at > limit) break;
      const MergedReminder& merged = rules.reminders[reminder.reminder];
      PendingAction& action = Add(scheduled, reminder.at, merged.step, 0);
      action.reminder = &merged;
    }
    for (const EscalationStart& start : occurrence.escalations) {
      const EscalationStep& step = compiled_.rules().escalation[start.step];
      for (auto sending = FirstSendingAfter(compiled_, start, after); sending && sending->at <= limit;
           sending = SendingAfter(compiled_, start, *sending)) {
        PendingAction& action = Add(scheduled, sending->at, step.name, sending->repeat);
        action.step = &step;
        action.late = compiled_.days().WorkingDaysBetween(occurrence.due, sending->day);
      }
    }
  }

 private:
  PendingAction& Add(const ScheduledOccurrence& scheduled, int64_t at, const std::string& step,
                     int repeat) {
    PendingAction& action = out_->emplace_back();
    action.at = at;
    action.key = ActionKey(task_.task->task.ref, agency_, track_.role, scheduled.occurrence.id, step,
                           repeat);
    action.task_ref = task_.task->task.ref;
    action.agency = agency_;
    action.role = track_.role;
    action.scheduled = &scheduled;
    action.repeat = repeat;
    return action;
  }

  const TaskDigest& task_;
  const Track& track_;
  const std::string_view agency_;  // interned (agency_names.h)
  const CompiledRules& compiled_;
  std::vector<PendingAction>* out_;
};

}  // namespace

void AppendTaskActions(const TaskDigest& task, OccurrenceSchedule& schedule, int64_t after,
                       int64_t until, std::vector<PendingAction>* out) {
  if (task.task->state != TaskState::kActive || until <= after) return;
  for (const Track& track : task.tracks) {
    // Cheap and common: no agency of the role has anything in the range.
    if (!schedule.HasOpenActionIn(track.role, after, until)) continue;
    MatchTrack(task, track, schedule);
    const Satisfaction& satisfaction = schedule.scratch_satisfaction();
    TrackEmitter emitter(task, track, schedule, out);
    for (size_t i = 0;; ++i) {
      const ScheduledOccurrence* scheduled = schedule.At(i);
      if (!scheduled) break;
      const RoleOccurrence& occurrence = scheduled->role(track.role);
      if (occurrence.bound > until) break;
      if (i >= satisfaction.matched_count() && satisfaction.done_at() <= after + 1) break;
      if (!occurrence.owed) continue;
      // A satisfied occurrence keeps only the actions before the report.
      const int64_t satisfied = satisfaction.At(i);
      const int64_t limit = satisfied == kNever ? until : std::min(until, satisfied - 1);
      // The open occurrence's first action after `after` (memoised, shared by every task
      // of the schedule) rules out most occurrences before any sending is computed.
      if (limit > after && schedule.NextActionAfter(i, track.role, after, kNever) <= limit) {
        emitter.Emit(*scheduled, after, limit);
      }
    }
  }
}

bool MayHaveActionsIn(const TaskOutline& task, OccurrenceSchedule& schedule, int64_t after,
                      int64_t until) {
  if (until <= after) return false;
  for (Role role : {Role::kLead, Role::kParticipant, Role::kResponsible}) {
    if (!task.agencies(role).empty() && schedule.HasOpenActionIn(role, after, until)) return true;
  }
  return false;
}

int64_t NextTaskActionTime(const TaskDigest& task, OccurrenceSchedule& schedule, int64_t t) {
  if (task.task->state != TaskState::kActive) return kNever;
  const CompiledRules& compiled = schedule.compiled();
  int64_t best = kNever;
  for (const Track& track : task.tracks) {
    if (!compiled.role(track.role).any()) continue;
    // An agency that reported has a subset of the open actions: its next is no earlier.
    const int64_t open_next = schedule.NextOpenActionAfter(track.role, t);
    if (open_next >= best) continue;
    if (!MatchTrack(task, track, schedule)) {
      best = open_next;
      continue;
    }
    const Satisfaction& satisfaction = schedule.scratch_satisfaction();
    for (size_t i = 0;; ++i) {
      const ScheduledOccurrence* scheduled = schedule.At(i);
      if (!scheduled) break;
      const RoleOccurrence& occurrence = scheduled->role(track.role);
      // Nothing of this occurrence or a later one comes before `best`, nor before a done
      // report (every satisfaction is at or before it).
      if (occurrence.bound >= std::min(best, satisfaction.done_at())) break;
      if (i >= satisfaction.matched_count() && satisfaction.done_at() <= t + 1) break;
      if (!occurrence.owed) continue;
      best = std::min(best, schedule.NextActionAfter(i, track.role, t, satisfaction.At(i)));
    }
  }
  return best;
}

}  // namespace duban
