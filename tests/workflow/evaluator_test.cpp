#include "workflow/evaluator.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "tests/workflow/evaluator_test_util.h"

namespace duban {
namespace {

using namespace duban::testing;

const std::string kLead = "省发改委";
const std::string kPart = "省财政厅";

std::vector<std::string> Run(const std::vector<TrackedTask>& tasks, const Rules& rules, int64_t after,
                             int64_t until, const std::string& agency = "") {
  EvaluationContext context{rules, Calendar2025(), Shanghai()};
  std::vector<std::string> lines;
  for (const Action& action : ActionsBetween(tasks, context, after, until)) {
    if (agency.empty() || action.agency == agency) lines.push_back(action.key + " @ " + LocalText(action.at));
  }
  return lines;
}

// The lead's Q1 2025 ladder with no feedback: due 4-08 (清明 4-04..06 in the way).
const std::vector<std::string> kLeadQ1 = {
    "22|省发改委|lead|2025-Q1|remind-10|0 @ 2025-03-24 09:00",
    "22|省发改委|lead|2025-Q1|remind-3|0 @ 2025-04-02 09:00",
    "22|省发改委|lead|2025-Q1|remind-1|0 @ 2025-04-07 09:00",
    "22|省发改委|lead|2025-Q1|urge|0 @ 2025-04-09 09:00",
    "22|省发改委|lead|2025-Q1|urge|1 @ 2025-04-14 09:00",
    "22|省发改委|lead|2025-Q1|supervise|0 @ 2025-04-15 09:00",
    "22|省发改委|lead|2025-Q1|urge|2 @ 2025-04-17 09:00",
    "22|省发改委|lead|2025-Q1|circulate|0 @ 2025-04-22 09:00",
    "22|省发改委|lead|2025-Q1|urge|3 @ 2025-04-22 09:00",
};

TEST_CASE("a lead's reminders and escalation ladder over 清明", "[evaluator]") {
  auto got = Run({QuarterlyTask("22", {kLead}, {kPart})}, Rules::Defaults(), Local("2025-03-20"),
                 Local("2025-04-23"), kLead);
  CHECK(got == kLeadQ1);
}

TEST_CASE("participants owe 5 working days earlier and are chased on their own date", "[evaluator]") {
  auto got = Run({QuarterlyTask("22", {kLead}, {kPart})}, Rules::Defaults(), Local("2025-03-20"),
                 Local("2025-04-12"), kPart);
  const std::vector<std::string> expected = {
      "22|省财政厅|participant|2025-Q1|remind-3|0 @ 2025-03-26 09:00",
      "22|省财政厅|participant|2025-Q1|remind-1|0 @ 2025-03-28 09:00",
      "22|省财政厅|participant|2025-Q1|urge|0 @ 2025-04-01 09:00",
      "22|省财政厅|participant|2025-Q1|urge|1 @ 2025-04-07 09:00",
      "22|省财政厅|participant|2025-Q1|supervise|0 @ 2025-04-08 09:00",  // 5 working days after 3-31
      "22|省财政厅|participant|2025-Q1|urge|2 @ 2025-04-10 09:00",
  };
  CHECK(got == expected);
}

TEST_CASE("国庆 and its make-up Saturday shape the Q3 ladder", "[evaluator]") {
  TrackedTask task = QuarterlyTask("22", {kLead});
  task.feedback.push_back(Report("22", kLead, Local("2025-04-03", 10)));  // Q1
  task.feedback.push_back(Report("22", kLead, Local("2025-07-03", 10)));  // Q2
  auto got = Run({task}, Rules::Defaults(), Local("2025-09-20"), Local("2025-10-16"));
  const std::vector<std::string> expected = {
      "22|省发改委|lead|2025-Q3|remind-10|0 @ 2025-09-24 09:00",
      "22|省发改委|lead|2025-Q3|remind-3|0 @ 2025-10-10 09:00",
      "22|省发改委|lead|2025-Q3|remind-1|0 @ 2025-10-13 09:00",
      "22|省发改委|lead|2025-Q3|urge|0 @ 2025-10-15 09:00",
  };
  CHECK(got == expected);
}

TEST_CASE("feedback before and after the due date stops what follows it", "[evaluator]") {
  struct Case {
    const char* name;
    std::vector<int64_t> reports;
    bool done;
    std::vector<std::string> expected;  // lead's actions 03-20 .. 04-23
  };
  auto first = [](size_t n) { return std::vector<std::string>(kLeadQ1.begin(), kLeadQ1.begin() + n); };
  const Case cases[] = {
      {"none", {}, false, kLeadQ1},
      {"before the due date", {Local("2025-04-03", 10)}, false, first(2)},
      {"in the period, long before", {Local("2025-03-10", 15)}, false, {}},
      {"after the due date", {Local("2025-04-16", 10)}, false, first(6)},
      {"exactly at a sending: that one is not sent", {Local("2025-04-14", 9)}, false, first(4)},
      {"a second after a sending: it was sent", {Local("2025-04-14", 9) + 1}, false, first(5)},
      {"done", {Local("2025-04-03", 10)}, true, first(2)},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    TrackedTask task = QuarterlyTask("22", {kLead}, {kPart});
    for (int64_t at : c.reports) task.feedback.push_back(Report("22", kLead, at, c.done));
    CHECK(Run({task}, Rules::Defaults(), Local("2025-03-20"), Local("2025-04-23"), kLead) == c.expected);
    // The participant is not satisfied by the lead's report.
    CHECK(Run({task}, Rules::Defaults(), Local("2025-04-09"), Local("2025-04-10", 12), kPart).size() == 1);
  }
}

TEST_CASE("each report satisfies the earliest open occurrence that has started", "[evaluator]") {
  const Rules rules = Rules::Defaults();
  TrackedTask late = QuarterlyTask("22", {kLead});
  // Reported on 4-20, in Q2's period: it still counts for the open Q1.
  late.feedback.push_back(Report("22", kLead, Local("2025-04-20", 10)));
  auto q2 = Run({late}, rules, Local("2025-06-01"), Local("2025-07-09"));
  CHECK(q2.size() == 4);  // Q2: remind-10, -3, -1, urge
  CHECK(q2.front().find("|2025-Q2|remind-10|0") != std::string::npos);

  TrackedTask early = late;
  early.feedback.push_back(Report("22", kLead, Local("2025-04-21", 10)));  // now Q2, early
  CHECK(Run({early}, rules, Local("2025-06-01"), Local("2025-07-09")).empty());
  // Q3 is open again.
  CHECK(Run({early}, rules, Local("2025-09-20"), Local("2025-09-30")).size() == 1);

  TrackedTask done = QuarterlyTask("22", {kLead});
  done.feedback.push_back(Report("22", kLead, Local("2025-02-01", 10), true));
  CHECK(Run({done}, rules, Local("2025-01-01"), Local("2026-12-31")).empty());
}

TEST_CASE("only active tasks are chased", "[evaluator]") {
  for (TaskState state : {TaskState::kSuspended, TaskState::kCompleted, TaskState::kRemoved}) {
    INFO(TaskStateName(state));
    TrackedTask task = QuarterlyTask("22", {kLead}, {kPart});
    task.state = state;
    CHECK(Run({task}, Rules::Defaults(), Local("2025-01-01"), Local("2026-06-30")).empty());
    CHECK(ParseTaskState(TaskStateName(state)) == state);
  }
  CHECK_FALSE(ParseTaskState("paused"));
}

TEST_CASE("a task imported late gets no retroactive reminders nor escalations", "[evaluator]") {
  TrackedTask task = QuarterlyTask("22", {kLead}, {kPart});
  task.tracking_start = Day("2025-03-28");  // Q1: lead due 4-08, participants 3-31
  auto got = Run({task}, Rules::Defaults(), Local("2025-01-01"), Local("2025-04-09", 12));
  const std::vector<std::string> expected = {
      "22|省财政厅|participant|2025-Q1|remind-1|0 @ 2025-03-28 09:00",  // the start's send time
      "22|省财政厅|participant|2025-Q1|urge|0 @ 2025-04-01 09:00",
      "22|省发改委|lead|2025-Q1|remind-3|0 @ 2025-04-02 09:00",
      "22|省发改委|lead|2025-Q1|remind-1|0 @ 2025-04-07 09:00",
      "22|省财政厅|participant|2025-Q1|urge|1 @ 2025-04-07 09:00",
      "22|省财政厅|participant|2025-Q1|supervise|0 @ 2025-04-08 09:00",
      "22|省发改委|lead|2025-Q1|urge|0 @ 2025-04-09 09:00",
  };
  CHECK(got == expected);
}

TEST_CASE("an occurrence owed before tracking began is not owed and takes no report", "[evaluator]") {
  TrackedTask task = QuarterlyTask("9", {kLead}, {kPart});
  task.deadline.cycle = ReportCycle::kMonthly;
  task.deadline.final_due.reset();
  // M01 is due 2-10 (春节, then Saturday 2-08 worked); the participants' input on 1-27.
  task.tracking_start = Day("2025-01-29");
  auto got = Run({task}, Rules::Defaults(), Local("2025-01-01"), Local("2025-02-13"));
  const std::vector<std::string> expected = {
      "9|省发改委|lead|2025-M01|remind-3|0 @ 2025-02-06 09:00",
      "9|省发改委|lead|2025-M01|remind-1|0 @ 2025-02-08 09:00",  // a make-up Saturday
      "9|省发改委|lead|2025-M01|urge|0 @ 2025-02-11 09:00",
  };
  CHECK(got == expected);  // nothing for the participants' M01, nor remind-10 (1-21)
  CHECK(Run({task}, Rules::Defaults(), Local("2025-02-13"), Local("2025-02-14", 12), kPart) ==
        std::vector<std::string>{"9|省财政厅|participant|2025-M02|remind-10|0 @ 2025-02-14 09:00"});
  // A participant's report on 2-03 (a holiday, in February's period) is February's.
  task.feedback.push_back(Report("9", kPart, Local("2025-02-03", 10)));
  CHECK(Run({task}, Rules::Defaults(), Local("2025-01-29"), Local("2025-03-10"), kPart).empty());
  CHECK_FALSE(Run({task}, Rules::Defaults(), Local("2025-03-10"), Local("2025-03-31"), kPart).empty());
}

TEST_CASE("send time, quiet hours and roles come from the rules", "[evaluator]") {
  const TrackedTask task = QuarterlyTask("22", {kLead}, {kPart});
  struct Case {
    const char* name;
    Rules rules;
    std::vector<std::string> expected;  // 04-01 .. 04-10
  };
  Rules afternoon = Rules::Defaults();
  afternoon.send.send_minute = 14 * 60 + 30;
  Rules quiet = Rules::Defaults();
  quiet.send.send_minute = 22 * 60;  // inside quiet hours: moved to their end, 08:00
  Rules leads_only = Rules::Defaults();
  leads_only.reminders[0].roles = {Role::kLead};
  leads_only.escalation.resize(1);
  leads_only.escalation[0].roles = {Role::kLead};
  leads_only.escalation[0].repeat_every_working_days = 0;
  Rules renamed;  // a different ladder: different keys and times
  renamed.reminders.push_back(ReminderRule{{}, {5}, {Recipient::kContact}, {Channel::kWebhook}});
  EscalationStep cuiban;
  cuiban.name = "cuiban";
  cuiban.delay_working_days = 2;
  cuiban.repeat_every_working_days = 1;
  cuiban.max_repeats = 1;
  cuiban.roles = {Role::kLead};
  renamed.escalation = {cuiban};
  const Case cases[] = {
      {"14:30", afternoon,
       {"22|省财政厅|participant|2025-Q1|urge|0 @ 2025-04-01 14:30",
        "22|省发改委|lead|2025-Q1|remind-3|0 @ 2025-04-02 14:30",
        "22|省发改委|lead|2025-Q1|remind-1|0 @ 2025-04-07 14:30",
        "22|省财政厅|participant|2025-Q1|urge|1 @ 2025-04-07 14:30",
        "22|省财政厅|participant|2025-Q1|supervise|0 @ 2025-04-08 14:30",
        "22|省发改委|lead|2025-Q1|urge|0 @ 2025-04-09 14:30",
        "22|省财政厅|participant|2025-Q1|urge|2 @ 2025-04-10 14:30"}},
      {"quiet", quiet,
       {"22|省财政厅|participant|2025-Q1|urge|0 @ 2025-04-01 08:00",
        "22|省发改委|lead|2025-Q1|remind-3|0 @ 2025-04-02 08:00",
        "22|省发改委|lead|2025-Q1|remind-1|0 @ 2025-04-07 08:00",
        "22|省财政厅|participant|2025-Q1|urge|1 @ 2025-04-07 08:00",
        "22|省财政厅|participant|2025-Q1|supervise|0 @ 2025-04-08 08:00",
        "22|省发改委|lead|2025-Q1|urge|0 @ 2025-04-09 08:00",
        "22|省财政厅|participant|2025-Q1|urge|2 @ 2025-04-10 08:00"}},
      {"leads only", leads_only,
       {"22|省发改委|lead|2025-Q1|remind-3|0 @ 2025-04-02 09:00",
        "22|省发改委|lead|2025-Q1|remind-1|0 @ 2025-04-07 09:00",
        "22|省发改委|lead|2025-Q1|urge|0 @ 2025-04-09 09:00"}},
      {"another ladder", renamed,
       {"22|省发改委|lead|2025-Q1|cuiban|0 @ 2025-04-10 09:00"}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    CHECK(Run({task}, c.rules, Local("2025-04-01"), Local("2025-04-10", 23)) == c.expected);
  }
  // remind-5 for the lead's Q1 is 3-31, the participants' 3-24.
  CHECK(Run({task}, renamed, Local("2025-03-20"), Local("2025-04-01")) ==
        std::vector<std::string>{"22|省财政厅|participant|2025-Q1|remind-5|0 @ 2025-03-24 09:00",
                                 "22|省发改委|lead|2025-Q1|remind-5|0 @ 2025-03-31 09:00"});
  // cuiban repeats once, the next working day, then stops: Q1's repeat on 4-11, then two
  // for each of Q2, Q3, the final deadline and Q4 (its repeat on 2026-01-09).
  auto later = Run({task}, renamed, Local("2025-04-11"), Local("2026-12-31"));
  int cuiban_count = 0;
  for (const auto& line : later) {
    if (line.find("|cuiban|") != std::string::npos) ++cuiban_count;
    CHECK(line.find("|cuiban|2") == std::string::npos);
  }
  CHECK(cuiban_count == 9);
}

TEST_CASE("actions carry level, recipients, channels, due date and a reason", "[evaluator]") {
  Rules rules = Rules::Defaults();
  rules.reminders.push_back(ReminderRule{{Role::kLead}, {3}, {Recipient::kLeadership}, {Channel::kWebhook}});
  EvaluationContext context{rules, Calendar2025(), Shanghai()};
  auto actions = ActionsBetween({QuarterlyTask("22", {kLead}, {kPart})}, context, Local("2025-04-02"),
                                Local("2025-04-17", 12));
  std::set<std::string> keys;
  for (const auto& a : actions) CHECK(keys.insert(a.key).second);
  auto find = [&](const std::string& key) -> const Action& {
    for (const auto& a : actions) {
      if (a.key == key) return a;
    }
    FAIL("no action " << key);
    return actions.front();
  };
  const Action& remind = find("22|省发改委|lead|2025-Q1|remind-3|0");
  CHECK(remind.level == Level::kRemind);
  CHECK(remind.due == Day("2025-04-08"));
  CHECK(remind.reason == "3 working days before the 2025-Q1 report due 2025-04-08");
  // Two rules with offset 3 for leads make one message to both recipients on both channels.
  CHECK(remind.recipients == std::vector<Recipient>{Recipient::kContact, Recipient::kLeadership});
  CHECK(remind.channels == std::vector<Channel>{Channel::kEmail, Channel::kWebhook});
  const Action& urge = find("22|省发改委|lead|2025-Q1|urge|2");
  CHECK(urge.level == Level::kUrge);
  CHECK(urge.repeat == 2);
  CHECK(urge.reason == "urge #3: 2025-Q1 report due 2025-04-08 missed by 7 working days");
  const Action& supervise = find("22|省财政厅|participant|2025-Q1|supervise|0");
  CHECK(supervise.level == Level::kSupervise);
  CHECK(supervise.due == Day("2025-03-31"));
  CHECK(supervise.recipients == std::vector<Recipient>{Recipient::kLeadership, Recipient::kOffice});
  CHECK(supervise.reason ==
        "supervise: participants' input for the 2025-Q1 report due 2025-03-31 missed by 5 working days");
  for (const auto& a : actions) {
    LocalTime local = Shanghai().ToLocal(a.at);
    CHECK(Calendar2025().IsWorkingDay(local.date));
    CHECK_FALSE(rules.send.IsQuiet(local.minute_of_day));
  }
}

TEST_CASE("an agency named twice is chased once, in its first role", "[evaluator]") {
  TrackedTask task = QuarterlyTask("22", {kLead}, {kPart, kLead});
  task.task.SetAgencies(Role::kResponsible, {kPart});
  auto got = Run({task}, Rules::Defaults(), Local("2025-04-01"), Local("2025-04-02", 12));
  const std::vector<std::string> expected = {
      "22|省财政厅|participant|2025-Q1|urge|0 @ 2025-04-01 09:00",
      "22|省发改委|lead|2025-Q1|remind-3|0 @ 2025-04-02 09:00",
  };
  CHECK(got == expected);
}

TEST_CASE("the next action time is the first action after a moment", "[evaluator]") {
  const Rules rules = Rules::Defaults();
  EvaluationContext context{rules, Calendar2025(), Shanghai()};
  std::vector<TrackedTask> tasks = {QuarterlyTask("22", {kLead}, {kPart})};
  CHECK(NextActionTime(tasks, context, Local("2025-03-01"), 86400 * 30) == Local("2025-03-17", 9));
  CHECK(NextActionTime(tasks, context, Local("2025-03-17", 9), 86400 * 30) == Local("2025-03-24", 9));
  CHECK_FALSE(NextActionTime(tasks, context, Local("2025-03-01"), 86400 * 10));
  tasks[0].state = TaskState::kSuspended;
  CHECK_FALSE(NextActionTime(tasks, context, Local("2025-03-01"), 86400 * 3650));
  // With no final due date, the urge never stops until somebody reports.
  TrackedTask open = QuarterlyTask("7", {kLead});
  open.deadline.final_due.reset();
  open.feedback.push_back(Report("7", kLead, Local("2025-02-01"), false));
  tasks = {open};
  auto next = NextActionTime(tasks, context, Local("2027-03-01"), 86400 * 30);
  REQUIRE(next);
  CHECK(*next > Local("2027-03-01"));
}

}  // namespace
}  // namespace duban
