// dubanctl's tracking commands through the real command line (RunCli) against a fake
// daemon: the request each command line sends, what it prints, and its exit code.
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "daemon/dubanctl/cli.h"
#include "daemon/protocol.h"
#include "tests/daemon/fake_daemon.h"

namespace duban::ctl {
namespace {

using nlohmann::json;
using Catch::Contains;

// What the fake daemon received. Read as plain JSON, not with protocol::ParseRequest,
// which would also check that the command is one the daemon knows.
struct SentRequest {
  std::string cmd;
  json args;
};

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
  SentRequest request;
};

// Runs `dubanctl --socket <fake> args...`; the fake answers `result` (ok) or, when
// `error_message` is set, an invalid_argument error.
CliRun RunAgainstFake(std::vector<std::string> args, const json& result,
                      const std::string& error_message = "") {
  FakeDaemon daemon([&](const std::string& line) {
    const int64_t id = json::parse(line, nullptr, false).value("id", int64_t{0});
    return (error_message.empty()
                ? protocol::MakeOkReply(id, result)
                : protocol::MakeErrorReply(id, "invalid_argument", error_message)) +
           "\n";
  });
  args.insert(args.begin(), {"dubanctl", "--socket", daemon.path()});
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  CliRun run;
  run.code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  run.out = out.str();
  run.err = err.str();
  json sent = json::parse(daemon.request_line(), nullptr, /*allow_exceptions=*/false);
  if (sent.is_object()) {
    run.request = {sent.value("cmd", std::string()), sent.value("args", json::object())};
  }
  return run;
}

// A command line that must fail before anything is sent (no daemon to answer).
int RunWithoutDaemon(std::vector<std::string> args, std::string* err_text) {
  args.insert(args.begin(), {"dubanctl", "--socket", "/nonexistent/duband.sock"});
  std::vector<const char*> argv;
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  int code = RunCli(static_cast<int>(argv.size()), argv.data(), out, err);
  *err_text = err.str();
  return code;
}

json TaskJson(const std::string& state, const std::string& reason = "") {
  return {{"ref", "22"}, {"number", 22}, {"text", "建设公共平台"}, {"lead", {"省发改委"}},
          {"state", state}, {"state_reason", reason}, {"light", "none"}};
}

TEST_CASE("dubanctl task REF due DATE sends task.due with the task's ref", "[tracking_cli]") {
  json result = {{"task", TaskJson("active")},
                 {"deadline", {{"final_due", "2026-12-31"}, {"cycle", "quarterly"},
                               {"report_due", {{"working_days_after", 5}, {"fixed_day", 0}}},
                               {"participant_lead_days", 5}}},
                 {"patch", {{"final_due", "2026-12-31"}, {"cycle", "quarterly"}}}};
  CliRun run = RunAgainstFake({"task", "22", "due", "2026-12-31", "--cycle", "quarterly"}, result);
  REQUIRE(run.code == 0);
  CHECK(run.request.cmd == "task.due");
  CHECK(run.request.args ==
        json{{"ref", "22"}, {"final_due", "2026-12-31"}, {"cycle", "quarterly"}});
  CHECK_THAT(run.out, Contains("audit log") && Contains("2026-12-31") &&
                          Contains("final due 2026-12-31, cycle quarterly"));
}

TEST_CASE("dubanctl task REF alone still shows the task, with its light and deadline",
          "[tracking_cli]") {
  json task = TaskJson("active");
  task["light"] = "yellow";
  task["light_reason"] = "省发改委 (lead) has not reported, 2 working days left";
  json result = {{"task", task},
                 {"deadline", {{"final_due", "2026-12-31"}, {"cycle", "none"},
                               {"participant_lead_days", 5}}},
                 {"occurrences", json::array()},
                 {"feedback", json::array()}};
  CliRun run = RunAgainstFake({"task", "22"}, result);
  REQUIRE(run.code == 0);
  CHECK(run.request.cmd == "task.get");
  CHECK(run.request.args == json{{"ref", "22"}});
  CHECK_THAT(run.out, Contains("黄 yellow: 省发改委 (lead) has not reported"));
  CHECK_THAT(run.out, Contains("final due") && Contains("next due occurrences: none"));
}

TEST_CASE("dubanctl task REF suspend, resume and complete send their reasons",
          "[tracking_cli]") {
  CliRun run = RunAgainstFake({"task", "22", "suspend", "--reason", "等待国务院批复"},
                              {{"task", TaskJson("suspended", "等待国务院批复")}});
  REQUIRE(run.code == 0);
  CHECK(run.request.cmd == "task.suspend");
  CHECK(run.request.args == json{{"ref", "22"}, {"reason", "等待国务院批复"}});
  CHECK(run.out == "task 22 is now suspended (reason: 等待国务院批复)\n");

  run = RunAgainstFake({"task", "22", "resume"}, {{"task", TaskJson("active")}});
  CHECK(run.request.cmd == "task.resume");
  CHECK(run.request.args == json{{"ref", "22"}});

  run = RunAgainstFake({"task", "22", "complete", "--reason", "done"}, {},
                       "task 22 is suspended: resume it before completing it");
  CHECK(run.code == 1);
  CHECK(run.request.cmd == "task.complete");
  CHECK(run.err == "dubanctl: task 22 is suspended: resume it before completing it\n");
}

TEST_CASE("dubanctl feedback REF sends feedback.add, feedback list sends feedback.list",
          "[tracking_cli]") {
  json added = {{"feedback", {{"id", 7}, {"task_ref", "22"}, {"agency", "省发改委"}, {"at", 0},
                              {"text", "已完成"}, {"percent", 100}, {"done", true}}},
                {"satisfies", "final"},
                {"light", {{"light", "green"}, {"reason", "all reported"}}}};
  CliRun run = RunAgainstFake({"feedback", "22", "--agency", "省发展改革委", "--text", "已完成",
                               "--percent", "100", "--done"},
                              added);
  REQUIRE(run.code == 0);
  CHECK(run.request.cmd == "feedback.add");
  CHECK(run.request.args == json{{"ref", "22"}, {"agency", "省发展改革委"}, {"text", "已完成"},
                                 {"percent", 100}, {"done", true}});
  CHECK_THAT(run.out, Contains("#7 from 省发改委 on task 22") && Contains("final") &&
                          Contains("绿 green: all reported"));

  run = RunAgainstFake({"feedback", "list", "22", "--agency", "省发改委"},
                       {{"feedback", json::array()}});
  REQUIRE(run.code == 0);
  CHECK(run.request.cmd == "feedback.list");
  CHECK(run.request.args == json{{"ref", "22"}, {"agency", "省发改委"}});
  CHECK(run.out == "0 feedback (task 22, agency 省发改委)\n");
}

TEST_CASE("dubanctl feedback names its options in the daemon's argument errors", "[tracking_cli]") {
  // Only the daemon's clock can say "in the future" (it may run shifted).
  CliRun run = RunAgainstFake({"feedback", "22", "--agency", "省经信委", "--text", "已完成",
                               "--received", "2026-12-05"},
                              {}, "args.received: 2026-12-05 is in the future (today is 2026-12-01)");
  CHECK(run.code == 1);
  CHECK(run.request.args["received"] == "2026-12-05");
  CHECK(run.err == "dubanctl: --received: 2026-12-05 is in the future (today is 2026-12-01)\n");
  // A message about another argument, or not about an argument, is left as it is.
  run = RunAgainstFake({"feedback", "add", "22", "--agency", "省经信委", "--text", "x"}, {},
                       "args.received_at is not an argument");
  CHECK(run.err == "dubanctl: args.received_at is not an argument\n");
  run = RunAgainstFake({"feedback", "22", "--agency", "省不存在厅", "--text", "x"}, {},
                       "no agency named 省不存在厅");
  CHECK(run.err == "dubanctl: no agency named 省不存在厅\n");
}

TEST_CASE("dubanctl calendar DATE and calendar add DATE N", "[tracking_cli]") {
  json day = {{"date", "2026-10-01"}, {"weekday", "Thu"}, {"working", false},
              {"reason", "holiday"}, {"name", "国庆节"}, {"outside_known_years", true},
              {"description", "2026-10-01 Thu: holiday (国庆节)"}};
  CliRun run = RunAgainstFake({"calendar", "2026-10-01"}, day);
  REQUIRE(run.code == 0);
  CHECK(run.request.cmd == "calendar.explain");
  CHECK_THAT(run.out, Contains("2026-10-01 Thu: holiday (国庆节)") &&
                          Contains("warning: 2026-10-01 is outside"));

  json added = {{"from", day}, {"days", -3}, {"result", day}, {"warnings", json::array()}};
  run = RunAgainstFake({"calendar", "add", "2026-10-08", "-3"}, added);
  REQUIRE(run.code == 0);
  CHECK(run.request.cmd == "calendar.add");
  CHECK(run.request.args == json{{"date", "2026-10-08"}, {"days", -3}});
  CHECK_THAT(run.out, Contains("3 working days earlier"));
}

TEST_CASE("dubanctl rules check exits 1 on an error problem, 0 on warnings only",
          "[tracking_cli]") {
  json warning = {{"severity", "warning"}, {"kind", "no_contact"}, {"subject", "省科技厅"},
                  {"message", "no email"}};
  json error = {{"severity", "error"}, {"kind", "never_fires"}, {"subject", "circulate"},
                {"message", "no recipients"}};
  CliRun run = RunAgainstFake({"rules", "check"}, {{"problems", json::array({warning})}});
  CHECK(run.code == 0);
  CHECK(run.request.cmd == "rules.check");
  CHECK_THAT(run.out, Contains("1 problem: 0 errors, 1 warning"));

  run = RunAgainstFake({"rules", "check", "--json"}, {{"problems", json::array({warning, error})}});
  CHECK(run.code == 1);
  CHECK_THAT(run.err, Contains("1 error"));
  CHECK(json::parse(run.out)["problems"].size() == 2);
}

TEST_CASE("dubanctl reload lists the daemon's errors one per line", "[tracking_cli]") {
  CliRun run = RunAgainstFake({"reload"}, {}, "/etc/duban.toml:12: rules.send_time: bad\n"
                                              "/etc/duban.toml:30: calendar.holiday[1]: overlap");
  CHECK(run.code == 1);
  CHECK(run.request.cmd == "reload");
  CHECK(run.err ==
        "dubanctl: reload refused; duband keeps its running config:\n"
        "  /etc/duban.toml:12: rules.send_time: bad\n"
        "  /etc/duban.toml:30: calendar.holiday[1]: overlap\n");
  run = RunAgainstFake({"reload"}, {{"reloaded", true}});
  CHECK(run.code == 0);
  CHECK_THAT(run.out, Catch::StartsWith("reloaded"));
}

TEST_CASE("dubanctl tasks --light, simulate and outbox send their filters", "[tracking_cli]") {
  CliRun run = RunAgainstFake({"tasks", "--light", "red"}, {{"tasks", json::array()}});
  CHECK(run.request.args == json{{"light", "red"}});
  CHECK_THAT(run.out, Contains("light red"));

  run = RunAgainstFake({"simulate", "--from", "2026-11-21", "--days", "30", "--task", "22"},
                       {{"from", "2026-11-21"}, {"to", "2026-12-20"},
                        {"actions", json::array()}, {"count", 0}});
  CHECK(run.request.cmd == "simulate");
  CHECK(run.request.args == json{{"from", "2026-11-21"}, {"days", 30}, {"ref", "22"}});
  CHECK_THAT(run.out, Contains("nothing was sent or stored"));

  run = RunAgainstFake({"outbox", "--state", "pending", "--limit", "5"},
                       {{"rows", json::array()}, {"count", 0}});
  CHECK(run.request.cmd == "outbox.list");
  CHECK(run.request.args == json{{"state", "pending"}, {"limit", 5}});
}

TEST_CASE("Tracking usage errors exit 2 before anything is sent", "[tracking_cli]") {
  std::string err;
  CHECK(RunWithoutDaemon({"task", "22", "suspend"}, &err) == 2);  // --reason required
  CHECK(RunWithoutDaemon({"task", "22", "due", "31.12.2026"}, &err) == 2);
  CHECK_THAT(err, Contains("YYYY-MM-DD"));
  CHECK(RunWithoutDaemon({"feedback", "22", "--text", "x"}, &err) == 2);
  CHECK_THAT(err, Contains("--agency"));
  CHECK(RunWithoutDaemon({"calendar"}, &err) == 2);
  CHECK(RunWithoutDaemon({"simulate", "--days", "0"}, &err) == 2);
  CHECK(RunWithoutDaemon({"tasks", "--light", "blue"}, &err) == 2);
  CHECK(RunWithoutDaemon({"rules"}, &err) == 2);
}

}  // namespace
}  // namespace duban::ctl
