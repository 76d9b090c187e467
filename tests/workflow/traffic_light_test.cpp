#include "workflow/traffic_light.h"

#include <catch2/catch.hpp>

#include "tests/workflow/evaluator_test_util.h"

namespace duban {
namespace {

using namespace duban::testing;

const std::string kLead = "省发改委";
const std::string kPart = "省财政厅";

TEST_CASE("light names", "[light]") {
  for (Light light : {Light::kNone, Light::kGreen, Light::kYellow, Light::kRed}) {
    CHECK(ParseLight(LightName(light)) == light);
  }
  CHECK(LightNameZh(Light::kRed) == "红");
  CHECK(ParseLight("黄") == Light::kYellow);
  CHECK_FALSE(ParseLight("blue"));
}

// Q1 2025: the lead owes 4-08 (64 working days from 1-02), the participant 3-31 (59).
TEST_CASE("traffic light of a task over its agencies", "[light]") {
  struct Case {
    const char* name;
    const char* day;
    std::vector<std::pair<std::string, const char*>> reports;  // agency, day
    Light light;
    std::string reason;
  };
  const Case cases[] = {
      {"both on track", "2025-03-03", {}, Light::kGreen,
       "省财政厅 (participant): next is 2025-Q1, due 2025-03-31 (20 working days left)"},
      {"under 30% of the participant's window left", "2025-03-10", {}, Light::kYellow,
       "省财政厅 (participant) has not reported for 2025-Q1, due 2025-03-31 (15 working days left)"},
      {"both near; the nearer named", "2025-03-26", {}, Light::kYellow,
       "省财政厅 (participant) has not reported for 2025-Q1, due 2025-03-31 (3 working days left)"},
      {"the participant reported", "2025-03-26", {{kPart, "2025-03-25"}}, Light::kYellow,
       "省发改委 (lead) has not reported for 2025-Q1, due 2025-04-08 (8 working days left)"},
      {"the participant is overdue", "2025-04-01", {}, Light::kRed,
       "省财政厅 (participant) has not reported for 2025-Q1, due 2025-03-31 (1 working day overdue)"},
      {"the lead's due day", "2025-04-08", {{kPart, "2025-03-25"}}, Light::kYellow,
       "省发改委 (lead) has not reported for 2025-Q1, due 2025-04-08 (due today)"},
      {"overdue over a weekend", "2025-04-12", {{kPart, "2025-03-25"}}, Light::kRed,
       "省发改委 (lead) has not reported for 2025-Q1, due 2025-04-08 (3 working days overdue)"},
      {"a later report does not count yet", "2025-04-12", {{kPart, "2025-03-25"}, {kLead, "2025-04-13"}},
       Light::kRed, "省发改委 (lead) has not reported for 2025-Q1, due 2025-04-08 (3 working days overdue)"},
      {"both reported: next quarter", "2025-04-12", {{kPart, "2025-03-25"}, {kLead, "2025-04-09"}},
       Light::kGreen, "省财政厅 (participant): next is 2025-Q2, due 2025-06-30 (53 working days left)"},
  };
  const Rules rules = Rules::Defaults();
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  for (const auto& c : cases) {
    INFO(c.name);
    TrackedTask task = QuarterlyTask("22", {kLead}, {kPart});
    for (const auto& [agency, day] : c.reports) task.feedback.push_back(Report("22", agency, Local(day, 10)));
    LightReading reading = TaskLight(task, context, Local(c.day, 12));
    CHECK(reading.light == c.light);
    CHECK(reading.reason == c.reason);
  }
}

TEST_CASE("yellow thresholds come from the rules", "[light]") {
  const TrackedTask task = QuarterlyTask("22", {kLead});
  struct Case {
    int days;
    double share;
    const char* day;
    Light light;
  };
  const Case cases[] = {
      {5, 0.3, "2025-03-03", Light::kGreen},   // 25 of 64 left: 39%
      {5, 0.5, "2025-03-03", Light::kYellow},  // under half left
      {30, 0.0, "2025-03-03", Light::kYellow}, // within 30 working days
      {0, 0.0, "2025-04-07", Light::kGreen},   // no threshold: green until overdue
      {0, 0.0, "2025-04-09", Light::kRed},
  };
  for (const auto& c : cases) {
    INFO(c.day << " " << c.days << " " << c.share);
    Rules rules = Rules::Defaults();
    rules.light.yellow_working_days = c.days;
    rules.light.yellow_share = c.share;
    const EvaluationContext context{rules, Calendar2025(), Shanghai()};
    CHECK(TaskLight(task, context, Local(c.day, 12)).light == c.light);
  }
}

TEST_CASE("no light for tasks not tracked or with nothing due", "[light]") {
  const Rules rules = Rules::Defaults();
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  TrackedTask suspended = QuarterlyTask("22", {kLead});
  suspended.state = TaskState::kSuspended;
  LightReading reading = TaskLight(suspended, context, Local("2025-04-12"));
  CHECK(reading.light == Light::kNone);
  CHECK(reading.reason == "task 22 is suspended");
  TrackedTask undated = QuarterlyTask("23", {kLead});
  undated.deadline = DeadlineSpec{};
  CHECK(TaskLight(undated, context, Local("2025-04-12")).light == Light::kNone);
  TrackedTask done = QuarterlyTask("24", {kLead});
  done.feedback.push_back(Report("24", kLead, Local("2025-02-01", 10), true));
  reading = TaskLight(done, context, Local("2025-12-01"));
  CHECK(reading.light == Light::kGreen);
  CHECK(reading.reason == "省发改委 (lead) has reported for everything due");
}

TEST_CASE("an agency's light is its worst over its tasks in any role", "[light]") {
  const Rules rules = Rules::Defaults();
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  std::vector<TrackedTask> tasks = {QuarterlyTask("22", {kLead}), QuarterlyTask("23", {"省科技厅"}, {kLead}),
                                    QuarterlyTask("24", {kPart})};
  tasks[0].feedback.push_back(Report("22", kLead, Local("2025-03-20", 10)));
  LightReading reading = AgencyLight(tasks, kLead, context, Local("2025-04-01", 12));
  CHECK(reading.light == Light::kRed);
  CHECK(reading.reason ==
        "task 23: 省发改委 (participant) has not reported for 2025-Q1, due 2025-03-31 (1 working day overdue)");
  tasks[1].state = TaskState::kCompleted;
  CHECK(AgencyLight(tasks, kLead, context, Local("2025-04-01", 12)).light == Light::kGreen);
  CHECK(AgencyLight(tasks, "省统计局", context, Local("2025-04-01", 12)).light == Light::kNone);
}

}  // namespace
}  // namespace duban
