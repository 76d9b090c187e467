// ApplyCatchUp (evaluator.h): what to send of the actions that fell due while the daemon
// was down. Under kLatestOnly each (task, agency, role, occurrence) keeps only its latest
// missed action in ladder order: reminders come before escalations, escalation steps in
// the order of Rules::escalation, a step's repeats in order. A missed action is dropped
// too when an action of the same group that is still within the grace period (and so is
// always kept) is later in the ladder: that one already says everything, and catching up
// must never send two messages where one will do.
#include <algorithm>
#include <map>
#include <tuple>

#include "workflow/evaluator.h"

namespace duban {
namespace {

// Position in the ladder; larger is later. Steps no longer in the rules rank after
// reminders and before every step that still is, by time.
using LadderRank = std::tuple<int, size_t, int, int64_t>;

LadderRank RankOf(const Action& action, const Rules& rules) {
  if (action.level == Level::kRemind) return {0, 0, 0, action.at};
  auto step = std::find_if(rules.escalation.begin(), rules.escalation.end(),
                           [&](const EscalationStep& s) { return s.name == action.step; });
  if (step == rules.escalation.end()) return {1, 0, action.repeat, action.at};
  return {2, static_cast<size_t>(step - rules.escalation.begin()), action.repeat, action.at};
}

using GroupKey = std::tuple<std::string_view, std::string_view, Role, std::string_view>;

GroupKey GroupOf(const Action& action) {
  return {action.task_ref, action.agency, action.role, action.occurrence};
}

// Which actions of `due` to keep under kLatestOnly.
std::vector<bool> LatestOnly(const std::vector<Action>& due, const Rules& rules, int64_t missed_before) {
  struct Group {
    std::optional<size_t> latest_missed;
    std::optional<LadderRank> latest_kept;  // within the grace period
  };
  std::map<GroupKey, Group> groups;
  for (size_t i = 0; i < due.size(); ++i) {
    Group& group = groups[GroupOf(due[i])];
    const LadderRank rank = RankOf(due[i], rules);
    if (due[i].at >= missed_before) {
      if (!group.latest_kept || rank > *group.latest_kept) group.latest_kept = rank;
    } else if (!group.latest_missed || rank > RankOf(due[*group.latest_missed], rules)) {
      group.latest_missed = i;
    }
  }
  std::vector<bool> keep(due.size());
  for (size_t i = 0; i < due.size(); ++i) keep[i] = due[i].at >= missed_before;
  for (const auto& [key, group] : groups) {
    if (!group.latest_missed) continue;
    const bool superseded =
        group.latest_kept && *group.latest_kept > RankOf(due[*group.latest_missed], rules);
    if (!superseded) keep[*group.latest_missed] = true;
  }
  return keep;
}

}  // namespace

std::vector<Action> ApplyCatchUp(std::vector<Action> due, const Rules& rules, int64_t now,
                                 std::vector<Action>* skipped) {
  if (rules.catch_up == CatchUp::kAll) return due;
  const int64_t missed_before = now - rules.catch_up_grace_seconds;
  std::vector<bool> keep;
  if (rules.catch_up == CatchUp::kNone) {
    keep.resize(due.size());
    for (size_t i = 0; i < due.size(); ++i) keep[i] = due[i].at >= missed_before;
  } else {
    keep = LatestOnly(due, rules, missed_before);
  }
  std::vector<Action> kept;
  kept.reserve(due.size());
  for (size_t i = 0; i < due.size(); ++i) {
    if (keep[i]) {
      kept.push_back(std::move(due[i]));
    } else if (skipped) {
      skipped->push_back(std::move(due[i]));
    }
  }
  return kept;
}

}  // namespace duban
