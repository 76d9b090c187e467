// The traffic light's target rule ([lights] behind_target = "yellow"): a behind target
// turns a green task yellow; red and yellow keep their deadline reasons.
#include "workflow/traffic_light.h"

#include <catch2/catch.hpp>

#include "tests/workflow/evaluator_test_util.h"

namespace duban {
namespace {

using namespace duban::testing;

const std::string kLead = "省发改委";
const std::string kPart = "省财政厅";

Target Confirmed(std::string name, double value, std::string unit) {
  Target target;
  target.task_ref = "22";
  target.name = std::move(name);
  target.value = value;
  target.unit = std::move(unit);
  target.state = TargetState::kConfirmed;
  return target;
}

// Q1 2025 as in traffic_light_test.cpp: on 2025-03-03 both agencies are green, on
// 2025-03-26 the participant is yellow, on 2025-04-01 it is red.
TrackedTask TaskReporting(double growth) {
  TrackedTask task = QuarterlyTask("22", {kLead}, {kPart});
  task.targets = {Confirmed("生产总值增长", 7, "%")};
  Feedback report = Report("22", kLead, Local("2025-02-28", 10));
  report.values = {{"生产总值增长", growth}};
  task.feedback.push_back(report);
  return task;
}

TEST_CASE("a behind target turns a green task yellow when the rules say so", "[target][light]") {
  Rules rules = Rules::Defaults();
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  const TrackedTask behind = TaskReporting(5.1);
  CHECK(TaskLight(behind, context, Local("2025-03-03", 12)).light == Light::kGreen);  // off

  rules.light.behind_target_yellow = true;
  LightReading reading = TaskLight(behind, context, Local("2025-03-03", 12));
  CHECK(reading.light == Light::kYellow);
  CHECK(reading.reason == "target 生产总值增长 ≥7% is behind: last reported 5.1 on 2025-02-28");

  CHECK(TaskLight(TaskReporting(7.2), context, Local("2025-03-03", 12)).light == Light::kGreen);

  // Yellow and red keep their own reasons: a missing report is the more urgent matter.
  reading = TaskLight(behind, context, Local("2025-03-26", 12));
  CHECK(reading.light == Light::kYellow);
  CHECK(reading.reason ==
        "省财政厅 (participant) has not reported for 2025-Q1, due 2025-03-31 (3 working days left)");
  reading = TaskLight(behind, context, Local("2025-04-01", 12));
  CHECK(reading.light == Light::kRed);
  CHECK(reading.reason ==
        "省财政厅 (participant) has not reported for 2025-Q1, due 2025-03-31 (1 working day overdue)");

  // A suspended task has no light, whatever its targets.
  TrackedTask suspended = behind;
  suspended.state = TaskState::kSuspended;
  CHECK(TaskLight(suspended, context, Local("2025-03-03", 12)).light == Light::kNone);
}

// 2025-01-01 .. 2025-03-03 is 62 days of 365: 100 × 62/365 = 16.99 expected.
TEST_CASE("a count behind its pro-rata share names what was expected", "[target][light]") {
  Rules rules = Rules::Defaults();
  rules.light.behind_target_yellow = true;
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  TrackedTask task = TaskReporting(7.2);
  task.targets.push_back(Confirmed("新增企业", 100, "家"));
  task.feedback.back().values.push_back({"新增企业", 10});
  LightReading reading = TaskLight(task, context, Local("2025-03-03", 12));
  CHECK(reading.light == Light::kYellow);
  CHECK(reading.reason ==
        "target 新增企业 ≥100家 is behind: last reported 10 on 2025-02-28, 16.99 expected by now");
  task.feedback.back().values.back().value = 17;
  CHECK(TaskLight(task, context, Local("2025-03-03", 12)).light == Light::kGreen);
}

TEST_CASE("an agency's light takes the target rule for the tasks it owns", "[target][light]") {
  Rules rules = Rules::Defaults();
  rules.light.behind_target_yellow = true;
  const EvaluationContext context{rules, Calendar2025(), Shanghai()};
  const std::vector<TrackedTask> tasks = {TaskReporting(5.1)};
  LightReading reading = AgencyLight(tasks, kLead, context, Local("2025-03-03", 12));
  CHECK(reading.light == Light::kYellow);
  CHECK(reading.reason ==
        "task 22: target 生产总值增长 ≥7% is behind: last reported 5.1 on 2025-02-28");
  // The participant feeds the lead; the figure is not its to deliver.
  CHECK(AgencyLight(tasks, kPart, context, Local("2025-03-03", 12)).light == Light::kGreen);
}

}  // namespace
}  // namespace duban
