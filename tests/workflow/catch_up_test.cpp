#include <catch2/catch.hpp>

#include "tests/workflow/evaluator_test_util.h"
#include "workflow/evaluator.h"

namespace duban {
namespace {

using namespace duban::testing;

Action Make(const std::string& agency, Role role, const std::string& occurrence, Level level,
            const std::string& step, int repeat, int64_t at) {
  Action action;
  action.task_ref = "22";
  action.agency = agency;
  action.role = role;
  action.occurrence = occurrence;
  action.level = level;
  action.step = step;
  action.repeat = repeat;
  action.at = at;
  action.key = "22|" + agency + "|" + std::string(RoleName(role)) + "|" + occurrence + "|" + step + "|" +
               std::to_string(repeat);
  return action;
}

std::vector<std::string> Keys(const std::vector<Action>& actions) {
  std::vector<std::string> keys;
  for (const auto& a : actions) keys.push_back(a.key);
  return keys;
}

TEST_CASE("catching up after downtime sends the latest step per agency and occurrence", "[catch_up]") {
  const int64_t now = Local("2025-04-20", 10);
  const std::vector<Action> due = {
      Make("A", Role::kLead, "2025-Q1", Level::kRemind, "remind-3", 0, Local("2025-04-02", 9)),
      Make("B", Role::kParticipant, "2025-Q1", Level::kRemind, "remind-1", 0, Local("2025-04-03", 9)),
      Make("A", Role::kLead, "2025-Q1", Level::kRemind, "remind-1", 0, Local("2025-04-07", 9)),
      Make("A", Role::kLead, "2025-Q1", Level::kUrge, "urge", 0, Local("2025-04-09", 9)),
      Make("A", Role::kLead, "2025-Q1", Level::kUrge, "urge", 1, Local("2025-04-14", 9)),
      Make("A", Role::kLead, "2025-Q1", Level::kSupervise, "supervise", 0, Local("2025-04-15", 9)),
      Make("A", Role::kLead, "2025-Q1", Level::kUrge, "urge", 2, Local("2025-04-17", 9)),
      Make("C", Role::kLead, "2025-Q1", Level::kUrge, "urge", 0, Local("2025-04-18", 9)),
      Make("C", Role::kLead, "2025-Q1", Level::kSupervise, "supervise", 0, now - 600),  // in grace
      Make("A", Role::kLead, "2025-Q2", Level::kRemind, "remind-10", 0, now - 60),     // in grace
  };
  struct Case {
    CatchUp policy;
    std::vector<std::string> kept;
  };
  const Case cases[] = {
      {CatchUp::kLatestOnly,
       {"22|B|participant|2025-Q1|remind-1|0", "22|A|lead|2025-Q1|supervise|0",
        "22|C|lead|2025-Q1|supervise|0", "22|A|lead|2025-Q2|remind-10|0"}},
      {CatchUp::kAll, Keys(due)},
      {CatchUp::kNone, {"22|C|lead|2025-Q1|supervise|0", "22|A|lead|2025-Q2|remind-10|0"}},
  };
  for (const auto& c : cases) {
    INFO(CatchUpName(c.policy));
    Rules rules = Rules::Defaults();
    rules.catch_up = c.policy;
    std::vector<Action> skipped;
    auto kept = ApplyCatchUp(due, rules, now, &skipped);
    CHECK(Keys(kept) == c.kept);
    CHECK(kept.size() + skipped.size() == due.size());
    for (const auto& a : skipped) CHECK(a.at < now - rules.catch_up_grace_seconds);
  }
}

TEST_CASE("a missed step stays when nothing later in the ladder is in the grace period", "[catch_up]") {
  Rules rules = Rules::Defaults();
  rules.catch_up_grace_seconds = 7200;
  const int64_t now = Local("2025-04-15", 10);
  const std::vector<Action> due = {
      Make("A", Role::kLead, "2025-Q1", Level::kSupervise, "supervise", 0, Local("2025-04-14", 9)),
      Make("A", Role::kLead, "2025-Q1", Level::kUrge, "urge", 3, Local("2025-04-15", 9)),  // in grace
  };
  CHECK(Keys(ApplyCatchUp(due, rules, now)) == Keys(due));
  // Nothing missed at all: everything stays, whatever the policy.
  rules.catch_up = CatchUp::kNone;
  CHECK(ApplyCatchUp(due, rules, Local("2025-04-14", 9)).size() == 2);
}

}  // namespace
}  // namespace duban
