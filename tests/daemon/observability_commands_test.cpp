// The observability side of duband: DaemonMetrics over a real SqliteStore (":memory:")
// with hand-set dispatcher counters and a pinned clock, and the `metrics` and `log.level`
// commands through the CommandHandler (permission only when setting a level).
#include <spdlog/spdlog.h>

#include <catch2/catch.hpp>

#include "daemon/duband/command_handler.h"
#include "daemon/duband/daemon_metrics.h"
#include "daemon/duband/version.h"
#include "tests/daemon/duband_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::OutsiderPeer;
using testing::RootPeer;

constexpr int64_t kStart = 1796086800;  // 2026-12-01T01:00:00Z

std::unique_ptr<SqliteStore> OpenStore() {
  auto opened = SqliteStore::Open(":memory:");
  REQUIRE(opened.ok());
  return std::move(opened).value();
}

void QueueMessages(Store& store, int count) {
  for (int n = 1; n <= count; ++n) {
    Message message;
    message.key = "metrics-test|" + std::to_string(n);
    message.channel = Channel::kEmail;
    message.target = "fgw@example.gov.cn";
    message.recipient_name = "省发改委";
    message.subject = "提醒";
    message.text = "正文";
    message.data_json = "[]";
    message.thread = "t";
    REQUIRE(store.QueueTestMessage(message, "test", kStart).ok());
  }
}

// The lines of `text` that start with `prefix`.
std::vector<std::string> Lines(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end - start);
    if (line.starts_with(prefix)) found.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return found;
}

TEST_CASE("DaemonMetrics: store counts, dispatcher counters by channel, uptime", "[metrics]") {
  auto store = OpenStore();
  QueueMessages(*store, 2);
  DispatchCounters counters;
  counters.email.sent = 5;
  counters.email.failed = 1;
  counters.webhook.failed = 2;
  counters.webhook.dead = 1;
  counters.webhook.deferred = 4;
  counters.email.in_flight = 3;
  MetricsSources sources;
  sources.store = store.get();
  sources.delivery = [&counters] { return &counters; };
  sources.clock = [] { return kStart + 90; };
  sources.started_at = kStart;
  Result<std::string> text = DaemonMetrics(std::move(sources)).Render();
  REQUIRE(text.ok());

  CHECK(Lines(*text, "duban_messages{") ==
        std::vector<std::string>{"duban_messages{state=\"queued\"} 2",
                                 "duban_messages{state=\"failed\"} 0",
                                 "duban_messages{state=\"sent\"} 0",
                                 "duban_messages{state=\"dead\"} 0"});
  CHECK(Lines(*text, "duban_tasks{") ==
        std::vector<std::string>{"duban_tasks{state=\"active\"} 0",
                                 "duban_tasks{state=\"suspended\"} 0",
                                 "duban_tasks{state=\"completed\"} 0",
                                 "duban_tasks{state=\"removed\"} 0"});
  CHECK(Lines(*text, "duban_outbox_rows{").size() == 7);
  CHECK(Lines(*text, "duban_sends_total") ==
        std::vector<std::string>{"duban_sends_total{channel=\"email\"} 5",
                                 "duban_sends_total{channel=\"webhook\"} 0"});
  CHECK(Lines(*text, "duban_send_failures_total{") ==
        std::vector<std::string>{
            "duban_send_failures_total{channel=\"email\",result=\"retry\"} 1",
            "duban_send_failures_total{channel=\"email\",result=\"dead\"} 0",
            "duban_send_failures_total{channel=\"webhook\",result=\"retry\"} 2",
            "duban_send_failures_total{channel=\"webhook\",result=\"dead\"} 1"});
  CHECK(Lines(*text, "duban_sends_deferred_total{channel=\"webhook\"}") ==
        std::vector<std::string>{"duban_sends_deferred_total{channel=\"webhook\"} 4"});
  CHECK(Lines(*text, "duban_sends_in_flight{channel=\"email\"}") ==
        std::vector<std::string>{"duban_sends_in_flight{channel=\"email\"} 3"});
  CHECK(Lines(*text, "duban_uptime_seconds ") ==
        std::vector<std::string>{"duban_uptime_seconds 90"});
  CHECK(Lines(*text, "duban_start_time_seconds ") ==
        std::vector<std::string>{"duban_start_time_seconds 1796086800"});
  CHECK(Lines(*text, "duban_build_info{") ==
        std::vector<std::string>{"duban_build_info{version=\"" + std::string(kDubandVersion) +
                                 "\",protocol=\"1\"} 1"});
  // Not running: no tracking model, no timer, no evaluation yet: the families are there,
  // without samples.
  CHECK(Lines(*text, "# TYPE duban_tasks_by_light gauge").size() == 1);
  CHECK(Lines(*text, "duban_tasks_by_light{").empty());
  CHECK(Lines(*text, "duban_last_evaluation_duration_seconds ").empty());
  CHECK(Lines(*text, "duban_scheduler_evaluated_until_timestamp_seconds ").empty());
}

TEST_CASE("DaemonMetrics: without delivery the send families have no samples", "[metrics]") {
  auto store = OpenStore();
  MetricsSources sources;
  sources.store = store.get();
  sources.clock = [] { return kStart; };
  sources.started_at = kStart;
  Result<std::string> text = DaemonMetrics(std::move(sources)).Render();
  REQUIRE(text.ok());
  CHECK(Lines(*text, "# TYPE duban_sends_total counter").size() == 1);
  CHECK(Lines(*text, "duban_sends_total{").empty());
}

class HandlerFixture {
 public:
  HandlerFixture() : store_(OpenStore()) {
    HandlerSettings settings;
    settings.log_level = "info";
    handler_ = std::make_unique<CommandHandler>(*store_, std::move(settings), [] { return kStart; });
    saved_level_ = spdlog::get_level();
    spdlog::set_level(spdlog::level::info);
  }
  ~HandlerFixture() { spdlog::set_level(saved_level_); }

  json Call(const json& request, const PeerCredentials& peer = RootPeer()) {
    json full = request;
    full["v"] = 1;
    full["id"] = 1;
    return json::parse(handler_->HandleLine(full.dump(), peer));
  }

 protected:
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<CommandHandler> handler_;
  spdlog::level::level_enum saved_level_;
};

TEST_CASE_METHOD(HandlerFixture, "log.level: anyone reads it, only authorised peers set it",
                 "[metrics]") {
  json shown = Call({{"cmd", "log.level"}}, OutsiderPeer());
  REQUIRE(shown["ok"] == true);
  CHECK(shown["result"] == json{{"level", "info"}, {"configured", "info"}});

  json denied = Call({{"cmd", "log.level"}, {"args", {{"level", "debug"}}}}, OutsiderPeer());
  CHECK(denied["error"]["code"] == "permission_denied");
  CHECK(spdlog::get_level() == spdlog::level::info);

  json set = Call({{"cmd", "log.level"}, {"args", {{"level", "debug"}}}});
  REQUIRE(set["ok"] == true);
  CHECK(set["result"] ==
        json{{"level", "debug"}, {"configured", "info"}, {"previous", "info"}});
  CHECK(spdlog::get_level() == spdlog::level::debug);
  CHECK(Call({{"cmd", "log.level"}}, OutsiderPeer())["result"]["level"] == "debug");
}

TEST_CASE_METHOD(HandlerFixture, "log.level: a bad level is refused before permission",
                 "[metrics]") {
  for (const char* level : {"off", "critical", "loud", "DEBUG"}) {
    json reply = Call({{"cmd", "log.level"}, {"args", {{"level", level}}}}, OutsiderPeer());
    CHECK(reply["error"]["code"] == "invalid_argument");
  }
  CHECK(Call({{"cmd", "log.level"}, {"args", {{"lvl", "debug"}}}})["error"]["code"] ==
        "invalid_argument");
  CHECK(spdlog::get_level() == spdlog::level::info);
}

TEST_CASE_METHOD(HandlerFixture, "metrics: the rendered text, open to anyone", "[metrics]") {
  CHECK(Call({{"cmd", "metrics"}})["error"]["code"] == "failed_precondition");
  handler_->SetMetrics([]() -> Result<std::string> { return std::string("duban_up 1\n"); });
  json reply = Call({{"cmd", "metrics"}}, OutsiderPeer());
  REQUIRE(reply["ok"] == true);
  CHECK(reply["result"] == json{{"text", "duban_up 1\n"}});
  handler_->SetMetrics([]() -> Result<std::string> { return Status::IOError("disk gone"); });
  CHECK(Call({{"cmd", "metrics"}})["error"]["code"] == "io_error");
}

}  // namespace
}  // namespace duban
