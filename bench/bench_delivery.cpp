// bench_delivery: how many notices per second the daemon's delivery path sends, through the
// real Dispatcher (daemon/duband/dispatcher.h), the production transports
// (MakeConfiguredTransports: libcurl SMTP and HTTP) and a SQLite store file.
//
//   bench_delivery --channel email|webhook --port P [--messages N] [--connections C]
//                  [--batch B] [--fresh-sessions] [--null] [--direct] [--work-dir DIR]
//                  [--timeout S]
//
// 1. Queueing, timed step by step as the daemon does it after a wake (delivery.cpp): N
//    decided actions (one per task, each for one of 500 agencies) go into the outbox
//    (RecordDecisions, one transaction), are read back (ListOutbox), planned into N
//    per-task messages rendered from the bundled Chinese templates (PlanMessages, digest
//    "task"; email with the HTML part) and queued (QueueMessages, one transaction).
// 2. Sending: a Dispatcher on this thread's io_context with [daemon]'s worker count
//    (connections + webhook concurrency), until every message is sent, failed or dead.
//    email:   [mail] transport "smtp", smtp://127.0.0.1:P, starttls "off" (loopback),
//             connections = C sessions, batch_size = B messages per session.
//    webhook: C [[webhook]] targets of kind "standard" (signed, whsec_ secret), all to
//             http://127.0.0.1:P/hook, the agencies spread over them; webhook_concurrency
//             = C (the dispatcher runs one batch per target at a time), B per batch.
//    --fresh-sessions: each batch gets a new transport, closed after it (a new SMTP session
//             or HTTP connection per batch; with --batch 1, per message). Without it the
//             dispatcher keeps idle transports, so sessions outlive batches (production).
//    --null:  transports that accept every message at once, no network: what the
//             dispatcher and the store cost on their own.
//    --direct: no dispatcher and no store writes: the queued messages sent in batches of B
//             through one transport on this thread: what the transport costs on its own.
// Prints messages/s over the wall time of step 2, its CPU time (all threads, and the io
// thread alone: the store and the dispatch), peak RSS, and the store's final counts; the
// last line is "RESULT key=value ..." for bench/run_benchmarks.sh. Exit 1 if not every
// message was sent. See docs/PERFORMANCE.md.
#include <utility>  // before Asio: Boost 1.74 awaitable needs it with g++ 12

#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio.hpp>
#include <spdlog/spdlog.h>

#include "bench/bench_transports.h"
#include "daemon/duband/dispatcher.h"
#include "notifiers/curl_global.h"
#include "notifiers/message_planner.h"
#include "notifiers/templates.h"
#include "workflow/sqlite_store.h"
#include "workflow/time_zone.h"

namespace {

using namespace duban;
using SteadyClock = std::chrono::steady_clock;

constexpr int kAgencies = 500;

struct Options {
  Channel channel = Channel::kEmail;
  int messages = 10'000;
  int connections = 2;
  int batch = 50;
  int port = 0;
  bool fresh_sessions = false;
  bool null_transport = false;
  bool direct = false;
  std::filesystem::path work_dir = "/tmp";
  int timeout_seconds = 600;
};

int Usage() {
  std::fprintf(stderr,
               "usage: bench_delivery --channel email|webhook --port P [--messages N] "
               "[--connections C] [--batch B] [--fresh-sessions] [--null] [--direct] "
               "[--work-dir DIR] [--timeout S]\n");
  return 2;
}

bool ParseOptions(int argc, char** argv, Options* options) {
  const std::map<std::string_view, bool*> switches = {
      {"--fresh-sessions", &options->fresh_sessions},
      {"--null", &options->null_transport},
      {"--direct", &options->direct}};
  const std::map<std::string_view, int*> numbers = {
      {"--messages", &options->messages}, {"--connections", &options->connections},
      {"--batch", &options->batch},       {"--port", &options->port},
      {"--timeout", &options->timeout_seconds}};
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (auto it = switches.find(flag); it != switches.end()) {
      *it->second = true;
    } else if (i + 1 >= argc) {
      return false;
    } else if (auto number = numbers.find(flag); number != numbers.end()) {
      *number->second = std::atoi(argv[++i]);
    } else if (flag == "--work-dir") {
      options->work_dir = argv[++i];
    } else if (const std::string_view value = argv[i + 1];
               flag == "--channel" && (value == "email" || value == "webhook")) {
      options->channel = value == "email" ? Channel::kEmail : Channel::kWebhook;
      ++i;
    } else {
      return false;
    }
  }
  return options->messages > 0 && options->connections > 0 && options->batch > 0 &&
         options->timeout_seconds > 0 && (options->port > 0 || options->null_transport);
}

// CPU seconds (user + system) of the whole process; of the calling thread.
double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}
double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

std::string AgencyName(int i) { return "测试单位" + std::to_string(1000 + i); }
std::string WebhookName(int i) { return "hook" + std::to_string(i); }

// The configuration a daemon would load for this run, built in code.
Config BuildConfig(const Options& options) {
  Config config;
  config.mail.transport = "smtp";
  config.mail.url = "smtp://127.0.0.1:" + std::to_string(options.port);
  config.mail.starttls = "off";
  config.mail.from = "督办系统 <duban@bench.example.gov.cn>";
  config.mail.connections = options.channel == Channel::kEmail ? options.connections : 1;
  config.mail.batch_size = options.batch;
  config.delivery.digest = "task";
  config.delivery.webhook_concurrency =
      options.channel == Channel::kWebhook ? options.connections : 1;
  const int targets = options.channel == Channel::kWebhook ? options.connections : 1;
  for (int i = 0; i < targets; ++i) {
    WebhookConfig webhook;
    webhook.name = WebhookName(i);
    webhook.kind = "standard";
    webhook.url = "http://127.0.0.1:" + std::to_string(options.port) + "/hook";
    webhook.secret.value = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";  // 24 bytes, base64
    webhook.rate_limit_per_minute = 0;
    config.webhooks.push_back(std::move(webhook));
  }
  for (int i = 0; i < kAgencies; ++i) {
    AgencyInfo agency;
    agency.name = AgencyName(i);
    agency.email = "unit" + std::to_string(1000 + i) + "@bench.example.gov.cn";
    agency.webhook = WebhookName(i % targets);
    config.agencies.push_back(std::move(agency));
  }
  return config;
}

// Task i's reminder to agency i % kAgencies, as the evaluator would decide it.
Action DecidedAction(int i, Channel channel, int64_t at) {
  Action action;
  action.task_ref = std::to_string(i + 1);
  action.agency = AgencyName(i % kAgencies);
  action.role = Role::kLead;
  action.occurrence = "2026-Q3";
  action.due = *ParseCivilDate("2026-10-12");
  action.level = Level::kRemind;
  action.step = "remind-3";
  action.key = action.task_ref + "|" + action.agency + "|lead|2026-Q3|remind-3|0";
  action.recipients = {Recipient::kContact};
  action.channels = {channel};
  action.at = at;
  action.reason = "3 working days before the 2026-Q3 report due 2026-10-12";
  return action;
}

// Step 1: N per-task messages queued as the daemon queues them; false on a store error.
bool QueueNotices(Store& store, const Config& config, const Options& options, int64_t now) {
  std::vector<Action> actions;
  actions.reserve(static_cast<std::size_t>(options.messages));
  for (int i = 0; i < options.messages; ++i) {
    actions.push_back(DecidedAction(i, options.channel, now));
  }
  auto start = SteadyClock::now();
  if (Result<int> decided = store.RecordDecisions(actions, {}, now, now); !decided.ok()) {
    std::fprintf(stderr, "bench_delivery: %s\n", decided.status().ToString().c_str());
    return false;
  }
  std::printf("queue: RecordDecisions  %8.1f ms (%d actions, one transaction)\n",
              SecondsSince(start) * 1e3, options.messages);

  start = SteadyClock::now();
  OutboxFilter filter;
  filter.state = "pending";
  filter.due_by = now;
  filter.limit = options.messages;
  Result<std::vector<OutboxRow>> rows = store.ListOutbox(filter);
  if (!rows.ok()) {
    std::fprintf(stderr, "bench_delivery: %s\n", rows.status().ToString().c_str());
    return false;
  }
  std::printf("queue: ListOutbox       %8.1f ms\n", SecondsSince(start) * 1e3);

  start = SteadyClock::now();
  const TemplateSet templates = TemplateSet::Defaults();
  const FixedOffsetTimeZone zone(8 * 60, "Asia/Shanghai");
  PlanningContext context{templates,      zone,           config.agencies, config.office,
                          config.webhooks, config.delivery, config.mail,    {}, {}};
  context.task_summary = [](std::string_view ref) {
    return TaskSummary{
        "第" + std::string(ref) + "项：深化重点领域改革，完善体制机制，确保年度目标任务按期完成",
        "一、深化改革", {}};
  };
  MessagePlan plan = PlanMessages(*rows, context, now);
  std::printf("queue: PlanMessages     %8.1f ms (%zu messages)\n", SecondsSince(start) * 1e3,
              plan.messages.size());

  start = SteadyClock::now();
  Result<std::vector<int64_t>> queued = store.QueueMessages(plan, now);
  if (!queued.ok()) {
    std::fprintf(stderr, "bench_delivery: %s\n", queued.status().ToString().c_str());
    return false;
  }
  std::printf("queue: QueueMessages    %8.1f ms (%zu queued, one transaction)\n",
              SecondsSince(start) * 1e3, queued->size());
  return static_cast<int>(queued->size()) == options.messages;
}

struct SendFigures {
  double wall_seconds = 0;
  double cpu_seconds = 0;
  double io_thread_cpu_seconds = 0;
  int64_t sent = 0, failed = 0, dead = 0, queued = 0;
  bool finished = false;
};

// The store's message counts after a dispatcher run.
void CountOutcomes(Store& store, SendFigures* figures) {
  Result<std::map<std::string, int64_t>> counts = store.CountMessagesByState();
  if (!counts.ok()) return;
  figures->sent = (*counts)["sent"];
  figures->failed = (*counts)["failed"];
  figures->dead = (*counts)["dead"];
  figures->queued = (*counts)["queued"];
}

// Step 2: runs the dispatcher on this thread until every message has an outcome (checked
// every 2 ms from the io thread, on the dispatcher's counters) or the timeout passes.
SendFigures SendThroughDispatcher(Store& store, const Config& config, const Options& options) {
  boost::asio::io_context io;
  DispatchSettings settings = DispatchSettingsFrom(config);
  settings.webhook_batch = options.batch;
  settings.stop_grace_seconds = 30;
  const int threads = settings.email_sessions + settings.webhook_concurrency;
  SendFigures figures;
  {
    auto transports = std::make_unique<BenchTransports>(config, options.null_transport,
                                                        options.fresh_sessions);
    Dispatcher dispatcher(io, store, std::move(transports), std::move(settings),
                          [] { return static_cast<int64_t>(std::time(nullptr)); }, threads, 1);
    boost::asio::steady_timer poll(io);
    const auto start = SteadyClock::now();
    const double cpu_start = ProcessCpuSeconds();
    const double io_cpu_start = ThreadCpuSeconds();
    std::function<void()> check = [&] {
      const DispatchCounters& counters = dispatcher.counters();
      figures.finished = counters.sent + counters.failed + counters.dead >= options.messages;
      if (figures.finished || SecondsSince(start) > options.timeout_seconds) {
        figures.wall_seconds = SecondsSince(start);
        figures.cpu_seconds = ProcessCpuSeconds() - cpu_start;
        figures.io_thread_cpu_seconds = ThreadCpuSeconds() - io_cpu_start;
        dispatcher.Stop();  // nothing in flight when finished: io.run() returns at once
        return;
      }
      poll.expires_after(std::chrono::milliseconds(2));
      poll.async_wait([&](const boost::system::error_code& ec) {
        if (!ec) check();
      });
    };
    dispatcher.Start();
    check();
    io.run();
  }  // the dispatcher joins its workers; idle sessions close (QUIT)
  CountOutcomes(store, &figures);
  return figures;
}

// --direct: the transport alone, on this thread: the queued messages read once and sent
// in batches of B through one transport (a new one per batch with --fresh-sessions; for
// webhooks, target hook0's), nothing recorded. What libcurl and the message building
// cost without the dispatcher and the store.
SendFigures SendDirect(Store& store, const Config& config, const Options& options) {
  SendFigures figures;
  Result<std::vector<Message>> due =
      store.DueMessages(static_cast<int64_t>(std::time(nullptr)), options.messages);
  if (!due.ok()) return figures;
  BenchTransports factory(config, options.null_transport, options.fresh_sessions);
  Result<std::unique_ptr<Transport>> transport =
      options.channel == Channel::kEmail ? factory.Email() : factory.Webhook(WebhookName(0));
  if (!transport.ok()) return figures;
  const auto start = SteadyClock::now();
  const double cpu_start = ProcessCpuSeconds();
  for (std::size_t next = 0; next < due->size();) {
    const std::size_t end = std::min(due->size(), next + static_cast<std::size_t>(options.batch));
    std::vector<Message> batch(due->begin() + static_cast<std::ptrdiff_t>(next),
                               due->begin() + static_cast<std::ptrdiff_t>(end));
    const int64_t now_ms = static_cast<int64_t>(std::time(nullptr)) * 1000;
    for (const DeliveryOutcome& outcome : (*transport)->Send(batch, now_ms)) {
      ++(outcome.kind == OutcomeKind::kSent        ? figures.sent
         : outcome.kind == OutcomeKind::kRetryable ? figures.failed
                                                   : figures.dead);
    }
    next = end;
  }
  figures.wall_seconds = SecondsSince(start);
  figures.cpu_seconds = figures.io_thread_cpu_seconds = ProcessCpuSeconds() - cpu_start;
  figures.finished = true;
  return figures;
}

long PeakRssKib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void Report(const Options& options, const SendFigures& figures) {
  const std::string channel(ChannelName(options.channel));
  const double rate = static_cast<double>(figures.sent) / figures.wall_seconds;
  const double rss_mib = static_cast<double>(PeakRssKib()) / 1024.0;
  std::printf("send: %lld sent, %lld failed, %lld dead, %lld queued%s\n",
              static_cast<long long>(figures.sent), static_cast<long long>(figures.failed),
              static_cast<long long>(figures.dead), static_cast<long long>(figures.queued),
              figures.finished ? "" : " (timed out)");
  std::printf("send: %.3f s wall, %.0f messages/s\n", figures.wall_seconds, rate);
  std::printf("send: %.3f s CPU (all threads), %.3f s CPU on the io thread\n",
              figures.cpu_seconds, figures.io_thread_cpu_seconds);
  std::printf("peak RSS %.1f MiB\n", rss_mib);
  std::printf(
      "RESULT channel=%s connections=%d batch=%d fresh=%d null=%d direct=%d messages=%d "
      "sent=%lld failed=%lld dead=%lld wall_s=%.3f per_s=%.0f cpu_s=%.3f io_cpu_s=%.3f "
      "rss_mib=%.1f\n",
      channel.c_str(), options.connections, options.batch, options.fresh_sessions ? 1 : 0,
      options.null_transport ? 1 : 0, options.direct ? 1 : 0, options.messages,
      static_cast<long long>(figures.sent), static_cast<long long>(figures.failed),
      static_cast<long long>(figures.dead), figures.wall_seconds, rate, figures.cpu_seconds,
      figures.io_thread_cpu_seconds, rss_mib);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, &options)) return Usage();
  spdlog::set_level(spdlog::level::warn);  // not the dispatcher's line per batch
  CurlGlobal curl;  // made before any transport, gone after all of them
  if (!curl.status().ok()) {
    std::fprintf(stderr, "bench_delivery: %s\n", curl.status().ToString().c_str());
    return 1;
  }
  const auto db_path =
      options.work_dir / ("bench_delivery_" + std::to_string(getpid()) + ".db");
  int exit_code = 1;
  {
    Result<std::unique_ptr<SqliteStore>> opened = SqliteStore::Open(db_path.string());
    if (!opened.ok()) {
      std::fprintf(stderr, "bench_delivery: %s\n", opened.status().ToString().c_str());
      return 1;
    }
    Store& store = *opened.value();
    const Config config = BuildConfig(options);
    const bool email = options.channel == Channel::kEmail;
    std::printf("channel %s, %d messages, %d %s, batch %d%s%s%s\n", email ? "email" : "webhook",
                options.messages, options.connections, email ? "session(s)" : "target(s)",
                options.batch, options.fresh_sessions ? ", a fresh session per batch" : "",
                options.null_transport ? ", null transport" : "",
                options.direct ? ", transport alone" : "");
    if (QueueNotices(store, config, options, static_cast<int64_t>(std::time(nullptr)))) {
      const SendFigures figures = options.direct ? SendDirect(store, config, options)
                                                 : SendThroughDispatcher(store, config, options);
      Report(options, figures);
      exit_code = figures.sent == options.messages ? 0 : 1;
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;
    std::filesystem::remove(db_path.string() + suffix, ignored);
  }
  return exit_code;
}
