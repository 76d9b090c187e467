// dubanctl's delivery commands through the real command line (RunCli) against a scripted
// daemon: the requests each command line sends, what it prints, and its exit code; and
// the waiting of `notify test` on a fake clock.
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "daemon/dubanctl/cli.h"
#include "daemon/dubanctl/delivery_wait.h"
#include "tests/daemon/scripted_daemon.h"

namespace duban::ctl {
namespace {

using nlohmann::json;
using Catch::Contains;

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
  std::vector<json> requests;  // {"v","id","cmd","args"} as sent
};

CliRun RunCommandLine(const std::vector<std::string>& args) {
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

// Runs `dubanctl --socket <daemon> args...` against a daemon answering `results` in turn.
CliRun RunScripted(std::vector<std::string> args, std::vector<json> results) {
  ScriptedDaemon daemon(std::move(results));
  args.insert(args.begin(), {"dubanctl", "--socket", daemon.path()});
  CliRun run = RunCommandLine(args);
  run.requests = daemon.Finish();
  return run;
}

// A command line that must fail before anything is sent (no daemon to answer).
CliRun RunWithoutDaemon(std::vector<std::string> args) {
  args.insert(args.begin(), {"dubanctl", "--socket", "/nonexistent/duband.sock"});
  return RunCommandLine(args);
}

json MessageJson(int64_t id, const std::string& state) {
  json message = {{"id", id},
                  {"channel", "email"},
                  {"target", "fgw@example.gov.cn"},
                  {"recipient_name", "省发改委"},
                  {"level", "urge"},
                  {"level_zh", "催办"},
                  {"subject", "【催办】请报送重点工作进展"},
                  {"state", state},
                  {"attempts", state == "queued" ? 0 : 1},
                  {"created_at", 1773797400},
                  {"created_at_local", "2026-03-18 09:30"},
                  {"next_attempt_at", 1773797400},
                  {"next_attempt_at_local", "2026-03-18 09:30"},
                  {"sent_at", state == "sent" ? 1773797401 : 0},
                  {"sent_at_local", state == "sent" ? "2026-03-18 09:30" : ""},
                  {"last_error", ""},
                  {"outbox_ids", {3, 4}},
                  {"outbox_count", 2}};
  if (state == "dead") message["last_error"] = "550 5.1.1 no such user";
  if (state == "sent") message["last_response"] = "250 2.0.0 OK";
  return message;
}

TEST_CASE("dubanctl outbox messages sends its filters and prints a table", "[delivery_cli]") {
  json failed = MessageJson(9, "failed");
  failed["last_error"] = "connection refused";
  CliRun run = RunScripted({"outbox", "messages", "--state", "failed", "--target",
                            "fgw@example.gov.cn", "--action", "3", "--limit", "5"},
                           {{{"messages", {failed}}, {"count", 1}}});
  REQUIRE(run.code == 0);
  REQUIRE(run.requests.size() == 1);
  CHECK(run.requests[0]["cmd"] == "outbox.messages");
  CHECK(run.requests[0]["args"] == json{{"state", "failed"}, {"target", "fgw@example.gov.cn"},
                                        {"outbox_id", 3}, {"limit", 5}});
  CHECK_THAT(run.out, Contains("NEXT/SENT") && Contains("省发改委 <fgw@example.gov.cn>") &&
                          Contains("connection refused") && Contains("2026-03-18 09:30"));
  CHECK_THAT(run.out,
             Contains("1 message (state failed, target fgw@example.gov.cn, action #3)"));

  run = RunWithoutDaemon({"outbox", "messages", "--action", "0"});
  CHECK(run.code == 2);
  CHECK_THAT(run.err, Contains("--action"));
}

TEST_CASE("dubanctl outbox show ID prints every field and the text body", "[delivery_cli]") {
  json message = MessageJson(12, "sent");
  message["text"] = "省发改委：\n请于3月20日前报送。\n";
  message["key"] = "email|fgw@example.gov.cn|1773795600|3";
  CliRun run = RunScripted({"outbox", "show", "12"}, {{{"message", message}}});
  REQUIRE(run.code == 0);
  CHECK(run.requests[0]["cmd"] == "outbox.message");
  CHECK(run.requests[0]["args"] == json{{"id", 12}});
  CHECK_THAT(run.out, Contains("last response") && Contains("250 2.0.0 OK") &&
                          Contains("#3, #4") && Contains("催办") &&
                          Contains("email|fgw@example.gov.cn|1773795600|3"));
  CHECK_THAT(run.out, Catch::EndsWith("\n省发改委：\n请于3月20日前报送。\n"));

  CHECK(RunWithoutDaemon({"outbox", "show"}).code == 2);
  CHECK(RunWithoutDaemon({"outbox", "show", "-4"}).code == 2);
}

TEST_CASE("dubanctl outbox retry sends ids or all_failed, exactly one", "[delivery_cli]") {
  CliRun run = RunScripted({"outbox", "retry", "3", "4"}, {{{"retried", {3, 4}}, {"count", 2}}});
  REQUIRE(run.code == 0);
  CHECK(run.requests[0]["cmd"] == "outbox.retry");
  CHECK(run.requests[0]["args"] == json{{"ids", {3, 4}}});
  CHECK(run.out == "retrying 2 messages now: #3, #4\n");

  run = RunScripted({"outbox", "retry", "--all-failed"},
                    {{{"retried", json::array()}, {"count", 0}}});
  REQUIRE(run.code == 0);
  CHECK(run.requests[0]["args"] == json{{"all_failed", true}});
  CHECK(run.out == "nothing to retry: no failed or dead messages\n");

  CliRun neither = RunWithoutDaemon({"outbox", "retry"});
  CHECK(neither.code == 2);
  CHECK_THAT(neither.err, Contains("--all-failed"));
  CHECK(RunWithoutDaemon({"outbox", "retry", "3", "--all-failed"}).code == 2);
  CHECK(RunWithoutDaemon({"outbox", "retry", "x"}).code == 2);
}

TEST_CASE("an option of outbox given to its subcommands is a usage error, not ignored",
          "[delivery_cli]") {
  CliRun run = RunWithoutDaemon({"outbox", "messages", "--task", "3"});
  CHECK(run.code == 2);
  CHECK_THAT(run.err, Contains("--task is an option of dubanctl outbox"));
  CHECK(RunWithoutDaemon({"outbox", "--agency", "省发改委", "retry", "3"}).code == 2);
  CHECK(RunWithoutDaemon({"outbox", "show", "3", "--limit", "2"}).code == 2);
}

TEST_CASE("dubanctl outbox alone still lists the decided actions, with the new states",
          "[delivery_cli]") {
  CliRun run = RunScripted({"outbox", "--state", "cancelled"},
                           {{{"rows", json::array()}, {"count", 0}}});
  REQUIRE(run.code == 0);
  CHECK(run.requests[0]["cmd"] == "outbox.list");
  CHECK(run.requests[0]["args"] == json{{"state", "cancelled"}});
  CHECK(run.out == "0 outbox rows (state cancelled)\n");
}

TEST_CASE("dubanctl notify test --wait 0 queues and returns", "[delivery_cli]") {
  CliRun run = RunScripted({"notify", "test", "--agency", "省发展改革委", "--channel", "email",
                            "--wait", "0"},
                           {{{"id", 12}, {"message", MessageJson(12, "queued")}}});
  REQUIRE(run.code == 0);
  REQUIRE(run.requests.size() == 1);
  CHECK(run.requests[0]["cmd"] == "notify.test");
  CHECK(run.requests[0]["args"] == json{{"agency", "省发展改革委"}, {"channel", "email"}});
  CHECK(run.out ==
        "queued test message #12 to 省发改委 <fgw@example.gov.cn> by email\n"
        "not waiting; see dubanctl outbox show 12\n");
}

TEST_CASE("dubanctl notify test waits for the outcome: sent exits 0, dead exits 1",
          "[delivery_cli]") {
  const json queued = {{"id", 12}, {"message", MessageJson(12, "queued")}};
  // The first poll already sees the outcome, so nothing waits on the real clock.
  CliRun sent = RunScripted({"notify", "test", "--agency", "省发改委", "--channel", "email"},
                            {queued, {{"message", MessageJson(12, "sent")}}});
  CHECK(sent.code == 0);
  REQUIRE(sent.requests.size() == 2);
  CHECK(sent.requests[1]["cmd"] == "outbox.message");
  CHECK(sent.requests[1]["args"] == json{{"id", 12}});
  CHECK_THAT(sent.out, Contains("sent 2026-03-18 09:30 (1 attempt): 250 2.0.0 OK"));

  CliRun dead = RunScripted({"notify", "test", "--agency", "省发改委", "--channel", "email",
                             "--wait", "5"},
                            {queued, {{"message", MessageJson(12, "dead")}}});
  CHECK(dead.code == 1);
  CHECK(dead.err == "dubanctl: not sent: dead after 1 attempt: 550 5.1.1 no such user\n");

  CliRun json_run = RunScripted({"notify", "test", "--agency", "省发改委", "--channel", "email",
                                 "--json"},
                                {queued, {{"message", MessageJson(12, "sent")}}});
  CHECK(json_run.code == 0);
  json printed = json::parse(json_run.out);
  CHECK(printed["id"] == 12);
  CHECK(printed["outcome"]["state"] == "sent");
  CHECK(printed["timed_out"] == false);
}

TEST_CASE("dubanctl notify test checks its command line before sending", "[delivery_cli]") {
  CHECK(RunWithoutDaemon({"notify", "test", "--agency", "省发改委", "--channel", "sms"}).code == 2);
  CHECK(RunWithoutDaemon({"notify", "test", "--channel", "email"}).code == 2);
  CHECK(RunWithoutDaemon({"notify", "test", "--agency", "省发改委", "--channel", "email",
                          "--wait", "-1"})
            .code == 2);
  CHECK(RunWithoutDaemon({"notify"}).code == 2);
}

TEST_CASE("dubanctl status shows delivery counts", "[delivery_cli]") {
  json status = {{"version", "0.1.0"},
                 {"protocol", 1},
                 {"summary", {{"plan_imported_at", 0}}},
                 {"scheduler", {{"evaluated_until", nullptr}, {"next_wake", nullptr}, {"pending", 3}}},
                 {"delivery",
                  {{"running", true},
                   {"messages", {{"queued", 1}, {"failed", 2}, {"sent", 40}, {"dead", 0}}},
                   {"outbox", {{"pending", 3}, {"failed", 2}, {"dead", 1}}}}}};
  CliRun run = RunScripted({"status"}, {status});
  REQUIRE(run.code == 0);
  CHECK_THAT(run.out, Contains("delivery") && Contains("running") &&
                          Contains("1 queued, 2 failed, 40 sent, 0 dead") &&
                          Contains("3 pending, 2 failed, 1 dead"));
}

// ---- WaitForDelivery on a fake clock ----

struct FakePolling {
  DeliveryPoller::Clock::time_point now{};
  std::vector<std::string> states;  // what each poll sees; the last one repeats
  std::vector<DeliveryPoller::Clock::duration> pauses;
  int fetches = 0;
  bool fail_at_second = false;

  DeliveryPoller Poller() {
    DeliveryPoller poller;
    poller.fetch = [this]() -> std::optional<json> {
      ++fetches;
      if (fail_at_second && fetches == 2) return std::nullopt;
      const std::size_t i = std::min<std::size_t>(fetches - 1, states.size() - 1);
      return json{{"id", 12}, {"state", states[i]}};
    };
    poller.now = [this] { return now; };
    poller.pause = [this](DeliveryPoller::Clock::duration pause) {
      pauses.push_back(pause);
      now += pause;
    };
    return poller;
  }
};

using std::chrono::milliseconds;

TEST_CASE("WaitForDelivery polls until the message leaves queued", "[delivery_cli]") {
  FakePolling fake;
  fake.states = {"queued", "queued", "sent"};
  DeliveryWaitResult result = WaitForDelivery(fake.Poller(), milliseconds(30000), milliseconds(200));
  CHECK(result.end == DeliveryWaitResult::End::kSettled);
  CHECK(result.polls == 3);
  CHECK(result.message["state"] == "sent");
  CHECK(fake.pauses == std::vector<DeliveryPoller::Clock::duration>{milliseconds(200), milliseconds(200)});
}

TEST_CASE("WaitForDelivery ends with the wait, the last pause cut to fit", "[delivery_cli]") {
  FakePolling fake;
  fake.states = {"queued"};
  DeliveryWaitResult result = WaitForDelivery(fake.Poller(), milliseconds(500), milliseconds(200));
  CHECK(result.end == DeliveryWaitResult::End::kTimedOut);
  CHECK(result.polls == 4);  // at 0, 200, 400 and 500 ms
  CHECK(result.message["state"] == "queued");
  CHECK(fake.pauses == std::vector<DeliveryPoller::Clock::duration>{
                           milliseconds(200), milliseconds(200), milliseconds(100)});
}

TEST_CASE("WaitForDelivery stops when asking the daemon fails", "[delivery_cli]") {
  FakePolling fake;
  fake.states = {"queued"};
  fake.fail_at_second = true;
  DeliveryWaitResult result = WaitForDelivery(fake.Poller(), milliseconds(5000), milliseconds(200));
  CHECK(result.end == DeliveryWaitResult::End::kCallFailed);
  CHECK(result.polls == 2);
}

}  // namespace
}  // namespace duban::ctl
