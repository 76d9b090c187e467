// The tracking commands through CommandHandler, on a real store and tracking model with a
// pinned clock: feedback, run-time deadlines, lifecycle, calendar, outbox, simulate,
// rules.check, reload, and the lights in tasks, agencies and status.
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
  explicit Fixture(int64_t now = Local(2026, 3, 16, 12, 0)) : now_(now) {
    tracking_ = testing::StartTracking(store_.store(), now_);
    HandlerSettings settings;
    REQUIRE(settings.agencies.Add({"省发改委", {"省发展改革委"}, "fgw@example.gov.cn", "", ""}).ok());
    HandlerTracking hooks;
    hooks.model = tracking_.model.get();
    hooks.scheduler = tracking_.scheduler.get();
    hooks.on_change = [this] { ++changes_; };
    hooks.reload = [this] { return reload_result_; };
    handler_ = std::make_unique<CommandHandler>(store_.store(), std::move(settings),
                                                [this] { return now_; }, std::move(hooks));
  }

  json Command(std::string_view cmd, json args = json::object(),
               const PeerCredentials& peer = RootPeer()) {
    json request = {{"v", 1}, {"id", 9}, {"cmd", cmd}, {"args", std::move(args)}};
    std::string reply = handler_->HandleLine(request.dump(), peer);
    INFO(reply);
    return json::parse(reply);
  }
  // The result of a command that must succeed.
  json Ok(std::string_view cmd, json args = json::object()) {
    json reply = Command(cmd, std::move(args));
    INFO(reply.dump());
    REQUIRE(reply["ok"] == true);
    return reply["result"];
  }

  int64_t now_;
  testing::TrackingStore store_;
  testing::Tracking tracking_;
  std::unique_ptr<CommandHandler> handler_;
  int changes_ = 0;
  Status reload_result_;
};

std::string ErrorCode(const json& reply) { return reply["error"]["code"].get<std::string>(); }
std::string ErrorMessage(const json& reply) { return reply["error"]["message"].get<std::string>(); }

TEST_CASE("feedback.add records, satisfies the occurrence, and re-arms", "[tracking-commands]") {
  Fixture f;
  json result = f.Ok("feedback.add", {{"ref", "1"}, {"agency", "省发展改革委"},
                                      {"text", "已完成方案起草"}, {"percent", 60}});
  CHECK(result["feedback"]["agency"] == "省发改委");  // alias resolved
  CHECK(result["feedback"]["percent"] == 60);
  CHECK(result["feedback"]["done"] == false);
  CHECK(result["feedback"]["actor"].get<std::string>().find("root") != std::string::npos);
  CHECK(result["satisfies"] == "final");
  CHECK(f.changes_ == 1);
  // The model knows it: the lead's reminders before the due date are gone.
  auto actions = ActionsBetween(f.tracking_.model->tasks(), f.tracking_.model->context(), f.now_,
                                Local(2026, 4, 30));
  for (const Action& action : actions) CHECK(action.agency != "省发改委");

  json listed = f.Ok("feedback.list", {{"ref", "1"}});
  REQUIRE(listed["feedback"].size() == 1);
  CHECK(listed["feedback"][0]["text"] == "已完成方案起草");
  CHECK(f.Ok("feedback.list", {{"agency", "省科技厅"}})["feedback"].empty());
}

TEST_CASE("feedback.add argument errors name the field", "[tracking-commands]") {
  Fixture f;
  json missing = f.Command("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}});
  CHECK(ErrorCode(missing) == "invalid_argument");
  CHECK(ErrorMessage(missing).find("args.text") != std::string::npos);
  json percent = f.Command("feedback.add",
                           {{"ref", "1"}, {"agency", "省发改委"}, {"text", "x"}, {"percent", 101}});
  CHECK(ErrorMessage(percent).find("args.percent") != std::string::npos);
  json unknown = f.Command("feedback.add", {{"ref", "9"}, {"agency", "省发改委"}, {"text", "x"}});
  CHECK(ErrorCode(unknown) == "not_found");
  CHECK(f.changes_ == 0);
}

TEST_CASE("tracking mutations are denied to outsiders", "[tracking-commands]") {
  Fixture f;
  const json cases[] = {
      {{"cmd", "feedback.add"}, {"args", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "x"}}}},
      {{"cmd", "task.due"}, {"args", {{"ref", "1"}, {"final_due", "2026-05-01"}}}},
      {{"cmd", "task.suspend"}, {"args", {{"ref", "1"}, {"reason", "x"}}}},
      {{"cmd", "task.resume"}, {"args", {{"ref", "1"}}}},
      {{"cmd", "task.complete"}, {"args", {{"ref", "1"}}}},
      {{"cmd", "reload"}, {"args", json::object()}},
  };
  for (const json& c : cases) {
    json reply = f.Command(c["cmd"].get<std::string>(), c["args"], OutsiderPeer());
    INFO(c.dump());
    CHECK(ErrorCode(reply) == "permission_denied");
  }
  CHECK(f.Ok("feedback.list")["feedback"].empty());
  CHECK(f.Ok("task.get", {{"ref", "1"}})["task"]["state"] == "active");
  CHECK(f.changes_ == 0);
}

TEST_CASE("task.due changes, accumulates and clears the run-time deadline", "[tracking-commands]") {
  Fixture f;
  json first = f.Ok("task.due", {{"ref", "1"}, {"final_due", "2026-06-30"}});
  CHECK(first["deadline"]["final_due"] == "2026-06-30");
  CHECK(first["patch"] == json{{"final_due", "2026-06-30"}});
  CHECK(f.tracking_.model->FindTask("1")->deadline.final_due == testing::Day(2026, 6, 30));

  json second = f.Ok("task.due", {{"ref", "1"}, {"cycle", "quarterly"},
                                  {"report_working_days_after", 7}});
  CHECK(second["patch"]["final_due"] == "2026-06-30");
  CHECK(second["patch"]["cycle"] == "quarterly");
  CHECK(second["patch"]["report_due"]["working_days_after"] == 7);
  CHECK(second["deadline"]["cycle"] == "quarterly");

  json none = f.Ok("task.due", {{"ref", "1"}, {"final_due", "none"}});
  CHECK(none["patch"]["clear_final_due"] == true);
  CHECK(none["deadline"]["final_due"].is_null());

  json cleared = f.Ok("task.due", {{"ref", "1"}, {"clear", true}});
  CHECK(cleared["patch"] == json::object());
  CHECK(cleared["deadline"]["final_due"] == "2026-03-20");  // the plan's own due date
  CHECK(f.changes_ == 4);

  SECTION("argument errors") {
    CHECK(ErrorMessage(f.Command("task.due", {{"ref", "1"}, {"cycle", "weekly"}}))
              .find("args.cycle") != std::string::npos);
    CHECK(ErrorMessage(f.Command("task.due", {{"ref", "1"}, {"final_due", "2026-02-30"}}))
              .find("args.final_due") != std::string::npos);
    CHECK(ErrorCode(f.Command("task.due", {{"ref", "1"}})) == "invalid_argument");
    CHECK(ErrorMessage(f.Command("task.due", {{"ref", "1"}, {"clear", true}, {"cycle", "yearly"}}))
              .find("args.clear") != std::string::npos);
    CHECK(ErrorCode(f.Command("task.due", {{"ref", "7"}, {"cycle", "yearly"}})) == "not_found");
  }
}

TEST_CASE("task.suspend, resume and complete validate the transition", "[tracking-commands]") {
  Fixture f;
  CHECK(ErrorMessage(f.Command("task.suspend", {{"ref", "1"}})).find("args.reason") !=
        std::string::npos);
  json suspended = f.Ok("task.suspend", {{"ref", "1"}, {"reason", "等待国务院文件"}});
  CHECK(suspended["task"]["state"] == "suspended");
  CHECK(suspended["task"]["state_reason"] == "等待国务院文件");
  CHECK(suspended["task"]["light"] == "none");
  CHECK(f.tracking_.model->FindTask("1")->state == TaskState::kSuspended);
  CHECK(f.Ok("status")["summary"]["suspended_tasks"] == 1);

  json again = f.Command("task.suspend", {{"ref", "1"}, {"reason", "x"}});
  CHECK(ErrorCode(again) == "failed_precondition");
  CHECK(ErrorMessage(again).find("suspended") != std::string::npos);
  json complete_suspended = f.Command("task.complete", {{"ref", "1"}});
  CHECK(ErrorCode(complete_suspended) == "failed_precondition");

  CHECK(f.Ok("task.resume", {{"ref", "1"}, {"reason", "文件已下达"}})["task"]["state"] == "active");
  CHECK(ErrorCode(f.Command("task.resume", {{"ref", "1"}})) == "failed_precondition");
  CHECK(f.Ok("task.complete", {{"ref", "1"}, {"reason", "办结"}})["task"]["state"] == "completed");
  json reopen = f.Command("task.resume", {{"ref", "1"}});
  CHECK(ErrorMessage(reopen).find("completed") != std::string::npos);
  CHECK(f.changes_ == 3);
}

TEST_CASE("calendar.explain and calendar.add", "[tracking-commands]") {
  Fixture f;
  json holiday = f.Ok("calendar.explain", {{"date", "2026-03-26"}});
  CHECK(holiday["working"] == false);
  CHECK(holiday["reason"] == "holiday");
  CHECK(holiday["name"] == "测试假日");
  CHECK(holiday["weekday"] == "Thu");
  CHECK(holiday["outside_known_years"] == false);
  CHECK(f.Ok("calendar.explain", {{"date", "2027-01-04"}})["outside_known_years"] == true);
  CHECK(ErrorMessage(f.Command("calendar.explain", {{"date", "26-03-2026"}})).find("args.date") !=
        std::string::npos);

  json added = f.Ok("calendar.add", {{"date", "2026-03-25"}, {"days", 1}});
  CHECK(added["result"]["date"] == "2026-03-30");  // over the holiday and the weekend
  CHECK(added["warnings"].empty());
  CHECK(f.Ok("calendar.add", {{"date", "2026-03-30"}, {"days", -1}})["result"]["date"] ==
        "2026-03-25");
  json next_year = f.Ok("calendar.add", {{"date", "2026-12-30"}, {"days", 5}});
  REQUIRE(next_year["warnings"].size() == 1);
  CHECK(next_year["warnings"][0].get<std::string>().find("2027") != std::string::npos);
  CHECK(ErrorMessage(f.Command("calendar.add", {{"date", "2026-03-25"}})).find("args.days") !=
        std::string::npos);
}

TEST_CASE("simulate shows what would go out and stores nothing", "[tracking-commands]") {
  Fixture f;
  REQUIRE(f.tracking_.scheduler->Wake(f.now_).ok());
  auto mark_before = f.store_.store().EvaluatedUntil();
  REQUIRE(mark_before.ok());
  const int64_t cursor = f.tracking_.model->agenda().cursor();

  json result = f.Ok("simulate", {{"from", "2026-03-17"}, {"days", 3}});
  CHECK(result["from"] == "2026-03-17");
  CHECK(result["to"] == "2026-03-19");
  REQUIRE(result["count"] == 3);  // lead remind-3 (17th), participant supervise (18th), lead remind-1 (19th)
  CHECK(result["actions"][0]["step"] == "remind-3");
  CHECK(result["actions"][0]["at_local"] == "2026-03-17 09:00");
  CHECK(result["actions"][0]["level_zh"] == "提醒");
  CHECK(result["actions"][1]["agency"] == "省财政厅");
  CHECK(result["actions"][1]["recipients"] == json{"leadership", "office"});

  CHECK(f.store_.Outbox().empty());
  CHECK(*f.store_.store().EvaluatedUntil() == *mark_before);
  CHECK(f.tracking_.model->agenda().cursor() == cursor);

  CHECK(f.Ok("simulate", {{"from", "2026-03-17"}, {"days", 3}, {"agency", "省发展改革委"}})["count"] == 2);
  CHECK(f.Ok("simulate", {{"from", "2026-03-17"}, {"days", 3}, {"ref", "2"}})["count"] == 0);
  CHECK(ErrorMessage(f.Command("simulate", {{"days", 0}})).find("args.days") != std::string::npos);
}

TEST_CASE("outbox.list shows decided actions", "[tracking-commands]") {
  Fixture f;
  REQUIRE(f.tracking_.scheduler->Wake(f.now_).ok());
  REQUIRE(f.tracking_.scheduler->Wake(Local(2026, 3, 18, 9, 0)).ok());
  json all = f.Ok("outbox.list");
  REQUIRE(all["count"] == 2);
  CHECK(all["rows"][0]["state"] == "pending");
  CHECK(all["rows"][0]["at_local"] == "2026-03-17 09:00");
  CHECK(all["rows"][0]["id"].is_number_integer());
  CHECK(f.Ok("outbox.list", {{"agency", "省财政厅"}})["count"] == 1);
  CHECK(f.Ok("outbox.list", {{"state", "skipped"}})["count"] == 0);
  // Every outbox state of issue 4 is accepted; anything else is refused, naming them.
  for (const char* state : {"pending", "skipped", "cancelled", "queued", "sent", "failed", "dead"}) {
    INFO(state);
    CHECK(f.Ok("outbox.list", {{"state", state}})["count"] == (state == std::string("pending") ? 2 : 0));
  }
  const std::string bad = ErrorMessage(f.Command("outbox.list", {{"state", "waiting"}}));
  CHECK(bad.find("args.state") != std::string::npos);
  CHECK(bad.find("\"cancelled\"") != std::string::npos);
}

TEST_CASE("rules.check lists missing addresses, tasks with no due, dead steps", "[tracking-commands]") {
  Fixture f;
  json problems = f.Ok("rules.check")["problems"];
  auto has = [&](const std::string& kind, const std::string& subject) {
    for (const json& problem : problems) {
      if (problem["kind"] == kind && problem["subject"] == subject) return true;
    }
    return false;
  };
  INFO(problems.dump(2));
  CHECK(has("agency_no_email", "省财政厅"));       // no address at all
  CHECK_FALSE(has("agency_no_email", "省发改委"));  // has one
  CHECK(has("agency_no_leadership_email", "省发改委"));  // supervise mails leadership
  CHECK(has("office_no_email", "office"));          // supervise mails the office
  CHECK(has("task_no_due", "task 2"));
  CHECK_FALSE(has("task_no_due", "task 1"));
  CHECK(problems[0]["severity"] == "error");
}

TEST_CASE("rules.check finds steps that can never fire", "[tracking-commands]") {
  Fixture f;
  Rules rules = testing::TrackingRules();
  rules.escalation[1].delay_working_days = rules.escalation[0].delay_working_days;
  EscalationStep responsible_only;
  responsible_only.name = "responsible-only";
  responsible_only.delay_working_days = 8;
  responsible_only.roles = {Role::kResponsible};
  rules.escalation.push_back(responsible_only);
  ReminderRule participants;
  participants.roles = {Role::kParticipant};
  rules.reminders.push_back(participants);
  REQUIRE(f.tracking_.model->Reconfigure(testing::TrackingConfigWith(rules)).ok());
  json problems = f.Ok("rules.check")["problems"];
  INFO(problems.dump(2));
  int never = 0;
  for (const json& problem : problems) {
    if (problem["kind"] == "step_never_fires") {
      ++never;
      CHECK(problem["subject"] == "step urge");
    }
  }
  CHECK(never == 1);  // responsible-only does fire: task 2 has a responsible agency
}

TEST_CASE("reload runs the service's reload and reports its errors", "[tracking-commands]") {
  Fixture f;
  CHECK(f.Ok("reload")["reloaded"] == true);
  f.reload_result_ = Status::InvalidArgument("duban.toml has 2 error(s):\na\nb");
  json failed = f.Command("reload");
  CHECK(ErrorCode(failed) == "invalid_argument");
  CHECK(ErrorMessage(failed) == "duban.toml has 2 error(s):\na\nb");
  CHECK(ErrorMessage(f.Command("reload", {{"now", true}})).find("args.now") != std::string::npos);
}

TEST_CASE("lights in tasks, task, agencies and status", "[tracking-commands]") {
  Fixture f(Local(2026, 3, 24, 12, 0));  // task 1 overdue for both agencies
  json tasks = f.Ok("tasks.list");
  REQUIRE(tasks["count"] == 2);
  CHECK(tasks["tasks"][0]["light"] == "red");
  CHECK_FALSE(tasks["tasks"][0]["light_reason"].get<std::string>().empty());
  CHECK(tasks["tasks"][1]["light"] == "none");  // task 2 has nothing due

  json red = f.Ok("tasks.list", {{"light", "red"}});
  REQUIRE(red["count"] == 1);
  CHECK(red["tasks"][0]["ref"] == "1");
  CHECK(f.Ok("tasks.list", {{"light", "green"}})["count"] == 0);
  CHECK(ErrorMessage(f.Command("tasks.list", {{"light", "blue"}})).find("args.light") !=
        std::string::npos);

  json task = f.Ok("task.get", {{"ref", "1"}});
  CHECK(task["task"]["light"] == "red");
  CHECK(task["deadline"]["final_due"] == "2026-03-20");
  REQUIRE(task["occurrences"].size() == 1);
  CHECK(task["occurrences"][0]["id"] == "final");
  CHECK(task["occurrences"][0]["agencies"][1]["due"] == "2026-03-13");
  CHECK(task["occurrences"][0]["agencies"][1]["satisfied_by"].is_null());
  CHECK(task["feedback"].empty());

  json agencies = f.Ok("agencies.list")["agencies"];
  for (const json& agency : agencies) {
    if (agency["name"] == "省发改委") CHECK(agency["light"] == "red");
    if (agency["name"] == "省科技厅") CHECK(agency["light"] == "none");
  }

  json status = f.Ok("status");
  CHECK(status["lights"]["red"] == 1);
  CHECK(status["lights"]["none"] == 1);
  CHECK(status["scheduler"]["evaluated_until"].is_null());  // no wake yet
  REQUIRE(f.tracking_.scheduler->Wake(f.now_).ok());
  status = f.Ok("status");
  CHECK(status["scheduler"]["evaluated_until"] == f.now_);
  CHECK(status["scheduler"]["next_wake"] == f.now_ + 60);
  CHECK(status["scheduler"]["pending"] == 0);

  SECTION("feedback from both agencies turns it green") {
    f.Ok("feedback.add", {{"ref", "1"}, {"agency", "省财政厅"}, {"text", "已报送"}});
    json added = f.Ok("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "已完成"},
                                       {"done", true}});
    CHECK(added["light"]["light"] != "red");
    CHECK(f.Ok("task.get", {{"ref", "1"}})["occurrences"].empty());  // nothing open, nothing ahead
  }
}

}  // namespace
}  // namespace duban
