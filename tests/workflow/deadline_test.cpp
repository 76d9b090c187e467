#include "workflow/deadline.h"

#include <catch2/catch.hpp>

#include "tests/workflow/evaluator_test_util.h"

namespace duban {
namespace {

using testing::Calendar2025;
using testing::Day;

struct OccurrenceText {
  std::string id;
  std::string period_start;
  std::string period_end;
  std::string due;
  bool operator==(const OccurrenceText&) const = default;
};

std::vector<OccurrenceText> Texts(const std::vector<DueOccurrence>& occurrences) {
  std::vector<OccurrenceText> texts;
  for (const auto& o : occurrences) {
    texts.push_back({o.id, FormatCivilDate(o.period_start), FormatCivilDate(o.period_end),
                     FormatCivilDate(o.due)});
  }
  return texts;
}

std::ostream& operator<<(std::ostream& out, const OccurrenceText& t) {
  return out << t.id << " " << t.period_start << ".." << t.period_end << " due " << t.due;
}

TEST_CASE("report cycles have names both ways", "[deadline]") {
  for (auto cycle : {ReportCycle::kNone, ReportCycle::kMonthly, ReportCycle::kQuarterly,
                     ReportCycle::kHalfYearly, ReportCycle::kYearly}) {
    CHECK(ParseReportCycle(ReportCycleName(cycle)) == cycle);
  }
  CHECK(ReportCycleName(ReportCycle::kHalfYearly) == "half-yearly");
  CHECK_FALSE(ParseReportCycle("weekly"));
}

TEST_CASE("deadlines resolve defaults, section, plan column, task and run-time in order", "[deadline]") {
  DeadlinePolicy policy;
  policy.defaults.cycle = ReportCycle::kQuarterly;
  policy.defaults.participant_lead_days = 5;
  DeadlinePatch section;
  section.cycle = ReportCycle::kMonthly;
  section.final_due = Day("2025-06-30");
  policy.by_section["二"] = section;
  DeadlinePatch by_task;
  by_task.participant_lead_days = 3;
  policy.by_task["22"] = by_task;

  Task task;
  task.ref = "22";
  task.section = "二";
  DeadlineSpec spec = ResolveDeadline(policy, task, nullptr);
  CHECK(spec.cycle == ReportCycle::kMonthly);
  CHECK(spec.final_due == Day("2025-06-30"));
  CHECK(spec.participant_lead_days == 3);

  task.due = "2025-09-30";  // the plan's own column beats the section
  CHECK(ResolveDeadline(policy, task, nullptr).final_due == Day("2025-09-30"));
  task.due = "年底前";  // not a date: ignored
  CHECK(ResolveDeadline(policy, task, nullptr).final_due == Day("2025-06-30"));

  DeadlinePatch runtime;
  runtime.clear_final_due = true;
  runtime.report_due = ReportDue{0, 10};
  spec = ResolveDeadline(policy, task, &runtime);
  CHECK_FALSE(spec.final_due);
  CHECK(spec.report_due.fixed_day == 10);

  Task other;
  other.ref = "3";
  other.section = "一";
  CHECK(ResolveDeadline(policy, other, nullptr) == policy.defaults);
}

TEST_CASE("deadline patches compose like applying one after the other", "[deadline]") {
  DeadlinePatch set;
  set.final_due = Day("2025-06-30");
  set.cycle = ReportCycle::kYearly;
  DeadlinePatch clear;
  clear.clear_final_due = true;
  DeadlinePatch reset;
  reset.clear_final_due = true;
  reset.final_due = Day("2025-12-31");
  DeadlinePatch lead_days;
  lead_days.participant_lead_days = 2;
  const DeadlinePatch patches[] = {set, clear, reset, lead_days, DeadlinePatch{}};
  DeadlineSpec base;
  base.final_due = Day("2025-03-31");
  for (const auto& first : patches) {
    for (const auto& second : patches) {
      DeadlineSpec stepwise = base;
      first.ApplyTo(&stepwise);
      second.ApplyTo(&stepwise);
      DeadlineSpec combined = base;
      first.Then(second).ApplyTo(&combined);
      CHECK(combined == stepwise);
    }
  }
  CHECK(DeadlinePatch{}.empty());
  CHECK_FALSE(clear.empty());
  CHECK(reset.final_due);
}

TEST_CASE("report occurrences per cycle honour holidays and make-up days", "[deadline]") {
  struct Case {
    const char* name;
    ReportCycle cycle;
    ReportDue due;
    const char* tracking_start;
    const char* final_due;  // "" for none
    const char* to;
    std::vector<OccurrenceText> expected;
  };
  const Case cases[] = {
      {"quarterly, 5 working days after, 清明 and 国庆 in the way", ReportCycle::kQuarterly, {5, 0},
       "2025-01-02", "2025-12-31", "2026-12-31",
       {{"2025-Q1", "2025-01-01", "2025-03-31", "2025-04-08"},
        {"2025-Q2", "2025-04-01", "2025-06-30", "2025-07-07"},
        {"2025-Q3", "2025-07-01", "2025-09-30", "2025-10-14"},  // make-up Sat 10-11 counts
        {"final", "2025-10-01", "2025-12-31", "2025-12-31"},
        {"2025-Q4", "2025-10-01", "2025-12-31", "2026-01-07"}}},  // 2026: weekends only
      {"monthly across 春节 with make-up Saturday 2-08", ReportCycle::kMonthly, {5, 0},
       "2025-01-15", "", "2025-03-31",
       {{"2025-M01", "2025-01-01", "2025-01-31", "2025-02-10"},
        {"2025-M02", "2025-02-01", "2025-02-28", "2025-03-07"}}},
      {"monthly on a fixed day, clipped and rolled past 劳动节", ReportCycle::kMonthly, {5, 31},
       "2025-01-15", "2025-04-20", "2025-12-31",
       {{"2025-M01", "2025-01-01", "2025-01-31", "2025-02-28"},
        {"2025-M02", "2025-02-01", "2025-02-28", "2025-03-31"},
        {"final", "2025-04-01", "2025-04-20", "2025-04-20"},   // a Sunday, kept as set
        {"2025-M03", "2025-03-01", "2025-03-31", "2025-04-30"},
        {"2025-M04", "2025-04-01", "2025-04-30", "2025-06-03"}}},  // 5-31 holiday → 6-03
      {"half-yearly on the 1st: 劳动节 is not in the way, 元旦 2026 unknown", ReportCycle::kHalfYearly,
       {5, 1}, "2025-03-01", "", "2026-06-30",
       {{"2025-H1", "2025-01-01", "2025-06-30", "2025-07-01"},
        {"2025-H2", "2025-07-01", "2025-12-31", "2026-01-01"}}},
      {"yearly, 0 working days after a working day", ReportCycle::kYearly, {0, 0}, "2025-06-01", "",
       "2026-12-30", {{"2025-Y", "2025-01-01", "2025-12-31", "2025-12-31"}}},
      {"quarterly on the 5th: 国庆 moves it to 10-09", ReportCycle::kQuarterly, {5, 5}, "2025-08-01",
       "", "2025-12-31", {{"2025-Q3", "2025-07-01", "2025-09-30", "2025-10-09"}}},
      {"final only: its period starts with tracking", ReportCycle::kNone, {5, 0}, "2025-03-01",
       "2025-06-30", "2025-12-31", {{"final", "2025-03-01", "2025-06-30", "2025-06-30"}}},
      {"final inside the first period", ReportCycle::kQuarterly, {5, 0}, "2025-04-10", "2025-05-20",
       "2025-12-31",
       {{"final", "2025-04-10", "2025-05-20", "2025-05-20"},
        {"2025-Q2", "2025-04-01", "2025-06-30", "2025-07-07"}}},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    DeadlineSpec spec;
    spec.cycle = c.cycle;
    spec.report_due = c.due;
    if (*c.final_due) spec.final_due = Day(c.final_due);
    auto got = Texts(DueOccurrences(spec, Calendar2025(), Day(c.tracking_start), Day("2025-01-01"), Day(c.to)));
    CHECK(got == c.expected);
  }
}

TEST_CASE("due occurrences are cut to the range asked", "[deadline]") {
  DeadlineSpec spec;
  spec.cycle = ReportCycle::kQuarterly;
  auto got = DueOccurrences(spec, Calendar2025(), Day("2025-01-02"), Day("2025-05-01"), Day("2025-10-14"));
  REQUIRE(got.size() == 2);
  CHECK(got[0].id == "2025-Q2");
  CHECK(got[1].id == "2025-Q3");
  CHECK(DueOccurrences(DeadlineSpec{}, Calendar2025(), Day("2025-01-02"), Day("2025-01-01"),
                       Day("2030-01-01"))
            .empty());
}

TEST_CASE("participants owe their input earlier, leads and responsible on the due date", "[deadline]") {
  DeadlineSpec spec;
  spec.participant_lead_days = 5;
  DueOccurrence q3;
  q3.id = "2025-Q3";
  q3.due = Day("2025-10-14");
  CHECK(DueFor(Role::kLead, q3, spec, Calendar2025()) == Day("2025-10-14"));
  CHECK(DueFor(Role::kResponsible, q3, spec, Calendar2025()) == Day("2025-10-14"));
  // 10-13, Sat 10-11 (调休), 10-10, 10-09, then back over 国庆 to 9-30.
  CHECK(DueFor(Role::kParticipant, q3, spec, Calendar2025()) == Day("2025-09-30"));
  spec.participant_lead_days = 0;
  CHECK(DueFor(Role::kParticipant, q3, spec, Calendar2025()) == Day("2025-10-14"));
}

}  // namespace
}  // namespace duban
