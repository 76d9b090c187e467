#include "workflow/task_actions.h"

#include <algorithm>

#include "workflow/action_text.h"

namespace duban {
namespace {

constexpr std::array<Role, 3> kRoles = {Role::kLead, Role::kParticipant, Role::kResponsible};

// One agency of the task in its role.
struct Track {
  const std::string* agency;
  Role role;
};

// Calls `visit(track)` for each agency once, in its first role.
template <typename Visit>
void ForEachTrack(const Task& task, Visit&& visit) {
  for (size_t r = 0; r < kRoles.size(); ++r) {
    for (const std::string& agency : task.agencies(kRoles[r])) {
      bool seen = false;
      for (size_t earlier = 0; earlier <= r && !seen; ++earlier) {
        const auto& list = task.agencies(kRoles[earlier]);
        // In its own list, only the entries before this one count.
        auto end = earlier == r ? list.begin() + (&agency - list.data()) : list.end();
        seen = std::any_of(list.begin(), end,
                           [&agency](const std::string& other) { return SameName(other, agency); });
      }
      if (!seen) visit(Track{&agency, kRoles[r]});
    }
  }
}

// Matches the track's feedback into the schedule's scratch satisfaction; false (and
// nothing matched) if the agency never reported.
bool MatchTrack(const TrackedTask& task, const Track& track, OccurrenceSchedule& schedule) {
  Satisfaction& satisfaction = schedule.scratch_satisfaction();
  satisfaction.Reset();
  if (task.feedback.empty()) return false;
  std::vector<const Feedback*>& reports = schedule.scratch_reports();
  CollectFeedback(task.feedback, *track.agency, &reports);
  if (reports.empty()) return false;
  auto lookup = [&](size_t i) -> std::optional<MatchableOccurrence> {
    const ScheduledOccurrence* scheduled = schedule.At(i);
    if (!scheduled) return std::nullopt;
    return MatchableOccurrence{scheduled->occurrence.period_start, scheduled->role(track.role).owed,
                               scheduled->occurrence.final};
  };
  MatchFeedback(reports, schedule.compiled().zone(), lookup, schedule.bounded(), &satisfaction);
  return true;
}

// Fills everything of `action` but the step's own fields.
Action BaseAction(const TrackedTask& task, const Track& track, const ScheduledOccurrence& scheduled) {
  Action action;
  action.task_ref = task.task.ref;
  action.agency = *track.agency;
  action.role = track.role;
  action.occurrence = scheduled.occurrence.id;
  action.due = scheduled.role(track.role).due;
  return action;
}

// The key from the action's identity fields (task_actions.h).
void FinishKey(Action* action) {
  action->key = ActionKey(action->task_ref, action->agency, action->role, action->occurrence,
                          action->step, action->repeat);
}

class TrackEmitter {
 public:
  TrackEmitter(const TrackedTask& task, const Track& track, OccurrenceSchedule& schedule,
               std::vector<Action>* out)
      : task_(task), track_(track), compiled_(schedule.compiled()), out_(out) {}

  // Actions of one occurrence with after < at <= limit.
  void Emit(const ScheduledOccurrence& scheduled, int64_t after, int64_t limit) {
    const RoleOccurrence& occurrence = scheduled.role(track_.role);
    const RoleRules& rules = compiled_.role(track_.role);
    for (const ReminderTime& reminder : occurrence.reminders) {
      if (reminder.at <= after) continue;
      if (reminder.at > limit) break;
      EmitReminder(scheduled, rules.reminders[reminder.reminder], reminder.at);
    }
    for (const EscalationStart& start : occurrence.escalations) {
      for (auto sending = FirstSendingAfter(compiled_, start, after); sending && sending->at <= limit;
           sending = SendingAfter(compiled_, start, *sending)) {
        EmitEscalation(scheduled, compiled_.rules().escalation[start.step], *sending);
      }
    }
  }

 private:
  void EmitReminder(const ScheduledOccurrence& scheduled, const MergedReminder& reminder, int64_t at) {
    Action action = BaseAction(task_, track_, scheduled);
    action.level = Level::kRemind;
    action.step = "remind-" + std::to_string(reminder.offset);
    action.recipients = reminder.recipients;
    action.channels = reminder.channels;
    action.at = at;
    action.reason = ReminderReason(reminder.offset, scheduled.occurrence, track_.role, action.due);
    FinishKey(&action);
    out_->push_back(std::move(action));
  }

  void EmitEscalation(const ScheduledOccurrence& scheduled, const EscalationStep& step,
                      const StepSending& sending) {
    Action action = BaseAction(task_, track_, scheduled);
    action.level = step.level;
    action.step = step.name;
    action.repeat = sending.repeat;
    action.recipients = step.recipients;
    action.channels = step.channels;
    action.at = sending.at;
    const int late = compiled_.days().WorkingDaysBetween(action.due, sending.day);
    action.reason = EscalationReason(step.name, sending.repeat, scheduled.occurrence, track_.role,
                                     action.due, late);
    FinishKey(&action);
    out_->push_back(std::move(action));
  }

  const TrackedTask& task_;
  const Track& track_;
  const CompiledRules& compiled_;
  std::vector<Action>* out_;
};

}  // namespace

void AppendTaskActions(const TrackedTask& task, OccurrenceSchedule& schedule, int64_t after,
                       int64_t until, std::vector<Action>* out) {
  if (task.state != TaskState::kActive || until <= after) return;
  ForEachTrack(task.task, [&](const Track& track) {
    // Cheap and common: no agency of the role has anything in the range.
    if (!schedule.HasOpenActionIn(track.role, after, until)) return;
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
  });
}

int64_t NextTaskActionTime(const TrackedTask& task, OccurrenceSchedule& schedule, int64_t t) {
  if (task.state != TaskState::kActive) return kNever;
  const CompiledRules& compiled = schedule.compiled();
  int64_t best = kNever;
  ForEachTrack(task.task, [&](const Track& track) {
    if (!compiled.role(track.role).any()) return;
    // An agency that reported has a subset of the open actions: its next is no earlier.
    const int64_t open_next = schedule.NextOpenActionAfter(track.role, t);
    if (open_next >= best) return;
    if (!MatchTrack(task, track, schedule)) {
      best = open_next;
      return;
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
  });
  return best;
}

std::vector<AgencyRole> AgencyRoles(const Task& task) {
  std::vector<AgencyRole> result;
  ForEachTrack(task, [&](const Track& track) { result.push_back({track.agency, track.role}); });
  return result;
}

// Sorts positions, not Actions (moving an Action moves a dozen members), then moves
// each action once into place.
void SortActions(std::vector<Action>* actions) {
  std::vector<uint32_t> order(actions->size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::vector<Action>& a = *actions;
  std::sort(order.begin(), order.end(), [&a](uint32_t x, uint32_t y) {
    return a[x].at != a[y].at ? a[x].at < a[y].at : a[x].key < a[y].key;
  });
  std::vector<Action> sorted;
  sorted.reserve(actions->size());
  for (uint32_t i : order) sorted.push_back(std::move((*actions)[i]));
  *actions = std::move(sorted);
}

}  // namespace duban
