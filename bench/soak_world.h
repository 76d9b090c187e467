// The world of the year-long soak (bench_soak.cpp): a synthetic plan, its agencies with
// addresses, and the feedback reports that arrive over 2025, all deterministic for a seed.
//
// The plan: TASKS tasks in 50 sections, each with a lead (70%) or a responsible agency and
// 1–3 participants, distinct, picked among AGENCIES agencies ("省直单位1000" …). Final due
// dates are spread over 2025-02-01 .. 2026-06-30 (a multi-year plan: about two thirds fall
// in the simulated year); the tasks of the first five sections also report half-yearly
// (a [deadlines.section] patch), so reports satisfy periodic occurrences too.
//
// Feedback: for each agency of a task due in 2025, one report — 85% in the 15 days before
// the due date, 8% 1–20 days late, 7% never (the escalation ladder runs on them until the
// year ends); half-yearly tasks also get a report around 2025-06-30 with the same mix. One
// report in 20 says the agency's part is done. Half of the reports arrive at 09:00 local,
// the moment the day's reminders go out (so a reminder decided at that wake can be
// cancelled before it is sent), the rest on the hour from 10:00 to 17:00. Reports that would
// arrive after the year or before the plan's start are dropped.
//
// Plain values; no I/O.
#ifndef DUBAN_BENCH_SOAK_WORLD_H_
#define DUBAN_BENCH_SOAK_WORLD_H_

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "workflow/agency.h"
#include "workflow/deadline.h"
#include "workflow/plan.h"
#include "workflow/time_zone.h"
#include "workflow/tracking.h"
#include "workflow/working_calendar.h"

namespace duban::soak {

inline CivilDate Day(int year, unsigned month, unsigned day) {
  return CivilDate{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

// The 2025 holiday notice (as bench_evaluate).
inline CalendarSpec Holidays2025() {
  CalendarSpec spec;
  spec.holidays = {{Day(2025, 1, 1), Day(2025, 1, 1), "元旦"},
                   {Day(2025, 1, 28), Day(2025, 2, 4), "春节"},
                   {Day(2025, 4, 4), Day(2025, 4, 6), "清明节"},
                   {Day(2025, 5, 1), Day(2025, 5, 5), "劳动节"},
                   {Day(2025, 5, 31), Day(2025, 6, 2), "端午节"},
                   {Day(2025, 10, 1), Day(2025, 10, 8), "国庆节、中秋节"}};
  spec.make_up_days = {{Day(2025, 1, 26), "春节调休"}, {Day(2025, 2, 8), "春节调休"},
                       {Day(2025, 4, 27), "劳动节调休"}, {Day(2025, 9, 28), "国庆节调休"},
                       {Day(2025, 10, 11), "国庆节调休"}};
  return spec;
}

struct World {
  Plan plan;
  std::vector<AgencyInfo> agencies;      // each with a contact and a leadership address
  DeadlinePolicy deadlines;              // half-yearly reports for sections 一..五
  std::map<int64_t, std::vector<Feedback>> arrivals;  // UTC arrival time → reports (at = it)
  size_t feedback_count = 0;
};

inline World MakeWorld(int task_count, int agency_count, unsigned seed, const TimeZone& zone,
                       int64_t year_start, int64_t year_end) {
  std::mt19937 rng(seed);
  auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  World world;
  for (int i = 0; i < agency_count; ++i) {
    const std::string id = std::to_string(1000 + i);
    world.agencies.push_back(AgencyInfo{"省直单位" + id, {}, "unit" + id + "@example.gov.cn",
                                        "lead" + id + "@example.gov.cn", ""});
  }
  const int sections = 50;
  const int per_section = (task_count + sections - 1) / sections;
  world.plan.title = "关于全年压力测试计划的重点工作分工方案";
  world.plan.source = "bench_soak";
  for (int s = 1; s <= sections; ++s) {
    world.plan.sections.push_back(Section{std::to_string(s), std::to_string(s) + "、", "重点工作"});
  }
  DeadlinePatch half_yearly;
  half_yearly.cycle = ReportCycle::kHalfYearly;
  for (int s = 1; s <= 5; ++s) world.deadlines.by_section[std::to_string(s)] = half_yearly;

  const CivilDate first_due = Day(2025, 2, 1);
  const int due_span = static_cast<int>((Day(2026, 6, 30) - first_due).count());
  // One report for an occurrence due on `due` (lead's date), with the mix above.
  auto report = [&](const Task& task, const std::string& agency, CivilDate due) {
    const int fate = uniform(0, 99);
    if (fate >= 93) return;  // never reports
    const CivilDate day = fate < 85 ? due - std::chrono::days{uniform(0, 15)}
                                    : due + std::chrono::days{uniform(1, 20)};
    const int minute = uniform(0, 1) == 0 ? 9 * 60 : uniform(10, 17) * 60;
    const int64_t at = zone.ToUtc(day, minute);
    if (at <= year_start || at > year_end) return;
    Feedback feedback;
    feedback.task_ref = task.ref;
    feedback.agency = agency;
    feedback.at = at;
    feedback.text = "已按要求推进，完成阶段性工作。";
    feedback.done = uniform(0, 19) == 0;
    world.arrivals[at].push_back(std::move(feedback));
    ++world.feedback_count;
  };

  for (int n = 0; n < task_count; ++n) {
    Task task;
    task.number = n + 1;
    task.ref = std::to_string(n + 1);
    task.label = task.ref + ".";
    task.section = std::to_string(n / per_section + 1);
    task.line = n + 3;
    int next = uniform(0, agency_count - 1);
    auto take = [&] { return world.agencies[next++ % agency_count].name; };
    (uniform(0, 9) < 7 ? task.lead : task.responsible).push_back(take());
    for (int i = uniform(1, 3); i > 0; --i) task.participants.push_back(take());
    task.text = "推进第" + task.ref + "项重点工作。";
    const CivilDate due = first_due + std::chrono::days{uniform(0, due_span)};
    task.due = FormatCivilDate(due);
    const bool periodic = n / per_section < 5;
    for (const std::string& agency : task.AllAgencies()) {
      if (periodic) report(task, agency, Day(2025, 6, 30));
      report(task, agency, due);
    }
    world.plan.tasks.push_back(std::move(task));
  }
  return world;
}

}  // namespace duban::soak

#endif  // DUBAN_BENCH_SOAK_WORLD_H_
