// The 考核 counts of targets (指标) met, on hand-computed cases: which agencies answer for a
// task's targets (牵头 and 负责, not 参加), that the reading is taken at the as-of moment,
// and that targets leave the ranking alone. Statuses follow workflow/target_status.h:
// rates (%, 个百分点) are met or behind as they stand; amounts (亿元) may be on track.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tests/workflow/evaluator_test_util.h"
#include "workflow/assessment.h"

namespace duban {
namespace {

using testing::Calendar2025;
using testing::Day;
using testing::Local;
using testing::Shanghai;

Target Confirmed(std::string task, std::string name, std::string unit, double value,
                 TargetPeriod period = TargetPeriod::kYearly, std::string by_date = "") {
  Target target;
  target.task_ref = std::move(task);
  target.name = std::move(name);
  target.unit = std::move(unit);
  target.comparison = TargetComparison::kAtLeast;
  target.value = value;
  target.period = period;
  target.by_date = std::move(by_date);
  target.state = TargetState::kConfirmed;
  return target;
}

void Add(TrackedTask* task, const std::string& agency, int64_t at,
         std::vector<ReportedValue> values) {
  Feedback feedback = testing::Report(task->task.ref, agency, at);
  feedback.values = std::move(values);
  task->feedback.push_back(std::move(feedback));
  std::sort(task->feedback.begin(), task->feedback.end(),
            [](const Feedback& a, const Feedback& b) { return a.at < b.at; });
}

struct Fixture {
  std::vector<TrackedTask> tasks;
  std::vector<Section> sections = {{"一", "一、", "加强规划指导"}, {"二", "二、", "深化改革"}};
  std::map<std::string, int64_t, std::less<>> completed_at;
  Rules rules;

  Fixture() {
    // Task 1 (一): lead 甲, participant 乙. Two confirmed targets and one proposal.
    //   比重提高 ≥3个百分点 yearly: 3.2 on 07-07 (met), 3.5 on 11-20.
    //   增加值比重 ≥20% by 2025-12-31: 15 on 07-07 (a rate below target: behind), 21 on 11-20
    //   (met).
    TrackedTask t1 = testing::QuarterlyTask("1", {"甲"}, {"乙"});
    t1.task.section = "一";
    t1.targets = {Confirmed("1", "比重提高", "个百分点", 3),
                  Confirmed("1", "增加值比重", "%", 20, TargetPeriod::kByDate, "2025-12-31")};
    Target proposal = Confirmed("1", "企业数", "个", 50);
    proposal.state = TargetState::kProposed;  // not tracked: never counted
    t1.targets.push_back(proposal);
    Add(&t1, "甲", Local("2025-07-07", 10), {{"比重提高", 3.2}, {"增加值比重", 15}});
    Add(&t1, "乙", Local("2025-07-01", 10), {});
    Add(&t1, "甲", Local("2025-11-20", 10), {{"比重提高", 3.5}, {"增加值比重", 21}});
    // Task 2 (二): 丁 负责, participant 甲.
    //   投资 ≥100亿元 yearly: 90 on 10-20. At the as-of moment 2025-11-01 00:00 (today
    //   11-01, counted) 305 of 365 days are gone: expected 100 × 305/365 = 83.6; 90 ≥ 83.6:
    //   on track.
    //   新增企业 ≥40个 yearly: never reported: missing.
    TrackedTask t2 = testing::QuarterlyTask("2", {}, {"甲"});
    t2.task.SetAgencies(Role::kResponsible, {"丁"});
    t2.task.section = "二";
    t2.targets = {Confirmed("2", "投资", "亿元", 100), Confirmed("2", "新增企业", "个", 40)};
    Add(&t2, "丁", Local("2025-10-20", 10), {{"投资", 90}});
    // Task 3 (二): lead 甲, no targets.
    TrackedTask t3 = testing::QuarterlyTask("3", {"甲"});
    t3.task.section = "二";
    tasks = {t1, t2, t3};
  }

  Assessment Run(const char* from, const char* to, int64_t now) const {
    AssessmentInput input{tasks, sections, {rules, Calendar2025(), Shanghai()}, completed_at};
    Result<Assessment> result = Assess(input, {Day(from), Day(to), now, ""});
    REQUIRE(result.ok());
    return *result;
  }
};

const AgencyAssessment& Find(const Assessment& assessment, const std::string& name) {
  for (const AgencyAssessment& agency : assessment.agencies) {
    if (agency.agency == name) return agency;
  }
  FAIL("no agency " << name);
  return assessment.agencies.front();
}

TEST_CASE("Assessment counts the targets of the tasks an agency leads or is responsible for",
          "[assessment][targets]") {
  const Assessment a = Fixture().Run("2025-07-01", "2025-10-31", Local("2025-11-25", 10));
  REQUIRE(a.as_of == Local("2025-11-01"));
  // 甲 leads task 1 (比重提高 met, 增加值比重 behind); it is only a participant of task 2,
  // whose targets are 丁's; task 3 has none. The proposal is not counted.
  CHECK(Find(a, "甲").targets == TargetCounts{2, 1, 0, 1, 0});
  // 乙 is a participant only.
  CHECK(Find(a, "乙").targets == TargetCounts{0, 0, 0, 0, 0});
  // 丁 is responsible for task 2: 投资 on track, 新增企业 missing.
  CHECK(Find(a, "丁").targets == TargetCounts{2, 0, 1, 0, 1});
  // Sections and totals count each target once.
  REQUIRE(a.sections.size() == 2);
  CHECK(a.sections[0].targets == TargetCounts{2, 1, 0, 1, 0});
  CHECK(a.sections[1].targets == TargetCounts{2, 0, 1, 0, 1});
  CHECK(a.target_totals == TargetCounts{4, 1, 1, 1, 1});
}

TEST_CASE("Assessment reads targets at the as-of moment, not now", "[assessment][targets]") {
  const Fixture fixture;
  // The same period run later gives the same counts: the 11-20 values are after the as-of.
  CHECK(fixture.Run("2025-07-01", "2025-10-31", Local("2025-12-20", 10)).target_totals ==
        TargetCounts{4, 1, 1, 1, 1});
  // A period to 11-30 sees them: 比重提高 3.5 and 增加值比重 21 both met. 投资's expected
  // share at 12-01 00:00 is 100 × 335/365 = 91.8 > 90: behind now.
  const Assessment later = fixture.Run("2025-07-01", "2025-11-30", Local("2025-12-20", 10));
  CHECK(Find(later, "甲").targets == TargetCounts{2, 2, 0, 0, 0});
  CHECK(Find(later, "丁").targets == TargetCounts{2, 0, 0, 1, 1});
}

TEST_CASE("Assessment ranking does not change with targets", "[assessment][targets]") {
  Fixture with;
  Fixture without;
  for (TrackedTask& task : without.tasks) {
    task.targets.clear();
    for (Feedback& feedback : task.feedback) feedback.values.clear();
  }
  auto ranking = [](const Assessment& a) {
    std::vector<std::pair<std::string, int>> out;
    for (const AgencyAssessment& agency : a.agencies) out.emplace_back(agency.agency, agency.rank);
    return out;
  };
  const Assessment a = with.Run("2025-07-01", "2025-10-31", Local("2025-11-25", 10));
  const Assessment b = without.Run("2025-07-01", "2025-10-31", Local("2025-11-25", 10));
  CHECK(ranking(a) == ranking(b));
  CHECK(b.target_totals == TargetCounts{});
}

}  // namespace
}  // namespace duban
