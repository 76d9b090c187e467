// task.reopen, audit.list, feedback.import and feedback.add's attachments and received time
// through CommandHandler, on a real store and tracking model with a pinned clock (now:
// 2026-03-16 12:00 +08:00; the plan of tracking_test_util.h, imported 2026-03-02).
#include "daemon/duband/command_handler.h"

#include <catch2/catch.hpp>

#include "tests/daemon/tracking_test_util.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::Local;
using testing::OutsiderPeer;
using testing::RootPeer;

class Fixture {
 public:
  Fixture() : now_(Local(2026, 3, 16, 12, 0)) {
    tracking_ = testing::StartTracking(store_.store(), now_);
    HandlerSettings settings;
    REQUIRE(settings.agencies.Add({"省发改委", {"省发展改革委"}, "fgw@example.gov.cn", "", ""}).ok());
    HandlerTracking hooks;
    hooks.model = tracking_.model.get();
    hooks.scheduler = tracking_.scheduler.get();
    hooks.on_change = [this] { ++changes_; };
    handler_ = std::make_unique<CommandHandler>(store_.store(), std::move(settings),
                                                [this] { return now_; }, std::move(hooks));
  }

  json Command(std::string_view cmd, json args = json::object(),
               const PeerCredentials& peer = RootPeer()) {
    json request = {{"v", 1}, {"id", 9}, {"cmd", cmd}, {"args", std::move(args)}};
    return json::parse(handler_->HandleLine(request.dump(), peer));
  }
  json Ok(std::string_view cmd, json args = json::object()) {
    json reply = Command(cmd, std::move(args));
    INFO(reply.dump());
    REQUIRE(reply["ok"] == true);
    return reply["result"];
  }
  // The actions of audit.list with `args`.
  std::vector<std::string> Actions(json args) {
    std::vector<std::string> actions;
    const json result = Ok("audit.list", std::move(args));
    for (const json& entry : result["entries"]) {
      actions.push_back(entry["action"].get<std::string>());
    }
    return actions;
  }

  int64_t now_;
  testing::TrackingStore store_;
  testing::Tracking tracking_;
  std::unique_ptr<CommandHandler> handler_;
  int changes_ = 0;
};

std::string ErrorCode(const json& reply) { return reply["error"]["code"].get<std::string>(); }
std::string ErrorMessage(const json& reply) { return reply["error"]["message"].get<std::string>(); }

using Strings = std::vector<std::string>;

TEST_CASE("task.reopen: only a completed task, only with a reason", "[lifecycle-commands]") {
  Fixture f;
  json no_reason = f.Command("task.reopen", {{"ref", "1"}});
  CHECK(ErrorCode(no_reason) == "invalid_argument");
  CHECK_THAT(ErrorMessage(no_reason), Catch::Contains("args.reason"));
  // Before permission: an outsider with a bad request learns the argument error.
  CHECK(ErrorCode(f.Command("task.reopen", {{"ref", "1"}}, OutsiderPeer())) == "invalid_argument");

  json active = f.Command("task.reopen", {{"ref", "1"}, {"reason", "复核"}});
  CHECK(ErrorCode(active) == "failed_precondition");
  CHECK(ErrorMessage(active) == "task 1: cannot reopen an active task (reopen needs a completed "
                                "task): only a completed task is reopened");
  CHECK(ErrorCode(f.Command("task.reopen", {{"ref", "1"}, {"reason", "x"}}, OutsiderPeer())) ==
        "permission_denied");

  f.Ok("task.complete", {{"ref", "1"}, {"reason", "办结"}});
  json blank = f.Command("task.reopen", {{"ref", "1"}, {"reason", "   "}});
  CHECK(ErrorCode(blank) == "invalid_argument");
  CHECK_THAT(ErrorMessage(blank), Catch::Contains("reopen needs a reason"));
  CHECK(f.tracking_.model->FindTask("1")->state == TaskState::kCompleted);

  json reopened = f.Ok("task.reopen", {{"ref", "1"}, {"reason", "复核发现遗留问题"}});
  CHECK(reopened["task"]["state"] == "active");
  CHECK(reopened["task"]["state_reason"] == "复核发现遗留问题");
  CHECK(f.tracking_.model->FindTask("1")->state == TaskState::kActive);  // tracked again
  CHECK(f.changes_ == 2);
  CHECK(ErrorCode(f.Command("task.reopen", {{"ref", "99"}, {"reason", "x"}})) == "not_found");
}

TEST_CASE("audit.list: each transition with its actor, filtered by task, agency, action, day",
          "[lifecycle-commands]") {
  Fixture f;
  f.Ok("task.suspend", {{"ref", "1"}, {"reason", "等待"}});
  f.Ok("task.resume", {{"ref", "1"}});
  f.Ok("feedback.add", {{"ref", "1"}, {"agency", "省发展改革委"}, {"text", "进展"}});
  f.Ok("feedback.add", {{"ref", "2"}, {"agency", "省科技厅"}, {"text", "试点启动"}});

  json task1 = f.Ok("audit.list", {{"ref", "1"}});
  Strings actions;
  for (const json& entry : task1["entries"]) actions.push_back(entry["action"]);
  CHECK(actions == Strings{"task.add", "task.state", "task.state", "feedback.add"});
  const json& suspend = task1["entries"][1];
  CHECK(suspend["actor"] == ActorName(RootPeer()));
  CHECK(suspend["at"] == f.now_);
  CHECK(suspend["at_local"] == "2026-03-16 12:00");
  CHECK(suspend["detail"]["command"] == "suspend");
  CHECK(suspend["detail"]["from"] == "active");
  CHECK(suspend["detail"]["to"] == "suspended");
  CHECK(suspend["detail"]["reason"] == "等待");
  CHECK(task1["truncated"] == false);

  // The agency's entries: its contacts and aliases from config, and its feedback.
  CHECK(f.Actions({{"agency", "省发展改革委"}}) ==
        Strings{"agency.add", "agency.alias.add", "feedback.add"});
  CHECK(f.Actions({{"action", "task.state"}}) == Strings{"task.state", "task.state"});
  CHECK(f.Actions({{"action", "feedback"}, {"ref", "2"}}) == Strings{"feedback.add"});
  // Days in the zone: the plan came in on 2026-03-02, everything else on 03-16.
  CHECK(f.Actions({{"ref", "1"}, {"until", "2026-03-15"}}) == Strings{"task.add"});
  CHECK(f.Actions({{"ref", "1"}, {"since", "2026-03-16"}, {"until", "2026-03-16"}}).size() == 3);
  CHECK(f.Actions({{"since", "2026-03-17"}}).empty());

  json limited = f.Ok("audit.list", {{"ref", "1"}, {"limit", 2}});
  CHECK(limited["count"] == 2);
  CHECK(limited["truncated"] == true);
  CHECK(limited["entries"][1]["action"] == "feedback.add");  // the newest kept

  CHECK(ErrorCode(f.Command("audit.list", {{"agency", "省外事办"}})) == "not_found");
  CHECK(ErrorCode(f.Command("audit.list", {{"ref", "99"}})) == "not_found");
  CHECK(ErrorCode(f.Command("audit.list", {{"since", "2026-02-30"}})) == "invalid_argument");
  CHECK(ErrorCode(f.Command("audit.list", {{"since", "2026-03-10"}, {"until", "2026-03-01"}})) ==
        "invalid_argument");
  CHECK(ErrorCode(f.Command("audit.list", {{"limit", 0}})) == "invalid_argument");
  CHECK(ErrorCode(f.Command("audit.list", {{"task", "1"}})) == "invalid_argument");
  json outsider = f.Command("audit.list", json::object(), OutsiderPeer());
  INFO(outsider.dump());
  CHECK(outsider["ok"] == true);  // reading is open
}

TEST_CASE("feedback.add: attachments and a late received time", "[lifecycle-commands]") {
  Fixture f;
  json added = f.Ok("feedback.add", {{"ref", "1"},
                                     {"agency", "省财政厅"},
                                     {"text", "资金已拨付"},
                                     {"received", "2026-03-12 09:30"},
                                     {"attachments", {"/srv/反馈/czt.pdf"}}});
  CHECK(added["feedback"]["at"] == Local(2026, 3, 12, 9, 30));
  CHECK(added["feedback"]["recorded_at"] == f.now_);
  CHECK(added["feedback"]["attachments"] == json{"/srv/反馈/czt.pdf"});
  json listed = f.Ok("feedback.list", {{"ref", "1"}});
  CHECK(listed["feedback"][0]["attachments"] == json{"/srv/反馈/czt.pdf"});

  json future = f.Command("feedback.add", {{"ref", "1"}, {"agency", "省财政厅"}, {"text", "x"},
                                           {"received", "2026-03-17"}});
  CHECK(ErrorCode(future) == "invalid_argument");
  CHECK(ErrorMessage(future) == "args.received: 2026-03-17 is in the future (today is 2026-03-16)");
  json ftp = f.Command("feedback.add", {{"ref", "1"}, {"agency", "省财政厅"}, {"text", "x"},
                                        {"attachments", {"ftp://x/a.pdf"}}});
  CHECK(ErrorCode(ftp) == "invalid_argument");
  CHECK_THAT(ErrorMessage(ftp), Catch::StartsWith("args.attachments: "));
  CHECK(ErrorCode(f.Command("feedback.add", {{"ref", "1"}, {"agency", "省财政厅"}, {"text", "x"},
                                             {"attachments", "/a.pdf"}})) == "invalid_argument");
}

TEST_CASE("feedback.import: a bad row stores nothing, a good sheet everything, once",
          "[lifecycle-commands]") {
  Fixture f;
  const std::string header = "task,agency,received,text,percent,done,attachments\n";
  const std::string good =
      "1,省发展改革委,2026-03-10,方案已报送,50,否,/srv/a.pdf；https://oa.example.gov.cn/d/1\n"
      "1,省财政厅,2026-03-11,资金已安排,,是,\n";
  json bad = f.Command("feedback.import",
                       {{"content", header + good + "2,省财政厅,2026-03-18,x,,,\n"},
                        {"source", "replies.csv"}});
  CHECK(ErrorCode(bad) == "invalid_argument");
  CHECK(ErrorMessage(bad) ==
        "replies.csv has 2 errors; nothing was stored:\n"
        "row 4, agency: 省财政厅 has no role in task 2 (its agencies: 省科技厅)\n"
        "row 4, received: 2026-03-18 is in the future (today is 2026-03-16)");
  CHECK(f.Ok("feedback.list")["feedback"].empty());

  json dry = f.Ok("feedback.import", {{"content", header + good}, {"dry_run", true}});
  CHECK(dry["stored"].size() == 2);
  CHECK(dry["stored"][0]["feedback"]["id"] == 0);
  CHECK(f.Ok("feedback.list")["feedback"].empty());
  CHECK(f.changes_ == 0);
  // A dry run is a read: open to anyone who can connect.
  CHECK(f.Command("feedback.import", {{"content", header + good}, {"dry_run", true}},
                  OutsiderPeer())["ok"] == true);
  CHECK(ErrorCode(f.Command("feedback.import", {{"content", header + good}}, OutsiderPeer())) ==
        "permission_denied");

  json stored = f.Ok("feedback.import", {{"content", header + good}, {"source", "replies.csv"}});
  REQUIRE(stored["stored"].size() == 2);
  CHECK(stored["stored"][0]["row"] == 2);
  CHECK(stored["stored"][0]["feedback"]["agency"] == "省发改委");
  CHECK(stored["stored"][0]["feedback"]["at"] == Local(2026, 3, 10));
  CHECK(stored["stored"][0]["feedback"]["attachments"].size() == 2);
  CHECK(stored["stored"][1]["feedback"]["done"] == true);
  CHECK(f.changes_ == 1);
  CHECK(f.tracking_.model->FindTask("1")->feedback.size() == 2);  // the model sees them

  json again = f.Ok("feedback.import", {{"content", header + good}, {"source", "replies.csv"}});
  CHECK(again["stored"].empty());
  REQUIRE(again["skipped"].size() == 2);
  CHECK(again["skipped"][0]["row"] == 2);
  CHECK(again["skipped"][0]["existing_id"] == stored["stored"][0]["feedback"]["id"]);
  CHECK(f.Ok("feedback.list")["feedback"].size() == 2);
  CHECK(f.Actions({{"action", "feedback.import"}}) == Strings{"feedback.import", "feedback.import"});

  CHECK(ErrorCode(f.Command("feedback.import", json::object())) == "invalid_argument");
  CHECK(ErrorCode(f.Command("feedback.import", {{"content", "x"}, {"format", "xlsx"}})) ==
        "invalid_argument");
}

TEST_CASE("feedback.import: values for the task's confirmed targets, others by row",
          "[lifecycle-commands][target]") {
  Fixture f;
  Target target;
  target.task_ref = "1";
  target.name = "生产总值增长";
  target.unit = "%";
  target.value = 7;
  REQUIRE(f.store_.store().AddTarget(target, "alice", f.now_).ok());
  target.name = "出口增长";
  target.matched_text = "出口增长5%";
  REQUIRE(f.store_.store().RecordTargetProposals({target}, "importer", f.now_).ok());

  const std::string header = "任务,单位,收到日期,内容,指标\n";
  const std::string good = "1,省发展改革委,2026-03-10,上半年,生产总值增长=7.2%\n";
  json bad = f.Command("feedback.import",
                       {{"content", header + good + "1,省财政厅,2026-03-11,出口,出口增长=3\n"},
                        {"source", "replies.csv"}});
  CHECK(ErrorCode(bad) == "invalid_argument");
  CHECK(ErrorMessage(bad) ==
        "replies.csv has 1 error; nothing was stored:\n"
        "row 3, values: task 1 has no confirmed target named '出口增长' (confirmed: 生产总值增长)");
  CHECK(f.Ok("feedback.list")["feedback"].empty());

  json stored = f.Ok("feedback.import", {{"content", header + good}, {"source", "replies.csv"}});
  REQUIRE(stored["stored"].size() == 1);
  const auto listed = f.store_.store().ListFeedback("1", "");
  REQUIRE(listed.ok());
  REQUIRE(listed->size() == 1);
  CHECK((*listed)[0].values == std::vector<ReportedValue>{{"生产总值增长", 7.2}});
  const TrackedTask* tracked = f.tracking_.model->FindTask("1");
  REQUIRE(tracked != nullptr);
  REQUIRE(tracked->feedback.size() == 1);
  CHECK(tracked->feedback[0].values == (*listed)[0].values);
  // Re-read after the import: the confirmed target is tracked, the proposal is not.
  REQUIRE(tracked->targets.size() == 1);
  CHECK(tracked->targets[0].name == "生产总值增长");
}

}  // namespace
}  // namespace duban
