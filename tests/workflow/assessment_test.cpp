// The 考核 arithmetic on hand-computed cases, over the 2025 State Council calendar
// (evaluator_test_util.h): 国庆节、中秋节 2025-10-01..08, 调休 make-up Saturday 2025-10-11,
// 清明 2025-04-04..06. Every expected number below is worked out by hand in the comments,
// not copied from the code's output.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "tests/workflow/evaluator_test_util.h"
#include "workflow/assessment.h"

namespace duban {
namespace {

using testing::Calendar2025;
using testing::Day;
using testing::Local;
using testing::Report;
using testing::Shanghai;

// Quarterly reports due 5 working days after each quarter; participants 5 working days
// earlier; tracked from 2025-04-01 (so Q2 is the first report). Hand-computed due dates:
//   Q2 (ends Mon 06-30): lead  07-01(1) 07-02(2) 07-03(3) 07-04(4) 07-07(5)   -> 07-07
//                        participant: 5 working days before 07-07: 07-04, 07-03, 07-02,
//                        07-01, 06-30                                      -> 06-30
//   Q3 (ends Tue 09-30): lead  10-01..08 holiday, 10-09(1) 10-10(2) 10-11 Sat 调休(3)
//                        10-13(4) 10-14(5)                                 -> 10-14
//                        participant: 10-13, 10-11(调休), 10-10, 10-09, (holiday) 09-30
//                                                                          -> 09-30
// In the period 2025-07-01..10-31 a lead owes Q2 (07-07) and Q3 (10-14); a participant
// owes only Q3 (09-30): its Q2 due date 06-30 is before the period.
TrackedTask Quarterly(std::string ref, std::string section, std::vector<std::string> lead,
                      std::vector<std::string> participants = {},
                      std::vector<std::string> responsible = {}) {
  TrackedTask task = testing::QuarterlyTask(std::move(ref), std::move(lead), std::move(participants));
  task.task.SetAgencies(Role::kResponsible, responsible);
  task.task.section = std::move(section);
  task.tracking_start = Day("2025-04-01");
  return task;
}

void Add(TrackedTask* task, const std::string& agency, int64_t at) {
  task->feedback.push_back(Report(task->task.ref, agency, at));
  std::sort(task->feedback.begin(), task->feedback.end(),
            [](const Feedback& a, const Feedback& b) { return a.at < b.at; });
}

struct Fixture {
  std::vector<TrackedTask> tasks;
  std::vector<Section> sections = {{"一", "一、", "加强规划指导"}, {"二", "二、", "深化改革"}};
  std::map<std::string, int64_t, std::less<>> completed_at;
  Rules rules;

  Fixture() {
    // Task 1 (一): lead 甲, participants 乙 and 丁.
    TrackedTask t1 = Quarterly("1", "一", {"甲"}, {"乙", "丁"});
    Add(&t1, "甲", Local("2025-07-07", 15));  // Q2 on its due day: on time
    Add(&t1, "甲", Local("2025-10-16", 10));  // Q3 due 10-14: late, (10-14, 10-16] = 10-15,
                                              // 10-16 -> 2 working days
    Add(&t1, "乙", Local("2025-06-27", 9));   // Q2 (due 06-30, before the period)
    Add(&t1, "乙", Local("2025-10-09", 9));   // Q3 due 09-30: late; (09-30, 10-09] spans the
                                              // 8-day holiday: only 10-09 -> 1 working day
    Add(&t1, "丁", Local("2025-06-25", 9));   // Q2, before the period
    Add(&t1, "丁", Local("2025-09-29", 9));   // Q3 due 09-30: on time
    // Task 2 (一): lead 乙, participant 丙.
    TrackedTask t2 = Quarterly("2", "一", {"乙"}, {"丙"});
    Add(&t2, "乙", Local("2025-07-04", 9));   // Q2 due 07-07: on time
    Add(&t2, "乙", Local("2025-10-14", 9));   // Q3 due 10-14: on time
    Add(&t2, "丙", Local("2025-06-20", 9));   // Q2, before the period
    Add(&t2, "丙", Local("2025-10-13", 9));   // Q3 due 09-30: late; (09-30, 10-13] = 10-09,
                                              // 10-10, 10-11 (调休 Saturday), 10-13 -> 4
    // Task 3 (二): lead 丙, participant 甲.
    TrackedTask t3 = Quarterly("3", "二", {"丙"}, {"甲"});
    Add(&t3, "丙", Local("2025-07-09", 9));   // Q2 due 07-07: late, 07-08, 07-09 -> 2;
                                              // Q3 (due 10-14): never -> missing
    Add(&t3, "甲", Local("2025-06-30", 9));   // Q2, before the period
    Add(&t3, "甲", Local("2025-09-30", 17));  // Q3 due 09-30: on time (same day)
    // Task 4 (二): 丁 负责 (counted as 牵头).
    TrackedTask t4 = Quarterly("4", "二", {}, {}, {"丁"});
    Add(&t4, "丁", Local("2025-07-01", 9));   // Q2 due 07-07: on time
    Add(&t4, "丁", Local("2025-10-15", 9));   // Q3 due 10-14: late, 10-15 -> 1
    // Task 5 (二): suspended, 甲 never reported: left out of every count.
    TrackedTask t5 = Quarterly("5", "二", {"甲"});
    t5.state = TaskState::kSuspended;
    // Task 6 (二): lead 戊, completed 2025-10-01, never reported: Q2 (07-07) missing; Q3
    // (10-14) is due after completion, so not owed.
    TrackedTask t6 = Quarterly("6", "二", {"戊"});
    t6.state = TaskState::kCompleted;
    completed_at["6"] = Local("2025-10-01", 10);
    tasks = {t1, t2, t3, t4, t5, t6};
  }

  Assessment Run(const char* from, const char* to, int64_t now, std::string section = "") {
    AssessmentInput input{tasks, sections, {rules, Calendar2025(), Shanghai()}, completed_at};
    Result<Assessment> result = Assess(input, {Day(from), Day(to), now, std::move(section)});
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

TEST_CASE("Assessment counts due, on time, late working days and missing by hand", "[assessment]") {
  Fixture fixture;
  const Assessment a = fixture.Run("2025-07-01", "2025-10-31", Local("2025-11-15", 10));
  CHECK(a.as_of == Local("2025-11-01"));  // the end of 10-31, before now
  CHECK(a.as_of_local == "2025-10-31 24:00");
  CHECK(a.tasks == 5);  // 1, 2, 3, 4, 6 (5 is suspended)

  // 甲: task 1 lead Q2 on time, Q3 late 2; task 3 participant Q3 on time.
  const AgencyAssessment& jia = Find(a, "甲");
  CHECK(jia.lead_tasks == 1);
  CHECK(jia.participant_tasks == 1);
  CHECK(jia.counts.due == 3);
  CHECK(jia.counts.on_time == 2);
  CHECK(jia.counts.late == 1);
  CHECK(jia.counts.late_working_days == 2);
  CHECK(jia.counts.missing == 0);
  CHECK(FormatRate(jia.counts.rate()) == "66.7%");
  // 乙: task 2 lead Q2, Q3 on time; task 1 participant Q3 late 1 (the holiday is skipped).
  const AgencyAssessment& yi = Find(a, "乙");
  CHECK(yi.counts.due == 3);
  CHECK(yi.counts.on_time == 2);
  CHECK(yi.counts.late == 1);
  CHECK(yi.counts.late_working_days == 1);
  // 丙: task 3 lead Q2 late 2, Q3 missing; task 2 participant Q3 late 4 (调休 counted).
  const AgencyAssessment& bing = Find(a, "丙");
  CHECK(bing.counts.due == 3);
  CHECK(bing.counts.on_time == 0);
  CHECK(bing.counts.late == 2);
  CHECK(bing.counts.late_working_days == 6);
  CHECK(bing.counts.max_late_working_days == 4);
  CHECK(bing.counts.missing == 1);
  CHECK(FormatRate(bing.counts.rate()) == "0.0%");
  // 丁: task 4 负责 Q2 on time, Q3 late 1; task 1 participant Q3 on time.
  const AgencyAssessment& ding = Find(a, "丁");
  CHECK(ding.lead_tasks == 1);
  CHECK(ding.participant_tasks == 1);
  CHECK(ding.counts.due == 3);
  CHECK(ding.counts.on_time == 2);
  CHECK(ding.counts.late_working_days == 1);
  // 戊: task 6 Q2 missing; Q3 due after completion is not owed.
  const AgencyAssessment& wu = Find(a, "戊");
  CHECK(wu.counts.due == 1);
  CHECK(wu.counts.missing == 1);

  // Totals: due 3+3+3+3+1 = 13, on time 2+2+0+2+0 = 6, late 1+1+2+1 = 5 (2+1+6+1 = 10
  // working days), missing 1 (丙) + 1 (戊) = 2.
  CHECK(a.totals.due == 13);
  CHECK(a.totals.on_time == 6);
  CHECK(a.totals.late == 5);
  CHECK(a.totals.late_working_days == 10);
  CHECK(a.totals.missing == 2);

  REQUIRE(a.suspended.size() == 1);
  CHECK(a.suspended[0].ref == "5");
}

TEST_CASE("Assessment ranks by rate then missing then late days and ties share a rank", "[assessment]") {
  Fixture fixture;
  const Assessment a = fixture.Run("2025-07-01", "2025-10-31", Local("2025-11-15", 10));
  // 丁 and 乙: 2/3, no missing, 1 late working day: tied at 1 (丁 U+4E01 before 乙 U+4E59).
  // 甲: 2/3, no missing, 2 late days: 3. 戊: 0/1, 1 missing, 0 late days: 4. 丙: 0/3, 1
  // missing, 6 late days: 5.
  std::vector<std::pair<std::string, int>> ranking;
  for (const AgencyAssessment& agency : a.agencies) ranking.emplace_back(agency.agency, agency.rank);
  CHECK(ranking == std::vector<std::pair<std::string, int>>{
                       {"丁", 1}, {"乙", 1}, {"甲", 3}, {"戊", 4}, {"丙", 5}});
}

TEST_CASE("Assessment summarises each section", "[assessment]") {
  Fixture fixture;
  const Assessment a = fixture.Run("2025-07-01", "2025-10-31", Local("2025-11-15", 10));
  REQUIRE(a.sections.size() == 2);
  // 一: tasks 1, 2. Task 1: 甲 on, 甲 late 2, 乙 late 1, 丁 on; task 2: 乙 on, 乙 on, 丙 late 4.
  CHECK(a.sections[0].title == "一、加强规划指导");
  CHECK(a.sections[0].tasks == 2);
  CHECK(a.sections[0].counts.due == 7);
  CHECK(a.sections[0].counts.on_time == 4);
  CHECK(a.sections[0].counts.late == 3);
  CHECK(a.sections[0].counts.late_working_days == 7);
  CHECK(FormatRate(a.sections[0].counts.rate()) == "57.1%");  // 4/7
  // 二: tasks 3, 4, 6 (5 suspended). 丙 late 2, 丙 missing, 甲 on; 丁 on, 丁 late 1; 戊 missing.
  CHECK(a.sections[1].tasks == 3);
  CHECK(a.sections[1].counts.due == 6);
  CHECK(a.sections[1].counts.on_time == 2);
  CHECK(a.sections[1].counts.missing == 2);
  CHECK(FormatRate(a.sections[1].counts.rate()) == "33.3%");  // 2/6

  const Assessment only = fixture.Run("2025-07-01", "2025-10-31", Local("2025-11-15", 10), "二");
  CHECK(only.tasks == 3);
  CHECK(only.totals.due == 6);
  CHECK(only.suspended.size() == 1);
}

TEST_CASE("Assessment before the period ends: feedback after now is unknown, open due dates ahead are not yet due", "[assessment]") {
  Fixture fixture;
  // now = 2025-10-14 12:00: 甲's 10-16 and 丁's 10-15 reports have not arrived; Q3 lead
  // due dates (10-14) have not ended: not yet due, not missing. 乙's 10-14 09:00 report is in.
  const Assessment a = fixture.Run("2025-07-01", "2025-10-31", Local("2025-10-14", 12));
  CHECK(a.as_of == Local("2025-10-14", 12));
  CHECK(a.as_of_local == "2025-10-14 12:00");
  const AgencyAssessment& jia = Find(a, "甲");
  CHECK(jia.counts.on_time == 2);
  CHECK(jia.counts.late == 0);
  CHECK(jia.counts.not_yet_due == 1);
  CHECK(FormatRate(jia.counts.rate()) == "100.0%");
  const AgencyAssessment& yi = Find(a, "乙");
  CHECK(yi.counts.on_time == 2);
  CHECK(yi.counts.late == 1);
  const AgencyAssessment& bing = Find(a, "丙");
  CHECK(bing.counts.missing == 0);      // its Q3 lead due 10-14 is still open today
  CHECK(bing.counts.not_yet_due == 1);
  CHECK(bing.counts.late == 2);
  // Task 6 was completed on 10-01, before now: its Q2 (07-07) is still missing.
  CHECK(Find(a, "戊").counts.missing == 1);
}

TEST_CASE("Assessment of a past period ignores feedback received after it", "[assessment]") {
  Fixture fixture;
  // Period 07-01..10-14, run on 11-15: as of the end of 10-14, 甲's 10-16 report and 丁's
  // 10-15 one had not arrived, so their Q3 (due 10-14) is missing, not late.
  const Assessment a = fixture.Run("2025-07-01", "2025-10-14", Local("2025-11-15", 10));
  CHECK(Find(a, "甲").counts.missing == 1);
  CHECK(Find(a, "甲").counts.late == 0);
  CHECK(Find(a, "丁").counts.missing == 1);
}

TEST_CASE("Assessment refuses an empty period and an unknown section", "[assessment]") {
  Fixture fixture;
  AssessmentInput input{fixture.tasks, fixture.sections,
                        {fixture.rules, Calendar2025(), Shanghai()}, fixture.completed_at};
  Result<Assessment> reversed = Assess(input, {Day("2025-10-31"), Day("2025-07-01"), 0, ""});
  REQUIRE_FALSE(reversed.ok());
  CHECK(reversed.status().code() == Status::Code::kInvalidArgument);
  CHECK_THAT(reversed.status().message(), Catch::Contains("2025-10-31"));
  Result<Assessment> section = Assess(input, {Day("2025-07-01"), Day("2025-10-31"), 0, "九"});
  REQUIRE_FALSE(section.ok());
  CHECK_THAT(section.status().message(), Catch::Contains("九"));
}

TEST_CASE("RankAgencies compares rates exactly and leaves agencies without a rate unranked", "[assessment]") {
  auto agency = [](std::string name, int on_time, int late, int days, int missing) {
    AgencyAssessment a;
    a.agency = std::move(name);
    a.counts.on_time = on_time;
    a.counts.late = late;
    a.counts.late_working_days = days;
    a.counts.missing = missing;
    return a;
  };
  // 1/3 and 2/6 are the same rate (a float comparison might split them); 0 assessed: unranked.
  std::vector<AgencyAssessment> agencies = {agency("C", 2, 4, 3, 0), agency("A", 1, 2, 3, 0),
                                            agency("Z", 0, 0, 0, 0), agency("B", 3, 0, 0, 0)};
  RankAgencies(&agencies);
  REQUIRE(agencies.size() == 4);
  CHECK(agencies[0].agency == "B");
  CHECK(agencies[0].rank == 1);
  CHECK(agencies[1].agency == "A");
  CHECK(agencies[1].rank == 2);
  CHECK(agencies[2].agency == "C");
  CHECK(agencies[2].rank == 2);
  CHECK(agencies[3].agency == "Z");
  CHECK(agencies[3].rank == 0);
}

}  // namespace
}  // namespace duban
