#include "workflow/occurrence_actions.h"

#include <algorithm>

namespace duban {
namespace {

constexpr std::array<Role, 3> kRoles = {Role::kLead, Role::kParticipant, Role::kResponsible};

bool Applies(const std::vector<Role>& roles, Role role) {
  return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

template <typename T>
void AddMissing(std::vector<T>* to, const std::vector<T>& from) {
  for (const T& item : from) {
    if (std::find(to->begin(), to->end(), item) == to->end()) to->push_back(item);
  }
}

RoleRules CompileRole(const Rules& rules, Role role) {
  RoleRules compiled;
  for (const ReminderRule& rule : rules.reminders) {
    if (!Applies(rule.roles, role)) continue;
    for (int offset : rule.offsets) {
      if (offset <= 0) continue;  // not a reminder: config rejects it
      auto same = std::find_if(compiled.reminders.begin(), compiled.reminders.end(),
                               [&](const MergedReminder& r) { return r.offset == offset; });
      if (same == compiled.reminders.end()) {
        compiled.reminders.push_back(
            {offset, "remind-" + std::to_string(offset), rule.recipients, rule.channels});
      } else {
        AddMissing(&same->recipients, rule.recipients);
        AddMissing(&same->channels, rule.channels);
      }
    }
  }
  std::sort(compiled.reminders.begin(), compiled.reminders.end(),
            [](const MergedReminder& a, const MergedReminder& b) { return a.offset > b.offset; });
  for (size_t i = 0; i < rules.escalation.size(); ++i) {
    if (Applies(rules.escalation[i].roles, role)) compiled.steps.push_back(i);
  }
  return compiled;
}

int EffectiveSendMinute(const SendWindow& send) {
  int minute = std::clamp(send.send_minute, 0, 24 * 60 - 1);
  if (send.IsQuiet(minute)) minute = std::clamp(send.quiet_end_minute, 0, 24 * 60 - 1);
  return minute;
}

constexpr int kTableMarginDays = 3 * 366;
constexpr int64_t kTableSpanLimitSeconds = int64_t{20} * 366 * 86400;

}  // namespace

CompiledRules::CompiledRules(const EvaluationContext& context, CivilDate first, CivilDate last)
    : context_(context),
      days_(context.calendar, first, last),
      send_minute_(EffectiveSendMinute(context.rules.send)) {
  for (Role role : kRoles) roles_[static_cast<size_t>(role)] = CompileRole(context.rules, role);
}

CivilDate CompiledRules::TableFirst(const TimeZone& zone, int64_t after) {
  return zone.ToLocal(after).date - std::chrono::days{kTableMarginDays};
}

CivilDate CompiledRules::TableLast(const TimeZone& zone, int64_t after, int64_t until) {
  const int64_t end = until - after > kTableSpanLimitSeconds ? after + kTableSpanLimitSeconds : until;
  return zone.ToLocal(end).date + std::chrono::days{kTableMarginDays};
}

std::optional<StepSending> FirstSendingAfter(const CompiledRules& compiled,
                                             const EscalationStart& start, int64_t after) {
  if (start.at > after) return StepSending{0, start.day, start.at};
  const EscalationStep& step = compiled.rules().escalation[start.step];
  const int every = step.repeat_every_working_days;
  if (every <= 0) return std::nullopt;
  // Jump close to `after` (sendings before its day are all at or before it), then step.
  const CivilDate today = compiled.zone().ToLocal(after).date;
  const int passed = compiled.days().WorkingDaysBetween(start.day, today);
  for (int k = std::max(1, passed / every);; ++k) {
    if (step.max_repeats > 0 && k > step.max_repeats) return std::nullopt;
    CivilDate day = compiled.days().AddWorkingDays(start.day, k * every);
    int64_t at = compiled.SendTime(day);
    if (at > after) return StepSending{k, day, at};
  }
}

std::optional<StepSending> SendingAfter(const CompiledRules& compiled, const EscalationStart& start,
                                        const StepSending& previous) {
  const EscalationStep& step = compiled.rules().escalation[start.step];
  const int every = step.repeat_every_working_days;
  const int k = previous.repeat + 1;
  if (every <= 0 || (step.max_repeats > 0 && k > step.max_repeats)) return std::nullopt;
  CivilDate day = compiled.days().AddWorkingDays(previous.day, every);
  return StepSending{k, day, compiled.SendTime(day)};
}

int64_t NextActionOf(const CompiledRules& compiled, const RoleOccurrence& occurrence, int64_t t,
                     int64_t satisfied_at) {
  int64_t best = kNever;
  for (const ReminderTime& reminder : occurrence.reminders) {
    if (reminder.at > t) {
      best = reminder.at;
      break;  // by time
    }
  }
  for (const EscalationStart& start : occurrence.escalations) {
    if (start.at >= best) continue;  // every sending of it is later
    if (auto sending = FirstSendingAfter(compiled, start, t)) best = std::min(best, sending->at);
  }
  return best < satisfied_at ? best : kNever;
}

OccurrenceSchedule::OccurrenceSchedule(const CompiledRules& compiled, const DeadlineSpec& spec,
                                       CivilDate tracking_start)
    : compiled_(compiled),
      spec_(spec),
      tracking_start_(tracking_start),
      start_at_(compiled.SendTime(tracking_start)),
      series_(spec_, compiled.days(), tracking_start) {}

const ScheduledOccurrence* OccurrenceSchedule::Extend(size_t index) {
  while (occurrences_.size() <= index && !ended_) {
    std::optional<DueOccurrence> next = series_.Next();
    if (!next) {
      ended_ = true;
      break;
    }
    ScheduledOccurrence scheduled;
    for (Role role : kRoles) scheduled.roles[static_cast<size_t>(role)] = ComputeRole(role, *next);
    scheduled.occurrence = std::move(*next);
    occurrences_.push_back(std::move(scheduled));
    computed_.push_back(&occurrences_.back());
    next_memo_.emplace_back();
  }
  return index < occurrences_.size() ? &occurrences_[index] : nullptr;
}

RoleOccurrence OccurrenceSchedule::ComputeRole(Role role, const DueOccurrence& occurrence) const {
  const RoleRules& rules = compiled_.role(role);
  const WorkdayTable& days = compiled_.days();
  RoleOccurrence result;
  result.due = AgencyDueDate(role, occurrence.due, spec_.participant_lead_days, days);
  result.owed = result.due >= tracking_start_;
  // The bound ignores the start filter and `owed`, so it grows with the due date.
  if (!rules.reminders.empty()) {
    result.bound = compiled_.SendTime(days.AddWorkingDays(result.due, -rules.reminders.front().offset));
  }
  if (!rules.steps.empty()) {
    const int delay = compiled_.rules().escalation[rules.steps.front()].delay_working_days;
    result.bound = std::min(result.bound, compiled_.SendTime(days.AddWorkingDays(result.due, delay)));
  }
  if (!result.owed) return result;
  for (size_t i = 0; i < rules.reminders.size(); ++i) {
    int64_t at = compiled_.SendTime(days.AddWorkingDays(result.due, -rules.reminders[i].offset));
    if (at >= start_at_) result.reminders.push_back({at, i});
  }
  for (size_t step : rules.steps) {
    CivilDate day = days.AddWorkingDays(result.due, compiled_.rules().escalation[step].delay_working_days);
    result.escalations.push_back({step, day, compiled_.SendTime(day)});
  }
  return result;
}

int64_t OccurrenceSchedule::NextActionAfterMiss(size_t index, Role role, int64_t t,
                                                int64_t satisfied_at) {
  NextMemo& memo = next_memo_[index][static_cast<size_t>(role)];
  NextMemo::Slot& slot = memo.slots[memo.replace];
  slot = NextMemo::Slot{true, t, NextActionOf(compiled_, occurrences_[index].role(role), t, kNever)};
  memo.replace = 1 - memo.replace;
  return slot.next < satisfied_at ? slot.next : kNever;
}

int64_t OccurrenceSchedule::NextOpenActionAfterMiss(Role role, int64_t t) {
  auto& memo = memo_[static_cast<size_t>(role)];
  int64_t best = kNever;
  if (compiled_.role(role).any()) {
    for (size_t i = 0;; ++i) {
      const ScheduledOccurrence* scheduled = At(i);
      if (!scheduled) break;
      const RoleOccurrence& occurrence = scheduled->role(role);
      if (occurrence.bound >= best) break;
      if (occurrence.owed) best = std::min(best, NextActionOf(compiled_, occurrence, t, kNever));
    }
  }
  memo = std::make_pair(t, best);
  return best;
}

bool OccurrenceSchedule::HasOpenActionIn(Role role, int64_t after, int64_t until) {
  auto& memo = range_memo_[static_cast<size_t>(role)];
  if (memo && memo->after == after && memo->until == until) return memo->any;
  bool any = false;
  if (compiled_.role(role).any()) {
    for (size_t i = 0; !any; ++i) {
      const ScheduledOccurrence* scheduled = At(i);
      if (!scheduled) break;
      const RoleOccurrence& occurrence = scheduled->role(role);
      if (occurrence.bound > until) break;
      any = occurrence.owed && NextActionOf(compiled_, occurrence, after, kNever) <= until;
    }
  }
  memo = RangeMemo{after, until, any};
  return any;
}

size_t ScheduleCache::KeyHash::operator()(const Key& key) const {
  const DeadlineSpec& spec = key.spec;
  uint64_t h = spec.final_due ? static_cast<uint64_t>(spec.final_due->time_since_epoch().count()) : 0x9e37;
  auto mix = [&h](int64_t value) { h = (h ^ static_cast<uint64_t>(value)) * 0x100000001b3ULL + (h >> 29); };
  mix(spec.final_due.has_value());
  mix(static_cast<int64_t>(spec.cycle));
  mix(spec.report_due.working_days_after);
  mix(spec.report_due.fixed_day);
  mix(spec.participant_lead_days);
  mix(key.tracking_start.time_since_epoch().count());
  return static_cast<size_t>(h);
}

OccurrenceSchedule& ScheduleCache::Get(const DeadlineSpec& spec, CivilDate tracking_start) {
  const auto day = static_cast<uint64_t>(tracking_start.time_since_epoch().count());
  Recent& recent = recent_[day % recent_.size()];
  if (recent.key && recent.key->tracking_start == tracking_start && recent.key->spec == spec) {
    return *recent.schedule;
  }
  auto [it, inserted] = schedules_.try_emplace(Key{spec, tracking_start});
  if (inserted) it->second = std::make_unique<OccurrenceSchedule>(compiled_, spec, tracking_start);
  recent = Recent{&it->first, it->second.get()};
  return *it->second;
}

}  // namespace duban
