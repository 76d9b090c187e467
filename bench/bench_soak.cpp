// bench_soak: a whole simulated year (2025, Asia/Shanghai as UTC+8, the 2025 holiday
// notice) of a large plan through the daemon's own pipeline, on an injected clock.
//
//   bench_soak [--tasks N] [--agencies N] [--seed N] [--work-dir DIR] [--keep]
//
// What runs is what duband runs after start-up, minus the sockets: a real SqliteStore on a
// file, TrackingModel + Scheduler (Agenda, catch-up, RecordDecisions), Delivery (CheckStillOwed,
// PlanMessages with the bundled templates, digests per agency, QueueMessages) and the real
// Dispatcher with its worker threads on an io_context. Only the transport is a fake: it
// records what it is handed (soak_transport.h) and fails the first attempt of every 50th
// message. The plan and the year's feedback are soak_world.h's. Instead of the steady
// timer the soak jumps the clock to the next event — the Scheduler's next wake (its sleep
// bound set to a day), a feedback arrival, a retry falling due, a month's end — and at
// each does what the daemon does: Scheduler::Wake, the reports that arrived entered as a
// feedback sheet (AddFeedbackBatch) and each task refreshed (as the feedback commands do),
// Delivery::AfterWake, then the io_context runs until nothing is in flight or due.
// (A report arriving at 09:00 is entered after that wake decided the 09:00 reminders and
// before they are planned: the window CheckStillOwed guards, so some are cancelled.)
//
// Checks (each printed; any failure makes the exit status 1):
//   (a) the notices sent equal those the rules imply: the actions ActionsBetween gives
//       over the whole year (12 monthly calls) for the tasks as a fresh TrackingModel loads
//       them from the store at the end (all feedback in), compared by key with the outbox
//       rows whose messages were sent: none missing, none extra; every cancelled row is one
//       the rules no longer imply; each (action, recipient address) in exactly one sent
//       message; each message accepted by the transport exactly once;
//   (b) memory stays flat: VmRSS and SQLite's own allocation at each month's end; from the
//       end of month 2 to the end of month 12 the memory outside SQLite grows by at most 10%
//       of month 2's RSS and SQLite's stays within 16 MiB (soak_checks.h);
//   (c) the outbox drains: after the year's last retries nothing pending, queued or failed,
//       no message queued, failed or dead.
// See docs/PERFORMANCE.md. The small run (2,000 tasks) is the ctest test soak:small.
#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <boost/asio.hpp>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include "bench/soak_checks.h"
#include "bench/soak_transport.h"
#include "bench/soak_world.h"
#include "daemon/duband/delivery.h"
#include "daemon/duband/scheduler.h"
#include "daemon/duband/tracking_config.h"
#include "daemon/duband/tracking_model.h"
#include "workflow/sqlite_store.h"

namespace {

using namespace duban;
using soak::Day;

struct Options {
  int tasks = 100000;
  int agencies = 2000;
  unsigned seed = 1;
  std::string work_dir;
  bool keep = false;
};

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "bench_soak: %s\n", what.c_str());
  std::exit(2);
}

// VmRSS and VmHWM of this process, in KiB.
std::pair<long, long> Memory() {
  std::ifstream status("/proc/self/status");
  std::string line;
  long rss = 0, hwm = 0;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) rss = std::atol(line.c_str() + 6);
    if (line.rfind("VmHWM:", 0) == 0) hwm = std::atol(line.c_str() + 6);
  }
  return {rss, hwm};
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double LoadAverage() {
  double load[1] = {0};
  return getloadavg(load, 1) == 1 ? load[0] : -1;
}

Options Parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die("missing value after " + arg);
      return argv[++i];
    };
    if (arg == "--tasks") options.tasks = std::atoi(value().c_str());
    else if (arg == "--agencies") options.agencies = std::atoi(value().c_str());
    else if (arg == "--seed") options.seed = static_cast<unsigned>(std::atoi(value().c_str()));
    else if (arg == "--work-dir") options.work_dir = value();
    else if (arg == "--keep") options.keep = true;
    else Die("unknown argument " + arg + " (see the header of bench/bench_soak.cpp)");
  }
  if (options.tasks < 1 || options.agencies < 4) Die("--tasks >= 1 and --agencies >= 4");
  return options;
}

std::unique_ptr<TrackingConfig> MakeConfig(const Config& config) {
  return MakeTrackingConfig(std::make_unique<FixedOffsetTimeZone>(480, "Asia/Shanghai"),
                            config.calendar, config.rules, config.deadlines, config.office,
                            config.daemon.max_sleep_seconds);
}

// The daemon's parts over one store, with the clock the soak moves.
struct Pipeline {
  int64_t now = 0;
  boost::asio::io_context io;
  // As the daemon's signal set does: the io_context keeps running while batches are out.
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> busy{io.get_executor()};
  std::unique_ptr<SqliteStore> store;
  std::unique_ptr<TrackingModel> model;
  std::unique_ptr<Scheduler> scheduler;
  std::unique_ptr<Delivery> delivery;

  // Runs the io_context until nothing is in flight and nothing is due at `now`.
  void Drain() {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    for (;;) {
      if (delivery->counters().in_flight == 0) {
        Result<std::vector<Message>> due = store->DueMessages(now, 1);
        if (!due.ok()) Die("DueMessages: " + due.status().message());
        if (due->empty()) return;
      }
      if (std::chrono::steady_clock::now() > give_up) Die("the dispatcher made no progress for 5 minutes");
      io.run_one_for(std::chrono::milliseconds(20));
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  // The daemon's per-wake info lines and the retry warnings (thousands); errors still show.
  spdlog::set_level(spdlog::level::err);
  const FixedOffsetTimeZone zone(480, "Asia/Shanghai");
  const int64_t year_start = zone.ToUtc(Day(2025, 1, 1), 0);
  const int64_t year_end = zone.ToUtc(Day(2026, 1, 1), 0);
  const auto wall_start = std::chrono::steady_clock::now();
  std::printf("load average %.2f\n", LoadAverage());

  soak::World world = soak::MakeWorld(options.tasks, options.agencies, options.seed, zone,
                                      year_start, year_end);
  Config config;
  config.agencies = world.agencies;
  config.office.email = "office@example.gov.cn";
  config.office.leading_group_email = "group@example.gov.cn";
  config.calendar = soak::Holidays2025();
  config.deadlines = world.deadlines;
  config.daemon.max_sleep_seconds = 86400;  // the soak jumps to the next event anyway
  std::printf("plan %d tasks, %d agencies, %zu feedback reports over the year\n", options.tasks,
              options.agencies, world.feedback_count);

  std::filesystem::path dir = options.work_dir;
  if (dir.empty()) {
    char pattern[] = "/tmp/duban-soak.XXXXXX";
    if (mkdtemp(pattern) == nullptr) Die("cannot create a temporary directory");
    dir = pattern;
  }
  std::filesystem::create_directories(dir);
  const std::string db_path = (dir / "soak.db").string();
  std::filesystem::remove(db_path);
  std::filesystem::remove(db_path + "-wal");
  std::filesystem::remove(db_path + "-shm");

  Pipeline p;
  p.now = year_start;
  auto opened = SqliteStore::Open(db_path);
  if (!opened.ok()) Die(opened.status().message());
  p.store = std::move(opened).value();
  if (Status s = p.store->SyncAgencies(world.agencies, "soak", year_start); !s.ok()) Die(s.message());
  if (auto applied = p.store->ApplyPlan(world.plan, "soak", year_start); !applied.ok()) {
    Die(applied.status().message());
  }
  world.plan = Plan{};  // the store has it now
  auto cursor = Scheduler::StartCursor(*p.store, year_start);
  if (!cursor.ok()) Die(cursor.status().message());
  auto model = TrackingModel::Load(*p.store, MakeConfig(config), *cursor);
  if (!model.ok()) Die(model.status().message());
  p.model = std::move(model).value();
  p.scheduler = std::make_unique<Scheduler>(*p.store, *p.model);
  auto templates = TemplateSet::Build(config.templates);
  if (!templates.ok()) Die(templates.status().message());
  auto log = std::make_shared<soak::SendLog>();
  DeliveryParts parts{config, std::move(templates).value(),
                      std::make_unique<soak::RecordingFactory>(log), DispatchSettingsFrom(config)};
  p.delivery = std::make_unique<Delivery>(p.io, *p.store, *p.model, std::move(parts),
                                          [&p] { return p.now; });
  p.delivery->Start();

  // Month ends (local midnight of the 1st of the next month): memory samples.
  std::vector<int64_t> month_ends;
  for (unsigned m = 2; m <= 12; ++m) month_ends.push_back(zone.ToUtc(Day(2025, m, 1), 0));
  month_ends.push_back(year_end);
  std::vector<soak::MemorySample> memory;
  int64_t wakes = 0, decided = 0, feedback_entered = 0;
  size_t month = 0;
  auto arrival = world.arrivals.begin();
  std::printf("%-5s %7s %9s %9s %9s %8s %8s %9s %9s %8s %6s\n", "month", "wakes", "decided",
              "accepted", "feedback", "RSS MiB", "HWM MiB", "SQLite", "CPU s", "wall s", "load");
  for (bool first = true; p.now < year_end || first; first = false) {
    if (!first) {
      int64_t next = std::min(p.scheduler->NextWake(p.now), month_ends[month]);
      if (arrival != world.arrivals.end()) next = std::min(next, arrival->first);
      if (auto retry = p.store->NextMessageAttempt(); retry.ok() && *retry && **retry > p.now) {
        next = std::min(next, **retry);
      }
      p.now = std::max(next, p.now + 1);
    }
    Result<WakeReport> wake = p.scheduler->Wake(p.now);
    if (!wake.ok()) Die("wake: " + wake.status().message());
    ++wakes;
    decided += wake->decided;
    if (arrival != world.arrivals.end() && arrival->first == p.now) {
      auto stored = p.store->AddFeedbackBatch(arrival->second, "soak", "soak", p.now, false);
      if (!stored.ok()) Die("feedback: " + stored.status().message());
      feedback_entered += static_cast<int64_t>(stored->stored.size());
      std::set<std::string> refs;
      for (const Feedback& f : stored->stored) refs.insert(f.task_ref);
      for (const std::string& ref : refs) {
        if (Status s = p.model->RefreshTask(ref); !s.ok()) Die(s.message());
      }
      arrival = world.arrivals.erase(arrival);  // the world's memory shrinks as the year goes
    }
    p.delivery->AfterWake(p.now);
    p.Drain();
    if (p.now == month_ends[month]) {
      const auto [rss, hwm] = Memory();
      memory.push_back({rss, static_cast<long>(sqlite3_memory_used() / 1024)});
      std::lock_guard<std::mutex> lock(log->mutex);
      std::printf("%5zu %7lld %9lld %9lld %9lld %8.1f %8.1f %9.1f %9.1f %8.1f %6.2f\n", month + 1,
                  static_cast<long long>(wakes), static_cast<long long>(decided),
                  static_cast<long long>(log->accepted_total), static_cast<long long>(feedback_entered),
                  rss / 1024.0, hwm / 1024.0, memory.back().sqlite / 1024.0, CpuSeconds(),
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count(),
                  LoadAverage());
      std::fflush(stdout);
      if (month + 1 < month_ends.size()) ++month;
    }
  }
  // After the year: only the retries still owed (no wake: the next year is not simulated).
  for (int round = 0; round < 100; ++round) {
    auto retry = p.store->NextMessageAttempt();
    if (!retry.ok() || !*retry) break;
    p.now = std::max(p.now, **retry);
    p.delivery->Hooks().kick();
    p.Drain();
  }
  p.delivery->Stop();
  p.io.poll();

  std::printf("year: %lld wakes, %lld actions decided, %lld feedback reports entered, "
              "%lld messages accepted, %lld first attempts failed (retried)\n",
              static_cast<long long>(wakes), static_cast<long long>(decided),
              static_cast<long long>(feedback_entered), static_cast<long long>(log->accepted_total),
              static_cast<long long>(log->failures_given));
  soak::Checks checks;
  soak::CheckMemory(checks, memory, feedback_entered);
  soak::CheckDrained(checks, db_path);
  soak::CheckDelivered(checks, db_path, *p.store, MakeConfig(config), *log, year_start, year_end);
  std::printf("total: CPU %.1f s, wall %.1f s, load average %.2f\n", CpuSeconds(),
              std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count(),
              LoadAverage());
  if (!options.keep && options.work_dir.empty()) std::filesystem::remove_all(dir);
  std::printf("%s\n", checks.failures() == 0 ? "SOAK OK" : "SOAK FAILED");
  return checks.failures() == 0 ? 0 : 1;
}
