// The evaluator's precomputed side: the rules per role (CompiledRules) and, per deadline,
// every occurrence with its due date and action times for each role (OccurrenceSchedule).
// Many tasks share one deadline (the config default, a section's), so a schedule is
// computed once per (deadline, tracking start) and shared through a ScheduleCache; a task
// then only adds its agencies and their feedback (task_actions.h).
//
// Timing rules (evaluator.h): a reminder goes out `offset` working days before the
// agency's due date, an escalation step `delay` working days after it and again every
// `repeat` working days, always at the send minute local time. The send minute is
// rules.send.send_minute, or the end of the quiet hours if it falls inside them, so no
// action is ever due in quiet hours. Every action day is a working day. Reminders before
// the tracking start's send time are not generated (no retroactive reminders for a task
// imported late), and an agency owes nothing for an occurrence whose due date (for its
// role) lies before the tracking start: no reminder, no escalation, no report.
//
// Not thread-safe (schedules fill lazily). The context's rules, calendar and zone must
// outlive every object here.
#ifndef DUBAN_WORKFLOW_OCCURRENCE_ACTIONS_H_
#define DUBAN_WORKFLOW_OCCURRENCE_ACTIONS_H_

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "workflow/evaluator.h"
#include "workflow/feedback_matching.h"
#include "workflow/occurrence_series.h"
#include "workflow/workday_table.h"

namespace duban {

// One reminder offset for a role, with the recipients and channels of every reminder
// rule that names it (two rules with the same offset make one message, not two keys).
struct MergedReminder {
  int offset = 0;
  std::string step;  // "remind-<offset>", the actions' step (built once, not per action)
  std::vector<Recipient> recipients;
  std::vector<Channel> channels;
};

struct RoleRules {
  std::vector<MergedReminder> reminders;  // by offset, largest (earliest) first
  std::vector<size_t> steps;              // indices into Rules::escalation, ladder order
  bool any() const { return !reminders.empty() || !steps.empty(); }
};

// The context plus what is derived from it once: a working-day table, the effective send
// minute, the rules of each role.
class CompiledRules {
 public:
  // The table covers [first, last]; days outside still answer correctly, more slowly.
  CompiledRules(const EvaluationContext& context, CivilDate first, CivilDate last);

  const Rules& rules() const { return context_.rules; }
  const TimeZone& zone() const { return context_.zone; }
  const WorkdayTable& days() const { return days_; }
  const RoleRules& role(Role role) const { return roles_[static_cast<size_t>(role)]; }
  int send_minute() const { return send_minute_; }
  // UTC seconds of `day`'s send time.
  int64_t SendTime(CivilDate day) const { return context_.zone.ToUtc(day, send_minute_); }

  // Table bounds for an evaluation around [after, until]: a few years either side.
  static CivilDate TableFirst(const TimeZone& zone, int64_t after);
  static CivilDate TableLast(const TimeZone& zone, int64_t after, int64_t until);

 private:
  EvaluationContext context_;
  WorkdayTable days_;
  int send_minute_;
  std::array<RoleRules, 3> roles_;
};

// When a reminder of one role for one occurrence goes out.
struct ReminderTime {
  int64_t at = 0;
  size_t reminder = 0;  // index into RoleRules::reminders
};

// The first sending of an escalation step of one role for one occurrence.
struct EscalationStart {
  size_t step = 0;  // index into Rules::escalation
  CivilDate day;
  int64_t at = 0;
};

// An occurrence as one role owes it.
struct RoleOccurrence {
  CivilDate due;        // DueFor(role, …)
  bool owed = false;    // due on or after the tracking start
  int64_t bound = kNever;  // no action of this or any later occurrence is earlier
  std::vector<ReminderTime> reminders;     // by time; only those on or after the start
  std::vector<EscalationStart> escalations;  // ladder order; empty unless owed
};

struct ScheduledOccurrence {
  DueOccurrence occurrence;
  std::array<RoleOccurrence, 3> roles;  // by Role
  const RoleOccurrence& role(Role role) const { return roles[static_cast<size_t>(role)]; }
};

// Sending `repeat` of an escalation step that starts on `start`: its day and time, or
// nullopt past the step's last repeat.
struct StepSending {
  int repeat = 0;
  CivilDate day;
  int64_t at = 0;
};
std::optional<StepSending> FirstSendingAfter(const CompiledRules& compiled, const EscalationStart& start,
                                             int64_t after);
std::optional<StepSending> SendingAfter(const CompiledRules& compiled, const EscalationStart& start,
                                        const StepSending& previous);

// The earliest action time after `t` of one role's occurrence for an agency whose report
// came at `satisfied_at` (kNever: none yet); kNever if there is none before that.
int64_t NextActionOf(const CompiledRules& compiled, const RoleOccurrence& occurrence, int64_t t,
                     int64_t satisfied_at);

// Every occurrence of one deadline from one tracking start, filled lazily in due order.
class OccurrenceSchedule {
 public:
  OccurrenceSchedule(const CompiledRules& compiled, const DeadlineSpec& spec, CivilDate tracking_start);
  OccurrenceSchedule(const OccurrenceSchedule&) = delete;
  OccurrenceSchedule& operator=(const OccurrenceSchedule&) = delete;

  // Occurrence `index` in due order; nullptr past the end. The pointer stays valid.
  // Inline for those already computed: the per-task loops call it for every occurrence.
  const ScheduledOccurrence* At(size_t index) {
    return index < computed_.size() ? computed_[index] : Extend(index);
  }
  bool bounded() const { return series_.bounded(); }
  CivilDate tracking_start() const { return tracking_start_; }
  const CompiledRules& compiled() const { return compiled_; }

  // NextActionOf(compiled(), At(index)->role(role), t, satisfied_at). The part that does
  // not depend on the agency's report is memoised per occurrence and role for the last
  // two `t`: every task sharing this schedule asks about the same moment (a wake asks
  // about two: its cursor and its end), and finding an escalation's next repeat costs
  // working-day arithmetic. REQUIRES: At(index) != nullptr.
  int64_t NextActionAfter(size_t index, Role role, int64_t t, int64_t satisfied_at) {
    const NextMemo& memo = next_memo_[index][static_cast<size_t>(role)];
    for (const NextMemo::Slot& slot : memo.slots) {
      // As NextActionOf: only an action before the report counts.
      if (slot.valid && slot.t == t) return slot.next < satisfied_at ? slot.next : kNever;
    }
    return NextActionAfterMiss(index, role, t, satisfied_at);
  }

  // The earliest action time after `t` of an agency in `role` that has not reported
  // (kNever if none). Memoised for the last `t` per role: tasks that share this schedule
  // are asked about the same moment.
  int64_t NextOpenActionAfter(Role role, int64_t t) {
    const auto& memo = memo_[static_cast<size_t>(role)];
    return memo && memo->first == t ? memo->second : NextOpenActionAfterMiss(role, t);
  }

  // True if an agency in `role` that has not reported has an action with after < at <=
  // until. An agency that reported has a subset of those actions, so false means that no
  // agency of the role has one. Memoised for the last range per role.
  bool HasOpenActionIn(Role role, int64_t after, int64_t until);

  // Scratch for the per-task functions, reused so that matching an agency's feedback
  // allocates nothing (a schedule serves one evaluation at a time).
  Satisfaction& scratch_satisfaction() { return scratch_satisfaction_; }

 private:
  const ScheduledOccurrence* Extend(size_t index);
  int64_t NextActionAfterMiss(size_t index, Role role, int64_t t, int64_t satisfied_at);
  int64_t NextOpenActionAfterMiss(Role role, int64_t t);
  RoleOccurrence ComputeRole(Role role, const DueOccurrence& occurrence) const;

  const CompiledRules& compiled_;
  const DeadlineSpec spec_;
  const CivilDate tracking_start_;
  const int64_t start_at_;  // the tracking start's send time
  OccurrenceSeries series_;
  bool ended_ = false;
  std::deque<ScheduledOccurrence> occurrences_;  // a deque: pointers to them stay valid
  std::vector<const ScheduledOccurrence*> computed_;  // occurrences_ by index, faster to index
  struct NextMemo {
    struct Slot {
      bool valid = false;
      int64_t t = 0;
      int64_t next = kNever;  // NextActionOf(…, t, kNever)
    };
    std::array<Slot, 2> slots;
    size_t replace = 0;  // the slot a miss overwrites: the older one
  };
  std::vector<std::array<NextMemo, 3>> next_memo_;  // by occurrence index, then role
  std::array<std::optional<std::pair<int64_t, int64_t>>, 3> memo_;  // role → (t, answer)
  struct RangeMemo {
    int64_t after;
    int64_t until;
    bool any;
  };
  std::array<std::optional<RangeMemo>, 3> range_memo_;  // by role
  Satisfaction scratch_satisfaction_;
};

// Schedules by (deadline, tracking start).
class ScheduleCache {
 public:
  explicit ScheduleCache(const CompiledRules& compiled) : compiled_(compiled) {}
  OccurrenceSchedule& Get(const DeadlineSpec& spec, CivilDate tracking_start);

 private:
  struct Key {
    DeadlineSpec spec;
    CivilDate tracking_start;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    size_t operator()(const Key& key) const;
  };
  struct Recent {
    const Key* key = nullptr;
    OccurrenceSchedule* schedule = nullptr;
  };
  const CompiledRules& compiled_;
  std::unordered_map<Key, std::unique_ptr<OccurrenceSchedule>, KeyHash> schedules_;
  // Recent hits by tracking start (its day number modulo 16), checked before hashing: a
  // plan's tasks share a few deadlines and tracking starts (the days they were
  // imported), and comparing one key is cheaper than hashing it.
  std::array<Recent, 16> recent_;
};

}  // namespace duban

#endif  // DUBAN_WORKFLOW_OCCURRENCE_ACTIONS_H_
