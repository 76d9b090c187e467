// The targets (指标) commands through CommandHandler on a real SQLite store and tracking
// model with a pinned clock: target.add/edit/confirm/reject/list, readings against values
// reported with feedback.add, and the proposals stored by plan.import (never confirmed).
//
// The clock is 2026-03-16 12:00 (UTC+8): 74.5 days of 2026's 365 have passed, a share of
// 0.204, so a yearly ≥120亿元 target expects about 24.5 by now (on track at 40, behind at
// 10); a rate (%) is never pro-rated.
#include "daemon/duband/command_handler.h"

#include <catch2/catch.hpp>

#include "tests/daemon/tracking_test_util.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::Local;
using testing::OutsiderPeer;
using testing::RootPeer;

// Task 1 of the tracking plan with a target in its text; task 2 unchanged.
constexpr const char* kPlanWithTargets =
    "关于印发重点工作分工方案的通知\n"
    "一、重点工作\n"
    "1.制定全省实施方案，全省生产总值增长7%以上。(省发改委牵头,省财政厅参加)\n"
    "2.开展试点示范工作。(省科技厅负责)\n";

class Fixture {
 public:
  Fixture() {
    tracking_ = testing::StartTracking(store_.store(), now_);
    HandlerSettings settings;
    REQUIRE(settings.agencies.Add({"省发改委", {"省发展改革委"}, "fgw@example.gov.cn", "", ""}).ok());
    REQUIRE(settings.agencies.Add({"省科技厅", {}, "kjt@example.gov.cn", "", ""}).ok());
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
    std::string reply = handler_->HandleLine(request.dump(), peer);
    INFO(reply);
    return json::parse(reply);
  }
  json Ok(std::string_view cmd, json args = json::object()) {
    json reply = Command(cmd, std::move(args));
    INFO(reply.dump());
    REQUIRE(reply["ok"] == true);
    return reply["result"];
  }
  // A proposal stored as the importer would, for task `ref`.
  int64_t Propose(const std::string& ref, const std::string& name, double value,
                  const std::string& unit, const std::string& matched) {
    Target proposal;
    proposal.task_ref = ref;
    proposal.name = name;
    proposal.value = value;
    proposal.unit = unit;
    proposal.matched_text = matched;
    auto stored = store_.store().RecordTargetProposals({proposal}, "test", now_);
    INFO(stored.status().ToString());
    REQUIRE(stored.ok());
    REQUIRE(stored->size() == 1);
    return stored->front().id;
  }
  // The target of `list` (target.list's "targets") with `name`.
  static json Named(const json& list, const std::string& name) {
    for (const json& target : list) {
      if (target["name"] == name) return target;
    }
    FAIL("no target named " << name << " in " << list.dump());
    return json();
  }

  int64_t now_ = Local(2026, 3, 16, 12, 0);
  testing::TrackingStore store_;
  testing::Tracking tracking_;
  std::unique_ptr<CommandHandler> handler_;
  int changes_ = 0;
};

std::string ErrorCode(const json& reply) { return reply["error"]["code"].get<std::string>(); }
std::string ErrorMessage(const json& reply) { return reply["error"]["message"].get<std::string>(); }

TEST_CASE("target.add stores a confirmed target and refreshes the model", "[target-commands]") {
  Fixture f;
  json added = f.Ok("target.add", {{"task", "1"}, {"name", "投资"}, {"unit", "亿元"}, {"value", 120}});
  CHECK(added["target"]["state"] == "confirmed");
  CHECK(added["target"]["comparison"] == "at_least");
  CHECK(added["target"]["period"] == "yearly");
  CHECK(added["target"]["formatted"] == "≥120亿元");
  CHECK(added["target"]["id"].get<int64_t>() > 0);
  CHECK(f.changes_ == 1);
  // The model tracks it now (lights and reminders read TrackedTask::targets).
  const TrackedTask* task = f.tracking_.model->FindTask("1");
  REQUIRE(task != nullptr);
  REQUIRE(task->targets.size() == 1);
  CHECK(task->targets[0].name == "投资");

  json clash = f.Command("target.add", {{"task", "1"}, {"name", "投资"}, {"value", 5}});
  CHECK(ErrorCode(clash) == "conflict");
  CHECK(ErrorCode(f.Command("target.add", {{"task", "9"}, {"name", "x"}, {"value", 1}})) ==
        "not_found");
}

// As the importer's proposals: 0.5 for a rate, 5% of the value otherwise; a tolerance given
// is kept, and an edit of an `about` target's value keeps its tolerance.
TEST_CASE("an about target added or edited without a tolerance gets the default one",
          "[target-commands]") {
  Fixture f;
  json rate = f.Ok("target.add", {{"task", "1"}, {"name", "增速"}, {"unit", "%"}, {"value", 9},
                                  {"comparison", "about"}});
  CHECK(rate["target"]["tolerance"] == 0.5);
  json count = f.Ok("target.add", {{"task", "1"}, {"name", "企业"}, {"unit", "个"},
                                   {"value", 200}, {"comparison", "about"}});
  CHECK(count["target"]["tolerance"] == 10.0);
  json given = f.Ok("target.add", {{"task", "1"}, {"name", "投资"}, {"unit", "亿元"},
                                   {"value", 100}, {"comparison", "about"}, {"tolerance", 2}});
  CHECK(given["target"]["tolerance"] == 2.0);
  json value_only = f.Ok("target.edit", {{"id", given["target"]["id"]}, {"value", 120}});
  CHECK(value_only["target"]["tolerance"] == 2.0);
  json at_least = f.Ok("target.add", {{"task", "2"}, {"name", "试点"}, {"unit", "个"},
                                      {"value", 40}});
  CHECK(at_least["target"]["tolerance"] == 0.0);
  json made_about = f.Ok("target.edit", {{"id", at_least["target"]["id"]}, {"comparison", "about"}});
  CHECK(made_about["target"]["tolerance"] == 2.0);
}

TEST_CASE("target.add argument errors name the field", "[target-commands]") {
  Fixture f;
  json no_value = f.Command("target.add", {{"task", "1"}, {"name", "投资"}});
  CHECK(ErrorCode(no_value) == "invalid_argument");
  CHECK_THAT(ErrorMessage(no_value), Catch::Contains("args.value"));
  json bad_name = f.Command("target.add", {{"task", "1"}, {"name", "a=b"}, {"value", 1}});
  CHECK(ErrorCode(bad_name) == "invalid_argument");
  CHECK_THAT(ErrorMessage(bad_name), Catch::Contains("args.name"));
  json comparison = f.Command("target.add", {{"task", "1"}, {"name", "x"}, {"value", 1},
                                             {"comparison", "more"}});
  CHECK_THAT(ErrorMessage(comparison), Catch::Contains("args.comparison"));
  json no_date = f.Command("target.add", {{"task", "1"}, {"name", "x"}, {"value", 1},
                                          {"period", "by_date"}});
  CHECK(ErrorCode(no_date) == "invalid_argument");
  CHECK_THAT(ErrorMessage(no_date), Catch::Contains("by_date"));
  json text_value = f.Command("target.add", {{"task", "1"}, {"name", "x"}, {"value", "7"}});
  CHECK_THAT(ErrorMessage(text_value), Catch::Contains("args.value must be a number"));
  json unknown = f.Command("target.add", {{"task", "1"}, {"name", "x"}, {"value", 1}, {"due", 1}});
  CHECK(ErrorCode(unknown) == "invalid_argument");
  CHECK(f.changes_ == 0);
  CHECK(f.Ok("target.list")["targets"].empty());
}

TEST_CASE("target.list reads confirmed targets against the values reported", "[target-commands]") {
  Fixture f;
  f.Ok("target.add", {{"task", "1"}, {"name", "投资"}, {"unit", "亿元"}, {"value", 120}});
  f.Ok("target.add", {{"task", "1"}, {"name", "增速"}, {"unit", "%"}, {"value", 7}});
  f.Ok("target.add", {{"task", "1"}, {"name", "项目"}, {"unit", "个"}, {"value", 10}});
  f.Ok("target.add", {{"task", "2"}, {"name", "试点"}, {"unit", "个"}, {"value", 10}});

  json fed = f.Ok("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "一季度进展"},
                                   {"values", {{"投资", 40}, {"增速", 6.5}, {"项目", 12}}}});
  CHECK(fed["feedback"]["values"]["投资"] == 40);
  f.Ok("feedback.add", {{"ref", "2"}, {"agency", "省科技厅"}, {"text", "进展"},
                        {"values", {{"试点", 1}}}});

  json listed = f.Ok("target.list", {{"task", "1"}});
  CHECK(listed["count"] == 3);
  json investment = Fixture::Named(listed["targets"], "投资");
  REQUIRE(investment["reading"].is_object());
  CHECK(investment["reading"]["status"] == "on_track");  // 40 >= 120 × 0.204
  CHECK(investment["reading"]["last_value"] == 40);
  CHECK(investment["reading"]["last_agency"] == "省发改委");
  CHECK(investment["reading"]["last_at"] == f.now_);
  json rate = Fixture::Named(listed["targets"], "增速");
  CHECK(rate["reading"]["status"] == "behind");  // a rate is judged as it stands
  CHECK(Fixture::Named(listed["targets"], "项目")["reading"]["status"] == "met");
  // 1 of 10 when 2.04 are due by now.
  CHECK(Fixture::Named(f.Ok("target.list", {{"task", "2"}})["targets"], "试点")["reading"]["status"] ==
        "behind");
  CHECK(f.Ok("target.list")["count"] == 4);
  CHECK(f.Ok("target.list", {{"state", "proposed"}})["targets"].empty());

  // A later report replaces the value read: 10 of 120 is behind the pro-rata 24.5.
  f.now_ += 3600;
  f.Ok("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "更正"}, {"values", {{"投资", 10}}}});
  json again = Fixture::Named(f.Ok("target.list", {{"task", "1"}})["targets"], "投资");
  CHECK(again["reading"]["status"] == "behind");
  CHECK(again["reading"]["last_value"] == 10);
}

TEST_CASE("feedback.add refuses values for names that are not confirmed targets", "[target-commands]") {
  Fixture f;
  f.Propose("1", "生产总值增长", 7, "%", "全省生产总值增长7%以上");
  json unconfirmed = f.Command("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "x"},
                                                {"values", {{"生产总值增长", 7.2}}}});
  CHECK(unconfirmed["ok"] == false);
  CHECK_THAT(ErrorMessage(unconfirmed), Catch::Contains("生产总值增长"));
  json bad_form = f.Command("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "x"},
                                             {"values", {{"生产总值增长", "7.2"}}}});
  CHECK(ErrorCode(bad_form) == "invalid_argument");
  CHECK_THAT(ErrorMessage(bad_form), Catch::Contains("args.values.生产总值增长"));
  CHECK(ErrorCode(f.Command("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "x"},
                                             {"values", json::array({1})}})) == "invalid_argument");
  CHECK(f.Ok("feedback.list", {{"ref", "1"}})["feedback"].empty());
}

TEST_CASE("target.confirm, edit and reject move proposals", "[target-commands]") {
  Fixture f;
  const int64_t growth = f.Propose("1", "生产总值增长", 7, "%", "全省生产总值增长7%以上");
  const int64_t jobs = f.Propose("1", "新增就业", 100, "万人", "新增城镇就业100万人以上");
  const int64_t pilots = f.Propose("2", "试点", 10, "个", "建设试点10个以上");

  json proposed = f.Ok("target.list", {{"state", "proposed"}});
  REQUIRE(proposed["count"] == 3);
  CHECK(Fixture::Named(proposed["targets"], "试点")["reading"].is_null());  // not tracked
  CHECK(f.tracking_.model->FindTask("1")->targets.empty());

  json confirmed = f.Ok("target.confirm", {{"ids", {growth}}});
  REQUIRE(confirmed["confirmed"].size() == 1);
  CHECK(confirmed["confirmed"][0]["state"] == "confirmed");
  CHECK(f.tracking_.model->FindTask("1")->targets.size() == 1);
  json twice = f.Command("target.confirm", {{"ids", {growth}}});
  CHECK(ErrorCode(twice) == "failed_precondition");
  CHECK_THAT(ErrorMessage(twice), Catch::Contains("not a proposal"));

  json edited = f.Ok("target.edit", {{"id", jobs}, {"value", 80}, {"period", "by_date"},
                                     {"by_date", "2026-12-31"}});
  CHECK(edited["was"]["value"] == 100);
  CHECK(edited["target"]["value"] == 80);
  CHECK(edited["target"]["state"] == "confirmed");  // editing a proposal confirms it
  CHECK(edited["target"]["by_date"] == "2026-12-31");
  CHECK(ErrorCode(f.Command("target.edit", {{"id", jobs}})) == "invalid_argument");
  CHECK(ErrorCode(f.Command("target.edit", {{"id", 999}, {"value", 1}})) == "not_found");

  json no_reason = f.Command("target.reject", {{"id", pilots}});
  CHECK(ErrorCode(no_reason) == "invalid_argument");
  CHECK_THAT(ErrorMessage(no_reason), Catch::Contains("args.reason"));
  json blank_reason = f.Command("target.reject", {{"id", pilots}, {"reason", " \u3000 "}});
  CHECK(ErrorCode(blank_reason) == "invalid_argument");
  CHECK_THAT(ErrorMessage(blank_reason), Catch::Contains("args.reason is blank"));
  json rejected = f.Ok("target.reject", {{"id", pilots}, {"reason", "不是量化指标"}});
  CHECK(rejected["target"]["state"] == "rejected");
  CHECK(f.Ok("target.list", {{"state", "rejected"}})["count"] == 1);
  CHECK(f.Ok("target.list", {{"state", "confirmed"}})["count"] == 2);
  CHECK(f.Ok("target.list", {{"state", "proposed"}})["count"] == 0);
}

TEST_CASE("target.confirm --task confirms every proposal of the task", "[target-commands]") {
  Fixture f;
  f.Propose("1", "生产总值增长", 7, "%", "全省生产总值增长7%以上");
  f.Propose("1", "新增就业", 100, "万人", "新增城镇就业100万人以上");
  f.Propose("2", "试点", 10, "个", "建设试点10个以上");
  json confirmed = f.Ok("target.confirm", {{"task", "1"}});
  CHECK(confirmed["confirmed"].size() == 2);
  CHECK(f.Ok("target.list", {{"state", "proposed"}})["count"] == 1);
  CHECK(f.Ok("target.confirm", {{"task", "1"}})["confirmed"].empty());
  CHECK(ErrorCode(f.Command("target.confirm", json::object())) == "invalid_argument");
  CHECK(ErrorCode(f.Command("target.confirm", {{"task", "1"}, {"ids", {1}}})) == "invalid_argument");
  CHECK(ErrorCode(f.Command("target.confirm", {{"ids", {0}}})) == "invalid_argument");
  CHECK(ErrorCode(f.Command("target.list", {{"state", "done"}})) == "invalid_argument");
}

TEST_CASE("target mutations are denied to outsiders, listing is not", "[target-commands]") {
  Fixture f;
  const int64_t id = f.Propose("1", "生产总值增长", 7, "%", "全省生产总值增长7%以上");
  const json cases[] = {
      {{"cmd", "target.add"}, {"args", {{"task", "1"}, {"name", "x"}, {"value", 1}}}},
      {{"cmd", "target.edit"}, {"args", {{"id", id}, {"value", 8}}}},
      {{"cmd", "target.confirm"}, {"args", {{"ids", {id}}}}},
      {{"cmd", "target.reject"}, {"args", {{"id", id}, {"reason", "x"}}}},
  };
  for (const json& c : cases) {
    INFO(c.dump());
    CHECK(ErrorCode(f.Command(c["cmd"].get<std::string>(), c["args"], OutsiderPeer())) ==
          "permission_denied");
  }
  json listed = f.Command("target.list", json::object(), OutsiderPeer());
  CHECK(listed["ok"] == true);
  CHECK(f.changes_ == 0);
}

TEST_CASE("plan.import stores the importer's proposals once, never confirmed", "[target-commands]") {
  Fixture f;
  json dry = f.Ok("plan.import", {{"content", kPlanWithTargets}, {"dry_run", true}});
  const auto would = dry["target_proposals"]["count"].get<int64_t>();
  CHECK(would >= 1);
  CHECK(f.Ok("target.list")["count"] == 0);  // a dry run stores nothing

  json imported = f.Ok("plan.import", {{"content", kPlanWithTargets}, {"source", "plan.txt"}});
  const json& block = imported["target_proposals"];
  CHECK(block["error"].is_null());
  CHECK(block["count"] == would);
  CHECK(block["hint"].get<std::string>().find("dubanctl target list --state proposed") !=
        std::string::npos);
  json proposed = f.Ok("target.list", {{"state", "proposed"}});
  CHECK(proposed["count"] == would);
  for (const json& target : proposed["targets"]) {
    CHECK(target["task_ref"] == "1");
    CHECK(!target["matched_text"].get<std::string>().empty());
  }
  CHECK(f.Ok("target.list", {{"state", "confirmed"}})["count"] == 0);
  CHECK(f.tracking_.model->FindTask("1")->targets.empty());

  // Reject one, re-import: nothing is proposed again.
  const int64_t first = proposed["targets"][0]["id"].get<int64_t>();
  f.Ok("target.reject", {{"id", first}, {"reason", "重复"}});
  json again = f.Ok("plan.import", {{"content", kPlanWithTargets}, {"source", "plan.txt"}});
  CHECK(again["target_proposals"]["count"] == 0);
  CHECK(again["target_proposals"]["hint"] == "");
  CHECK(f.Ok("plan.import", {{"content", kPlanWithTargets}, {"dry_run", true}})
            ["target_proposals"]["count"] == 0);
  CHECK(f.Ok("target.list")["count"] == would);
}

}  // namespace
}  // namespace duban
