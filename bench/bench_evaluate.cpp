// bench_evaluate: the evaluator on a synthetic plan of 100,000 tasks and 2,000 agencies
// with quarterly reports over 2025 (the 2025 holiday notice, Asia/Shanghai as UTC+8).
//
//   bench_evaluate [TASKS] [AGENCIES] [--no-year]
//
// Each task has about 4 agencies (a lead or a responsible agency, 2-4 participants), a
// final due date at the end of 2025 and a tracking start in the first half of January.
// Each agency reports for every occurrence: 88% on time, 7% late, 5% never (then it is
// urged every 3 working days until the year ends). The moment evaluated is 2025-04-14
// 08:00, the working day before the Q1 leads' supervise step, with the feedback received
// by then; the whole year is evaluated with all of it.
// Prints the best of 3 runs, in CPU milliseconds, of:
//   - full evaluation: what the daemon does at start-up (daemon/duband/scheduler.cpp,
//     tracking_model.cpp): build an Agenda (every task's exact next action time, each
//     task's feedback matched), NextTime, then Agenda::TakeDue over the next day (every
//     action of that day produced, with its key and text). Until a1b188d this line used
//     ActionsBetween for the day instead of TakeDue; the daemon never calls ActionsBetween
//     in its wake path, so that figure is now printed on its own line (ActionsBetween is
//     what `dubanctl simulate` and the tests use). Both produce the same actions;
//   - ActionsBetween over the next day on its own;
//   - an idle wake: Agenda::TakeDue over the 30 minutes after that day, nothing due;
//   - ActionsBetween over the whole year, month by month (the count is the year's traffic);
//   - the traffic-light totals at that moment (CountLights: what `status` and the metrics
//     count once a local day, and again after an import or a reload).
// See docs/PERFORMANCE.md.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "workflow/evaluator.h"
#include "workflow/time_zone.h"
#include "workflow/traffic_light.h"
#include "workflow/working_calendar.h"

namespace {

using namespace duban;

// CPU time of this process: on a shared 2-core machine other jobs inflate wall time, not
// this. The evaluator is single-threaded, so CPU time is the work it does.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  }
};

double MillisSince(double start) { return Clock::now() - start; }

CivilDate Day(const char* text) { return *ParseCivilDate(text); }

CalendarSpec Holidays2025() {
  CalendarSpec spec;
  spec.holidays = {{Day("2025-01-01"), Day("2025-01-01"), "元旦"},
                   {Day("2025-01-28"), Day("2025-02-04"), "春节"},
                   {Day("2025-04-04"), Day("2025-04-06"), "清明节"},
                   {Day("2025-05-01"), Day("2025-05-05"), "劳动节"},
                   {Day("2025-05-31"), Day("2025-06-02"), "端午节"},
                   {Day("2025-10-01"), Day("2025-10-08"), "国庆节、中秋节"}};
  spec.make_up_days = {{Day("2025-01-26"), "春节调休"}, {Day("2025-02-08"), "春节调休"},
                       {Day("2025-04-27"), "劳动节调休"}, {Day("2025-09-28"), "国庆节调休"},
                       {Day("2025-10-11"), "国庆节调休"}};
  return spec;
}

// Every agency reports for each quarter and the final deadline: 88% within the 15 days
// before the due date, 7% up to 10 days late, 5% never (and is urged until the year ends).
std::vector<TrackedTask> MakeTasks(int task_count, int agency_count, const TimeZone& zone) {
  std::mt19937 rng(2025);
  auto uniform = [&rng](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  std::vector<std::string> agencies;
  for (int i = 0; i < agency_count; ++i) agencies.push_back("省直单位" + std::to_string(1000 + i));
  const CivilDate dues[] = {Day("2025-04-08"), Day("2025-07-07"), Day("2025-10-14"), Day("2025-12-31"),
                            Day("2026-01-07")};
  std::vector<TrackedTask> tasks(task_count);
  int64_t feedback_id = 1;
  for (int n = 0; n < task_count; ++n) {
    TrackedTask& tracked = tasks[n];
    Task task;
    task.ref = std::to_string(n + 1);
    auto& owners = uniform(0, 9) == 0 ? task.responsible : task.lead;
    owners.push_back(agencies[uniform(0, agency_count - 1)]);
    for (int i = uniform(2, 4); i > 0; --i) task.participants.push_back(agencies[uniform(0, agency_count - 1)]);
    tracked.task = task;
    tracked.deadline.cycle = ReportCycle::kQuarterly;
    tracked.deadline.final_due = Day("2025-12-31");
    tracked.tracking_start = Day("2025-01-02") + std::chrono::days{uniform(0, 12)};
    for (const std::string& agency : tracked.task.AllAgencies()) {
      for (CivilDate due : dues) {
        const int fate = uniform(0, 99);
        if (fate >= 95) continue;
        Feedback feedback;
        feedback.id = feedback_id++;
        feedback.task_ref = tracked.task.ref;
        feedback.agency = agency;
        const int64_t due_end = zone.ToUtc(due, 18 * 60);
        feedback.at = fate < 88 ? due_end - uniform(0, 15 * 86400) : due_end + uniform(1, 10 * 86400);
        tracked.feedback.push_back(std::move(feedback));
      }
    }
    std::sort(tracked.feedback.begin(), tracked.feedback.end(),
              [](const Feedback& a, const Feedback& b) { return a.at < b.at; });
  }
  return tasks;
}

// The plan as known at `now`: feedback received by then.
std::vector<TrackedTask> AsOf(std::vector<TrackedTask> tasks, int64_t now) {
  for (auto& tracked : tasks) {
    std::erase_if(tracked.feedback, [now](const Feedback& f) { return f.at > now; });
  }
  return tasks;
}

}  // namespace

int main(int argc, char** argv) {
  const int task_count = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int agency_count = argc > 2 ? std::atoi(argv[2]) : 2000;
  const WorkingCalendar calendar(Holidays2025());
  const FixedOffsetTimeZone zone(480, "Asia/Shanghai");
  const Rules rules = Rules::Defaults();
  const EvaluationContext context{rules, calendar, zone};
  const int64_t now = zone.ToUtc(Day("2025-04-14"), 8 * 60);
  const int64_t day = 86400;
  const std::vector<TrackedTask> year = MakeTasks(task_count, agency_count, zone);
  const std::vector<TrackedTask> tasks = AsOf(year, now);
  size_t agency_slots = 0;
  for (const auto& t : tasks) agency_slots += t.task.AllAgencies().size();
  std::printf("plan              %d tasks, %d agencies, %.2f agencies per task, quarterly reports\n",
              task_count, agency_count, static_cast<double>(agency_slots) / task_count);

  double best_build = 1e9, best_next = 1e9, best_wake = 1e9, best_between = 1e9, best_idle = 1e9;
  size_t wake_actions = 0, between_actions = 0, idle_actions = 0;
  for (int run = 0; run < 3; ++run) {
    std::vector<TrackedTask> copy = tasks;
    auto start = Clock::now();
    Agenda agenda(context, std::move(copy), now);
    best_build = std::min(best_build, MillisSince(start));
    start = Clock::now();
    auto next = agenda.NextTime(366 * day);
    best_next = std::min(best_next, MillisSince(start));
    start = Clock::now();
    wake_actions = agenda.TakeDue(now + day).size();
    best_wake = std::min(best_wake, MillisSince(start));
    if (run == 0 && next) std::printf("next action       %+.1f h from now\n", (*next - now) / 3600.0);
    start = Clock::now();
    between_actions = ActionsBetween(agenda.tasks(), context, now, now + day).size();
    best_between = std::min(best_between, MillisSince(start));
    start = Clock::now();
    idle_actions = agenda.TakeDue(now + day + 1800).size();
    best_idle = std::min(best_idle, MillisSince(start));
  }
  std::printf("full evaluation   %.1f ms = Agenda %.1f ms + NextTime %.3f ms + TakeDue(1 day) %.1f ms"
              " (%zu actions; target <= 50 ms)\n",
              best_build + best_next + best_wake, best_build, best_next, best_wake, wake_actions);
  std::printf("ActionsBetween    1 day: %.1f ms for %zu actions\n", best_between, between_actions);
  std::printf("wake (idle 30 min)  %.3f ms for %zu actions\n", best_idle, idle_actions);
  double best_lights = 1e9;
  std::map<Light, int64_t> lights;
  for (int run = 0; run < 3; ++run) {
    auto start = Clock::now();
    lights = CountLights(tasks, context, now);
    best_lights = std::min(best_lights, MillisSince(start));
  }
  std::printf("light totals      %.1f ms (green %lld, yellow %lld, red %lld, none %lld)\n", best_lights,
              static_cast<long long>(lights[Light::kGreen]), static_cast<long long>(lights[Light::kYellow]),
              static_cast<long long>(lights[Light::kRed]), static_cast<long long>(lights[Light::kNone]));

  if (argc > 3 && std::string(argv[3]) == "--no-year") return 0;
  // The year in monthly calls, so that millions of actions are never held at once.
  auto start = Clock::now();
  size_t year_actions = 0;
  for (int month = 1; month <= 12; ++month) {
    const std::chrono::year_month first{std::chrono::year{2025}, std::chrono::month{static_cast<unsigned>(month)}};
    const int64_t from = zone.ToUtc(CivilDate{first / 1}, 0);
    const int64_t to = zone.ToUtc(CivilDate{(first + std::chrono::months{1}) / 1}, 0);
    year_actions += ActionsBetween(year, context, from, to).size();
  }
  std::printf("ActionsBetween    whole 2025 (12 monthly calls): %zu actions in %.0f ms (%.2f us per action)\n",
              year_actions, MillisSince(start), MillisSince(start) * 1000 / static_cast<double>(year_actions));
  return 0;
}
