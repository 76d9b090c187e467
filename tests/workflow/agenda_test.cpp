#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "tests/workflow/evaluator_test_util.h"
#include "workflow/evaluator.h"

namespace duban {
namespace {

using namespace duban::testing;

const std::vector<std::string> kAgencies = {"省发改委", "省经信委", "省财政厅", "省商务厅",
                                            "省科技厅", "省国资委", "省工商局", "省质监局",
                                            "省人社厅", "省教育厅", "各设区市政府", "省统计局"};

std::string Pick(std::mt19937& rng, const std::vector<std::string>& from) {
  return from[std::uniform_int_distribution<size_t>(0, from.size() - 1)(rng)];
}

int Uniform(std::mt19937& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

TrackedTask RandomTask(std::mt19937& rng, int number) {
  TrackedTask tracked;
  tracked.task.ref = std::to_string(number);
  const ReportCycle cycles[] = {ReportCycle::kNone, ReportCycle::kMonthly, ReportCycle::kQuarterly,
                                ReportCycle::kHalfYearly, ReportCycle::kYearly};
  tracked.deadline.cycle = cycles[Uniform(rng, 0, 4)];
  if (Uniform(rng, 0, 2) == 0) {
    tracked.deadline.report_due.fixed_day = Uniform(rng, 1, 31);
  } else {
    tracked.deadline.report_due.working_days_after = Uniform(rng, 0, 10);
  }
  if (tracked.deadline.cycle == ReportCycle::kNone || Uniform(rng, 0, 1) == 0) {
    tracked.deadline.final_due = Day("2025-02-01") + std::chrono::days{Uniform(rng, 0, 450)};
  }
  tracked.deadline.participant_lead_days = Uniform(rng, 0, 7);
  tracked.tracking_start = Day("2024-12-10") + std::chrono::days{Uniform(rng, 0, 200)};
  Task task;
  task.ref = tracked.task.ref;
  for (int i = Uniform(rng, 0, 2); i > 0; --i) task.lead.push_back(Pick(rng, kAgencies));
  for (int i = Uniform(rng, 0, 3); i > 0; --i) task.participants.push_back(Pick(rng, kAgencies));
  if (task.lead.empty() || Uniform(rng, 0, 4) == 0) task.responsible.push_back(Pick(rng, kAgencies));
  tracked.task = task;
  std::vector<std::string> all = tracked.task.AllAgencies();
  std::vector<int64_t> times;
  for (int i = Uniform(rng, 0, 8); i > 0; --i) times.push_back(Local("2025-01-01") + Uniform(rng, 0, 364 * 86400));
  std::sort(times.begin(), times.end());
  for (int64_t at : times) tracked.feedback.push_back(Report(tracked.task.ref, Pick(rng, all), at, Uniform(rng, 0, 15) == 0));
  const int state = Uniform(rng, 0, 19);
  if (state == 0) tracked.state = TaskState::kSuspended;
  if (state == 1) tracked.state = TaskState::kCompleted;
  return tracked;
}

Rules VariantRules() {
  Rules rules = Rules::Defaults();
  rules.reminders.push_back(ReminderRule{{Role::kParticipant}, {5, 3}, {Recipient::kLeadership}, {Channel::kWebhook}});
  rules.escalation[1].repeat_every_working_days = 2;
  rules.escalation[1].max_repeats = 3;
  rules.escalation[2].roles = {Role::kLead, Role::kResponsible};
  rules.send.send_minute = 8 * 60 + 30;
  return rules;
}

std::vector<std::string> Lines(const std::vector<Action>& actions) { return Describe(actions); }

void Simulate(const Rules& rules, uint32_t seed) {
  std::mt19937 rng(seed);
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  std::vector<TrackedTask> original;
  for (int i = 1; i <= 36; ++i) original.push_back(RandomTask(rng, i));
  const int64_t start = Local("2025-01-01");
  const int64_t end = Local("2026-01-01");
  const int64_t split = Local("2025-06-17", 9);  // a send time: the update lands right on it
  const int64_t horizon = int64_t{400} * 86400;

  Agenda agenda(context, original, start);
  std::vector<Action> before;
  std::vector<Action> after;
  std::vector<TrackedTask> updated;
  size_t wakes = 0;
  while (agenda.cursor() < end) {
    const int64_t cursor = agenda.cursor();
    CHECK(agenda.NextTime(horizon) == NextActionTime(agenda.tasks(), context, cursor, horizon));
    int64_t until = cursor + Uniform(rng, 1, 5 * 86400);
    if (cursor < split && until > split) until = split;
    until = std::min(until, end);
    std::vector<Action> taken = agenda.TakeDue(until);
    ++wakes;
    auto& into = until <= split ? before : after;
    into.insert(into.end(), taken.begin(), taken.end());
    if (until == split) {
      // Feedback, a completion, a new deadline and a removal arrive mid-run.
      for (int i = 0; i < 6; ++i) {
        TrackedTask task = *agenda.FindTask(std::to_string(Uniform(rng, 1, 36)));
        std::vector<std::string> all = task.task.AllAgencies();
        if (all.empty()) continue;
        task.feedback.push_back(Report(task.task.ref, all.front(), split - Uniform(rng, 0, 3) * 3600, i == 0));
        agenda.Update(task);
      }
      TrackedTask completed = *agenda.FindTask("5");
      completed.state = TaskState::kCompleted;
      agenda.Update(completed);
      TrackedTask moved = *agenda.FindTask("6");
      moved.deadline.cycle = ReportCycle::kMonthly;
      moved.deadline.final_due.reset();
      agenda.Update(moved);
      agenda.Remove("7");
      CHECK(agenda.FindTask("7") == nullptr);
      TrackedTask added = RandomTask(rng, 99);
      added.tracking_start = Day("2025-06-17");
      agenda.Update(added);
      updated = agenda.tasks();
    }
  }
  CHECK(wakes > 50);
  CHECK(Lines(before) == Lines(ActionsBetween(original, context, start, split)));
  CHECK(Lines(after) == Lines(ActionsBetween(updated, context, split, end)));
  std::set<std::string> keys;
  for (const auto* part : {&before, &after}) {
    for (const Action& action : *part) {
      INFO(action.key);
      CHECK(keys.insert(action.key).second);
    }
  }
  CHECK(before.size() > 100);
  CHECK(after.size() > 100);
}

TEST_CASE("a year of random wakes decides every action exactly once", "[agenda]") {
  Simulate(Rules::Defaults(), 20250101);
  Simulate(VariantRules(), 7);
}

TEST_CASE("agenda wakes at the earliest action and moves its cursor", "[agenda]") {
  const Rules rules = Rules::Defaults();
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  Agenda agenda(context, {QuarterlyTask("22", {"省发改委"}, {"省财政厅"})}, Local("2025-03-01"));
  CHECK(agenda.NextTime(86400 * 30) == Local("2025-03-17", 9));
  CHECK_FALSE(agenda.NextTime(86400));
  CHECK(agenda.TakeDue(Local("2025-03-17", 8)).empty());
  auto due = agenda.TakeDue(Local("2025-03-17", 9));
  REQUIRE(due.size() == 1);
  CHECK(due[0].key == "22|省财政厅|participant|2025-Q1|remind-10|0");
  CHECK(agenda.cursor() == Local("2025-03-17", 9));
  CHECK(agenda.TakeDue(Local("2025-03-17", 9)).empty());  // nothing twice
  // Completion stops everything; removal of an unknown ref changes nothing.
  TrackedTask done = *agenda.FindTask("22");
  done.state = TaskState::kCompleted;
  agenda.Update(done);
  agenda.Remove("404");
  CHECK_FALSE(agenda.NextTime(86400 * 3650));
  CHECK(agenda.tasks().size() == 1);
  agenda.Remove("22");
  CHECK(agenda.tasks().empty());
  CHECK(agenda.TakeDue(Local("2026-01-01")).empty());
}

}  // namespace
}  // namespace duban
