// 红黄绿灯 (traffic_light.h). Per agency of an active task, at `now` (its local date is
// "today"), over the occurrences the agency owes in due order, with only the feedback
// received by `now`:
//  - red: an occurrence due before today has no report;
//  - yellow: the next open occurrence is due within LightRule::yellow_working_days
//    working days (today included: 0 left), or less than LightRule::yellow_share of its
//    window is left, counting working days from the later of the period start and the
//    tracking start to the agency's due date;
//  - green: neither (also when the agency reported done, or every occurrence);
//  - none: the agency owes nothing (no final due date and no reports, or all due before
//    tracking started).
// The worst agency names the reading: the worse light, then the least slack (the most
// working days overdue, or the fewest left), then plan order.
//
// With LightRule::behind_target_yellow, a confirmed target that is behind
// (target_status.h) turns a GREEN task yellow, naming the target. Only green: red and
// yellow already ask for a report, which is the more urgent matter, and none means nothing
// is tracked now. For an agency's light the rule applies to the tasks it owns (lead or
// responsible): the figures are the owner's to deliver, participants feed the owner.
#include "workflow/traffic_light.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "workflow/target_status.h"

#include "workflow/feedback_matching.h"
#include "workflow/occurrence_series.h"
#include "workflow/task_actions.h"
#include "workflow/workday_table.h"

namespace duban {
namespace {

struct LightNames {
  Light light;
  std::string_view name;
  std::string_view name_zh;
};

constexpr std::array<LightNames, 4> kLights = {{{Light::kNone, "none", "—"},
                                                {Light::kGreen, "green", "绿"},
                                                {Light::kYellow, "yellow", "黄"},
                                                {Light::kRed, "red", "红"}}};

// One agency's standing in one task.
struct Standing {
  Light light = Light::kNone;
  int slack = 0;  // working days from today to the due date; negative when overdue
  std::string reason;
};

bool Worse(const Standing& a, const Standing& b) {
  if (a.light != b.light) return a.light > b.light;
  return a.slack < b.slack;
}

std::string Days(int n) { return std::to_string(n) + (n == 1 ? " working day" : " working days"); }

std::string Describe(std::string_view agency, Role role, const DueOccurrence& occurrence,
                     CivilDate due, Light light, int slack) {
  std::string what = occurrence.final ? "the final deadline" : occurrence.id;
  std::string head = std::string(agency) + " (" + std::string(RoleName(role)) + ")";
  std::string when = "due " + FormatCivilDate(due);
  if (light == Light::kGreen) return head + ": next is " + what + ", " + when + " (" + Days(slack) + " left)";
  std::string tail = slack < 0    ? Days(-slack) + " overdue"
                     : light == Light::kRed ? "overdue"
                     : slack == 0 ? "due today"
                                  : Days(slack) + " left";
  return head + " has not reported for " + what + ", " + when + " (" + tail + ")";
}

// Whether a reading explains itself: the totals need only the lights, and building the
// reasons (dates formatted, strings joined) was most of their cost.
enum class Reasons { kWith, kWithout };

class StandingReader {
 public:
  StandingReader(const TrackedTask& task, const EvaluationContext& context,
                 const WorkdayTable& days, int64_t now, Reasons reasons)
      : task_(task), context_(context), days_(days), now_(now),
        today_(context.zone.ToLocal(now).date), reasons_(reasons) {}

  Standing Read(const AgencyRole& agency_role) {
    std::vector<const Feedback*> reports;
    CollectFeedback(task_.feedback, agency_role.agency, &reports);
    std::erase_if(reports, [&](const Feedback* report) { return report->at > now_; });
    OccurrenceSeries series(task_.deadline, days_, task_.tracking_start);
    std::vector<DueOccurrence> occurrences;
    std::vector<CivilDate> dues;  // the agency's due dates
    auto fill = [&](size_t i) {
      while (occurrences.size() <= i) {
        std::optional<DueOccurrence> next = series.Next();
        if (!next) return false;
        dues.push_back(AgencyDueDate(agency_role.role, next->due, task_.deadline.participant_lead_days, days_));
        occurrences.push_back(std::move(*next));
      }
      return true;
    };
    auto owed = [&](size_t i) { return dues[i] >= task_.tracking_start; };
    auto lookup = [&](size_t i) -> std::optional<MatchableOccurrence> {
      if (!fill(i)) return std::nullopt;
      return MatchableOccurrence{occurrences[i].period_start, owed(i), occurrences[i].final};
    };
    Satisfaction satisfaction;
    MatchFeedback(reports, context_.zone, lookup, series.bounded(), &satisfaction);
    Standing standing;
    for (size_t i = 0; fill(i); ++i) {
      if (!owed(i)) continue;
      standing.light = Light::kGreen;  // it owes something
      if (i >= satisfaction.matched_count() && satisfaction.done_at() != kNever) break;
      if (satisfaction.At(i) != kNever) continue;
      return Judge(agency_role, occurrences[i], dues[i]);
    }
    if (standing.light == Light::kGreen) {
      standing.slack = std::numeric_limits<int>::max();
      if (reasons_ == Reasons::kWith) {
        standing.reason = std::string(agency_role.agency) + " (" +
                          std::string(RoleName(agency_role.role)) + ") has reported for everything due";
      }
    }
    return standing;
  }

 private:
  Standing Judge(const AgencyRole& agency_role, const DueOccurrence& occurrence, CivilDate due) const {
    Standing standing;
    standing.slack = days_.WorkingDaysBetween(today_, due);
    const LightRule& rule = context_.rules.light;
    if (due < today_) {
      standing.light = Light::kRed;
    } else {
      const CivilDate start = std::max(occurrence.period_start, task_.tracking_start);
      const int window = days_.WorkingDaysBetween(start - std::chrono::days{1}, due);
      const bool near = standing.slack <= rule.yellow_working_days;
      const bool late_in_window = window > 0 && standing.slack < rule.yellow_share * window;
      standing.light = near || late_in_window ? Light::kYellow : Light::kGreen;
    }
    if (reasons_ == Reasons::kWith) {
      standing.reason = Describe(agency_role.agency, agency_role.role, occurrence, due,
                                 standing.light, standing.slack);
    }
    return standing;
  }

  const TrackedTask& task_;
  const EvaluationContext& context_;
  const WorkdayTable& days_;
  const int64_t now_;
  const CivilDate today_;
  const Reasons reasons_;
};

// "target 生产总值增长 ≥7% is behind: last reported 5.1 on 2026-06-30" for the first behind
// target, if the rule is on and one is; nullopt otherwise.
std::optional<std::string> BehindTarget(const TrackedTask& task, const EvaluationContext& context,
                                        int64_t now) {
  if (!context.rules.light.behind_target_yellow || task.targets.empty()) return std::nullopt;
  for (const TargetReading& reading : ReadTargets(task, now, context.zone)) {
    if (reading.status != TargetStatus::kBehind || !reading.last_value) continue;
    std::string reason = "target " + reading.target.name + " " + FormatTargetValue(reading.target) +
                         " is behind: last reported " + FormatNumber(*reading.last_value) + " on " +
                         FormatCivilDate(context.zone.ToLocal(reading.last_at).date);
    if (reading.expected_now) {
      reason += ", " + FormatNumber(std::round(*reading.expected_now * 100) / 100) +
                " expected by now";
    }
    return reason;
  }
  return std::nullopt;
}

bool Owns(const TaskOutline& task, std::string_view agency) {
  for (Role role : {Role::kLead, Role::kResponsible}) {
    const std::span<const std::string_view> owners = task.agencies(role);
    if (std::find(owners.begin(), owners.end(), agency) != owners.end()) return true;
  }
  return false;
}

LightReading NotTracked(const TrackedTask& task) {
  return {Light::kNone, "task " + task.task.ref + " is " + std::string(TaskStateName(task.state))};
}

// The worst standing over the task's agencies for which `wanted` holds.
template <typename Wanted>
std::optional<Standing> WorstStanding(const TrackedTask& task, const EvaluationContext& context,
                                      const WorkdayTable& days, int64_t now, Reasons reasons,
                                      Wanted&& wanted) {
  std::optional<Standing> worst;
  StandingReader reader(task, context, days, now, reasons);
  for (const AgencyRole& agency_role : AgencyRoles(task.task)) {
    if (!wanted(agency_role.agency)) continue;
    Standing standing = reader.Read(agency_role);
    if (standing.light == Light::kNone) continue;
    if (!worst || Worse(standing, *worst)) worst = std::move(standing);
  }
  return worst;
}

// A working-day table around `now` for lights of many tasks: their due dates and periods
// mostly fall in it, and counting days in it is two lookups instead of a walk over the
// calendar (the walk was most of the cost of 100,000 lights). Outside it the calendar
// answers, so the lights are the same.
WorkdayTable TableAround(const EvaluationContext& context, int64_t now) {
  const CivilDate today = context.zone.ToLocal(now).date;
  return WorkdayTable(context.calendar, today - std::chrono::days{800},
                      today + std::chrono::days{800});
}

LightReading TaskLightWith(const TrackedTask& task, const EvaluationContext& context,
                           const WorkdayTable& days, int64_t now, Reasons reasons) {
  if (task.state != TaskState::kActive) {
    return reasons == Reasons::kWith ? NotTracked(task) : LightReading{};
  }
  std::optional<Standing> worst =
      WorstStanding(task, context, days, now, reasons, [](std::string_view) { return true; });
  if (!worst) {
    if (reasons == Reasons::kWithout) return {};
    return {Light::kNone, "task " + task.task.ref + " has nothing due"};
  }
  if (worst->light == Light::kGreen) {
    if (auto behind = BehindTarget(task, context, now)) return {Light::kYellow, std::move(*behind)};
  }
  return {worst->light, std::move(worst->reason)};
}

}  // namespace

std::string_view LightName(Light light) { return kLights[static_cast<size_t>(light)].name; }
std::string_view LightNameZh(Light light) { return kLights[static_cast<size_t>(light)].name_zh; }

std::optional<Light> ParseLight(std::string_view name) {
  for (const auto& entry : kLights) {
    if (entry.name == name || (entry.light != Light::kNone && entry.name_zh == name)) return entry.light;
  }
  return std::nullopt;
}

LightReading TaskLight(const TrackedTask& task, const EvaluationContext& context, int64_t now) {
  const WorkdayTable days(context.calendar);  // one task: no table to build
  return TaskLightWith(task, context, days, now, Reasons::kWith);
}

std::map<Light, int64_t> CountLights(const std::vector<TrackedTask>& tasks,
                                     const EvaluationContext& context, int64_t now) {
  const WorkdayTable days = TableAround(context, now);
  std::map<Light, int64_t> counts;
  for (const TrackedTask& task : tasks) {
    ++counts[TaskLightWith(task, context, days, now, Reasons::kWithout).light];
  }
  return counts;
}

LightReading AgencyLight(const std::vector<TrackedTask>& tasks, std::string_view agency,
                         const EvaluationContext& context, int64_t now) {
  const WorkdayTable days = TableAround(context, now);
  std::optional<Standing> worst;
  for (const TrackedTask& task : tasks) {
    if (task.state != TaskState::kActive) continue;
    std::optional<Standing> standing =
        WorstStanding(task, context, days, now, Reasons::kWith,
                      [&](std::string_view name) { return name == agency; });
    if (!standing) continue;
    if (standing->light == Light::kGreen && Owns(task.task, agency)) {
      if (auto behind = BehindTarget(task, context, now)) {
        standing->light = Light::kYellow;
        standing->reason = std::move(*behind);
      }
    }
    standing->reason = "task " + task.task.ref + ": " + standing->reason;
    if (!worst || Worse(*standing, *worst)) worst = std::move(standing);
  }
  if (!worst) return {Light::kNone, std::string(agency) + " has nothing due"};
  return {worst->light, std::move(worst->reason)};
}

}  // namespace duban
