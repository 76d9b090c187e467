// dubanctl target … and feedback --value through the real command line (RunCli) against a
// fake daemon: the request each command line sends, what it prints, and the usage errors
// that exit 2 before anything is sent.
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "daemon/dubanctl/cli.h"
#include "daemon/dubanctl/target_args.h"
#include "daemon/dubanctl/target_view.h"
#include "daemon/protocol.h"
#include "tests/daemon/fake_daemon.h"

namespace duban::ctl {
namespace {

using nlohmann::json;
using Catch::Contains;

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
  std::string cmd;
  json args;
};

// Runs `dubanctl --socket <fake> args...`; the fake answers `result`.
CliRun RunAgainstFake(std::vector<std::string> args, const json& result) {
  FakeDaemon daemon([&](const std::string& line) {
    const int64_t id = json::parse(line, nullptr, false).value("id", int64_t{0});
    return protocol::MakeOkReply(id, result) + "\n";
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
    run.cmd = sent.value("cmd", std::string());
    run.args = sent.value("args", json::object());
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

json TargetJson(int64_t id, const std::string& state) {
  return {{"id", id}, {"task_ref", "3"}, {"name", "战略性新兴产业增加值比重"}, {"unit", "个百分点"},
          {"comparison", "at_least"}, {"value", 3}, {"tolerance", 0}, {"period", "yearly"},
          {"by_date", ""}, {"state", state}, {"matched_text", "每年提高3个百分点以上"},
          {"formatted", "≥3个百分点"}, {"reading", nullptr}};
}

TEST_CASE("dubanctl target list sends target.list and draws the table", "[target-cli]") {
  json confirmed = TargetJson(12, "confirmed");
  confirmed["reading"] = {{"status", "behind"}, {"status_zh", "滞后"}, {"last_value", 2.1},
                          {"last_at", 0}, {"last_agency", "省发改委"}, {"expected_now", nullptr}};
  json result = {{"targets", {confirmed, TargetJson(13, "proposed")}}, {"count", 2}};
  CliRun run = RunAgainstFake({"target", "list", "3", "--state", "all"}, result);
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(run.cmd == "target.list");
  CHECK(run.args == json{{"task", "3"}, {"state", "all"}});
  CHECK_THAT(run.out, Contains("≥3个百分点"));
  CHECK_THAT(run.out, Contains("behind"));
  CHECK_THAT(run.out, Contains("2.1个百分点 (省发改委)"));
  CHECK_THAT(run.out, Contains("2 targets (task 3)"));
  // Every line of the table has the same display width, CJK counted as two columns.
  std::istringstream lines(run.out);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  CHECK(header.rfind("ID", 0) != std::string::npos);
  CHECK_THAT(first, Contains("12"));
  CHECK_THAT(second, Contains("proposed"));

  run = RunAgainstFake({"target", "list"}, {{"targets", json::array()}, {"count", 0}});
  CHECK(run.args == json::object());
  CHECK(run.out == "0 targets\n");
}

TEST_CASE("dubanctl target add, edit, confirm and reject send their arguments", "[target-cli]") {
  CliRun run = RunAgainstFake({"target", "add", "3", "--name", "增加值比重", "--value", "3",
                               "--unit", "个百分点", "--comparison", "≥"},
                              {{"target", TargetJson(14, "confirmed")}});
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(run.cmd == "target.add");
  CHECK(run.args == json{{"task", "3"}, {"name", "增加值比重"}, {"value", 3.0}, {"unit", "个百分点"},
                         {"comparison", "at_least"}});
  CHECK_THAT(run.out, Contains("added #14 task 3"));

  run = RunAgainstFake({"target", "edit", "14", "--by", "2026-12-31", "--value", "2.5"},
                       {{"target", TargetJson(14, "confirmed")}, {"was", TargetJson(14, "proposed")}});
  CHECK(run.cmd == "target.edit");
  CHECK(run.args == json{{"id", 14}, {"by_date", "2026-12-31"}, {"period", "by_date"}, {"value", 2.5}});

  run = RunAgainstFake({"target", "confirm", "12", "13"},
                       {{"confirmed", {TargetJson(12, "confirmed"), TargetJson(13, "confirmed")}}});
  CHECK(run.cmd == "target.confirm");
  CHECK(run.args == json{{"ids", {12, 13}}});
  CHECK_THAT(run.out, Contains("confirmed #13"));
  run = RunAgainstFake({"target", "confirm", "--task", "3"}, {{"confirmed", json::array()}});
  CHECK(run.args == json{{"task", "3"}});
  CHECK(run.out == "no proposals to confirm\n");

  run = RunAgainstFake({"target", "reject", "13", "--reason", "不是指标"},
                       {{"target", TargetJson(13, "rejected")}});
  CHECK(run.cmd == "target.reject");
  CHECK(run.args == json{{"id", 13}, {"reason", "不是指标"}});
}

TEST_CASE("dubanctl feedback --value sends values, bad forms are usage errors", "[target-cli]") {
  json added = {{"feedback", {{"id", 7}, {"task_ref", "3"}, {"agency", "省发改委"}, {"at", 0},
                              {"text", "进展"}, {"values", {{"比重", 2.1}}}}},
                {"satisfies", nullptr}, {"light", "green"}, {"light_reason", ""}};
  CliRun run = RunAgainstFake({"feedback", "3", "--agency", "省发改委", "--text", "进展", "--value",
                               "比重=2.1", "--value", "投资=120"},
                              added);
  INFO(run.err);
  CHECK(run.code == 0);
  CHECK(run.args["values"] == json{{"比重", 2.1}, {"投资", 120.0}});
  CHECK_THAT(run.out, Contains("比重=2.1"));

  std::string err;
  CHECK(RunWithoutDaemon({"feedback", "3", "--agency", "x", "--text", "y", "--value", "比重"}, &err) == 2);
  CHECK_THAT(err, Contains("--value 比重"));
  CHECK(RunWithoutDaemon({"feedback", "3", "--agency", "x", "--text", "y", "--value", "a=1",
                          "--value", "a=2"},
                         &err) == 2);
  CHECK_THAT(err, Contains("given twice"));
}

TEST_CASE("dubanctl target usage errors exit 2 before anything is sent", "[target-cli]") {
  std::string err;
  CHECK(RunWithoutDaemon({"target", "add", "3", "--value", "1"}, &err) == 2);
  CHECK_THAT(err, Contains("--name"));
  CHECK(RunWithoutDaemon({"target", "add", "3", "--name", "x"}, &err) == 2);
  CHECK_THAT(err, Contains("--value"));
  CHECK(RunWithoutDaemon({"target", "add", "3", "--name", "x", "--value", "1", "--comparison", "more"},
                         &err) == 2);
  CHECK_THAT(err, Contains("--comparison"));
  CHECK(RunWithoutDaemon({"target", "add", "3", "--name", "x", "--value", "1", "--by", "2026-02-30"},
                         &err) == 2);
  CHECK_THAT(err, Contains("--by"));
  CHECK(RunWithoutDaemon({"target", "edit", "3"}, &err) == 2);
  CHECK_THAT(err, Contains("at least one"));
  CHECK(RunWithoutDaemon({"target", "confirm"}, &err) == 2);
  CHECK(RunWithoutDaemon({"target", "confirm", "1", "--task", "3"}, &err) == 2);
  CHECK(RunWithoutDaemon({"target", "reject", "1"}, &err) == 2);
  CHECK(RunWithoutDaemon({"target", "reject", "1", "--reason", " \u3000"}, &err) == 2);
  CHECK_THAT(err, Contains("--reason") && Contains("blank"));
  CHECK(RunWithoutDaemon({"target", "add", "3", "--name", "x", "--value", "1", "--period", "by_date"},
                         &err) == 2);
  CHECK_THAT(err, Contains("--by YYYY-MM-DD"));
  CHECK(RunWithoutDaemon({"target", "edit", "3", "--period", "截至"}, &err) == 2);
  CHECK_THAT(err, Contains("--by YYYY-MM-DD"));
  CHECK(RunWithoutDaemon({"target", "list", "--state", "done"}, &err) == 2);
  CHECK_THAT(err, Contains("--state"));
}

TEST_CASE("target cells: period, status and last value", "[target-cli]") {
  json target = TargetJson(1, "confirmed");
  CHECK(TargetPeriodCell(target) == "yearly");
  target["period"] = "by_date";
  target["by_date"] = "2015-12-31";
  CHECK(TargetPeriodCell(target) == "by 2015-12-31");
  CHECK(TargetStatusCell(target) == "-");
  CHECK(TargetLastValueCell(target) == "-");
  target["reading"] = {{"status", "missing"}, {"last_value", nullptr}, {"last_at", 0}, {"last_agency", ""}};
  CHECK(TargetStatusCell(target) == "missing");
  CHECK(TargetLastValueCell(target) == "-");
  target["reading"]["last_value"] = 3.25;
  CHECK(TargetLastValueCell(target) == "3.25个百分点");
}

}  // namespace
}  // namespace duban::ctl
