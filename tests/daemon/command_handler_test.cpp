// CommandHandler against a real SqliteStore on ":memory:" with a fixed clock: the check
// order of docs/PROTOCOL.md, permission, and each command.
#include "daemon/duband/command_handler.h"

#include <catch2/catch.hpp>

#include "tests/daemon/duband_test_util.h"
#include "workflow/sqlite_store.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::OutsiderPeer;
using testing::RootPeer;

constexpr int64_t kNow = 1'700'000'000;

constexpr const char* kPlanText =
    "关于印发重点工作分工方案的通知\n"
    "一、加强规划指导\n"
    "1.制定全省实施方案。(省发改委牵头,省财政厅、省商务厅参加)\n"
    "2.开展试点示范工作。(省科技厅负责)\n"
    "二、强化保障措施\n"
    "3.加大资金支持力度。(省财政厅牵头,省发展改革委参加)\n";

// Task 2 has no assignment: a doubtful reading.
constexpr const char* kDoubtfulPlanText =
    "关于印发重点工作分工方案的通知\n"
    "一、加强规划指导\n"
    "1.制定全省实施方案。(省发改委牵头,省财政厅参加)\n"
    "2.开展试点示范工作，做好宣传引导。\n"
    "3.加大资金支持力度。(省财政厅负责)\n";

constexpr const char* kPlanCsv =
    "section,number,text,lead,participants,responsible,due\r\n"
    "一,1,制定全省实施方案,省发改委,省财政厅,,2024-06-30\r\n"
    "一,2,开展试点示范工作,省科技厅,,,\r\n";

class HandlerFixture {
 public:
  HandlerFixture() {
    auto opened = SqliteStore::Open(":memory:");
    REQUIRE(opened.ok());
    store_ = std::move(opened).value();
    HandlerSettings settings;
    AgencyInfo fgw{"省发改委", {"省发展改革委"}, "fgw@example.gov.cn", "", ""};
    REQUIRE(settings.agencies.Add(fgw).ok());
    REQUIRE(store_->SyncAgencies({fgw}, "test", kNow).ok());
    settings.config_path = "/etc/duban/duban.toml";
    settings.socket_path = "/run/duban/duband.sock";
    settings.store_path = ":memory:";
    settings.mail_dir = "/var/spool/duban";
    handler_ = std::make_unique<CommandHandler>(*store_, std::move(settings),
                                                [this] { return now_; });
  }

  // Sends `request` (an object, or a raw line) and parses the reply.
  json Call(const json& request, const PeerCredentials& peer = RootPeer()) {
    return Raw(request.dump(), peer);
  }
  json Raw(std::string_view line, const PeerCredentials& peer = RootPeer()) {
    std::string reply = handler_->HandleLine(line, peer);
    INFO(reply);
    REQUIRE(reply.find('\n') == std::string::npos);
    return json::parse(reply);
  }
  json Command(std::string_view cmd, json args = json::object(),
               const PeerCredentials& peer = RootPeer()) {
    return Call({{"v", 1}, {"id", 7}, {"cmd", cmd}, {"args", std::move(args)}}, peer);
  }
  json Import(const char* content, json extra = json::object()) {
    json args = {{"content", content}, {"source", "plan.txt"}};
    args.update(extra);
    return Command("plan.import", args);
  }

  int64_t now_ = kNow;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<CommandHandler> handler_;
};

std::string ErrorCode(const json& reply) {
  if (reply.value("ok", true)) return "";
  return reply["error"]["code"].get<std::string>();
}

std::string ErrorMessage(const json& reply) {
  if (reply.value("ok", true)) return "";
  return reply["error"]["message"].get<std::string>();
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: each check of the fixed order has its code",
                 "[command_handler]") {
  CHECK(ErrorCode(Raw("not json")) == "bad_request");
  CHECK(ErrorCode(Raw("[1,2]")) == "bad_request");
  CHECK(ErrorCode(Raw(R"({"v":1,"id":"x","cmd":"status"})")) == "bad_request");
  CHECK(ErrorCode(Raw(R"({"v":1,"id":3,"cmd":5})")) == "bad_request");
  CHECK(ErrorCode(Raw(R"({"v":2,"id":3,"cmd":"status"})")) == "unsupported_version");
  CHECK(ErrorCode(Raw(R"({"v":1,"id":3,"cmd":"tasks.delete"})")) == "unknown_command");
  CHECK(ErrorCode(Raw(R"({"v":1,"id":3,"cmd":"task.get","args":{}})")) == "invalid_argument");
  CHECK(ErrorCode(Command("plan.import", {{"content", kPlanText}}, OutsiderPeer())) ==
        "permission_denied");
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: earlier checks win over later ones",
                 "[command_handler]") {
  // A wrong version of an unknown command is a version error.
  CHECK(ErrorCode(Raw(R"({"v":9,"id":1,"cmd":"nope"})")) == "unsupported_version");
  // An unknown command with bad args is an unknown command.
  CHECK(ErrorCode(Raw(R"({"v":1,"id":1,"cmd":"nope","args":{"x":1}})")) == "unknown_command");
  // Bad args of a mutating command from an outsider: the args are checked first.
  json reply = Command("plan.import", {{"content", 5}}, OutsiderPeer());
  CHECK(ErrorCode(reply) == "invalid_argument");
  CHECK(ErrorMessage(reply) == "args.content must be a string");
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: replies carry the request id",
                 "[command_handler]") {
  CHECK(Raw(R"({"v":1,"id":41,"cmd":"status"})")["id"] == 41);
  CHECK(Raw(R"({"v":2,"id":42,"cmd":"status"})")["id"] == 42);
  CHECK(Raw(R"({"v":1,"id":43,"cmd":"task.get"})")["id"] == 43);
  CHECK(Raw("garbage")["id"] == 0);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: argument errors name the field",
                 "[command_handler]") {
  CHECK(ErrorMessage(Command("task.get", {{"ref", 22}})) == "args.ref must be a string");
  CHECK(ErrorMessage(Command("task.get")) == "args.ref is required");
  CHECK(ErrorMessage(Command("task.get", {{"ref", ""}})) == "args.ref must not be empty");
  CHECK(ErrorMessage(Command("agency.get")) == "args.name is required");
  CHECK(ErrorMessage(Command("plan.import")) == "args.content is required");
  CHECK(ErrorMessage(Command("plan.import", {{"content", ""}, {"dry_run", "yes"}})) ==
        "args.dry_run must be true or false");
  CHECK_THAT(ErrorMessage(Command("plan.import", {{"content", ""}, {"format", "xlsx"}})),
             Catch::StartsWith("args.format must be one of \"text\", \"csv\""));
  CHECK_THAT(ErrorMessage(Command("tasks.list", {{"role", "boss"}})),
             Catch::StartsWith("args.role must be one of"));
  CHECK_THAT(ErrorMessage(Command("tasks.list", {{"state", "gone"}})),
             Catch::StartsWith("args.state must be one of"));
  CHECK_THAT(ErrorMessage(Command("tasks.list", {{"agnecy", "省发改委"}})),
             Catch::StartsWith("args.agnecy is not an argument of tasks.list"));
  CHECK_THAT(ErrorMessage(Command("status", {{"verbose", true}})),
             Catch::StartsWith("args.verbose is not an argument of status"));
  CHECK(ErrorCode(Command("plan.export", {{"format", "xlsx"}})) == "invalid_argument");
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: read-only commands are open to anyone",
                 "[command_handler]") {
  REQUIRE(Import(kPlanText)["ok"] == true);
  for (const char* cmd : {"status", "tasks.list", "agencies.list", "plan.export"}) {
    INFO(cmd);
    CHECK(Command(cmd, json::object(), OutsiderPeer())["ok"] == true);
  }
  CHECK(Command("task.get", {{"ref", "1"}}, OutsiderPeer())["ok"] == true);
  // A dry run changes nothing, so it is not a mutation.
  CHECK(Import(kPlanText, {{"dry_run", true}})["ok"] == true);
  CHECK(Command("plan.import", {{"content", kPlanText}, {"dry_run", true}}, OutsiderPeer())["ok"] ==
        true);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: an outsider cannot import and nothing changes",
                 "[command_handler]") {
  json reply = Command("plan.import", {{"content", kPlanText}}, OutsiderPeer());
  CHECK(ErrorCode(reply) == "permission_denied");
  CHECK_THAT(ErrorMessage(reply), Catch::Contains("uid " + std::to_string(OutsiderPeer().uid)));
  CHECK(Command("status")["result"]["summary"]["active_tasks"] == 0);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: a member of the admin group may import",
                 "[command_handler]") {
  HandlerSettings settings;
  settings.admin_group = "root";  // gid 0 on every Linux system
  handler_->UpdateSettings(std::move(settings));
  PeerCredentials member = OutsiderPeer();
  member.gid = 0;
  CHECK(Command("plan.import", {{"content", kPlanText}}, member)["ok"] == true);
  CHECK(ErrorCode(Command("plan.import", {{"content", kPlanText}}, OutsiderPeer())) ==
        "permission_denied");
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: status reports the daemon and the store",
                 "[command_handler]") {
  now_ = kNow + 90;
  json result = Command("status")["result"];
  CHECK(result["protocol"] == 1);
  CHECK(result["pid"] == static_cast<int64_t>(getpid()));
  CHECK(result["uptime_seconds"] == 90);
  CHECK(result["config"] == "/etc/duban/duban.toml");
  CHECK(result["socket"] == "/run/duban/duband.sock");
  CHECK(result["mail_dir"] == "/var/spool/duban");
  CHECK(result["summary"]["plan_imported_at"] == 0);
  CHECK(result.contains("version"));
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: a dry run previews and stores nothing",
                 "[command_handler]") {
  json reply = Import(kPlanText, {{"dry_run", true}});
  REQUIRE(reply["ok"] == true);
  json result = reply["result"];
  CHECK(result["applied"] == false);
  CHECK(result["dry_run"] == true);
  CHECK(result["source"] == "plan.txt");
  CHECK(result["counts"]["tasks"] == 3);
  CHECK(result["counts"]["sections"] == 2);
  CHECK(result["counts"]["doubtful"] == 0);
  REQUIRE(result["tasks"].size() == 3);
  CHECK(result["diff"]["added"] == json({"1", "2", "3"}));
  // The alias 省发展改革委 is rewritten to its canonical name.
  CHECK(result["tasks"][2]["participants"] == json({"省发改委"}));
  CHECK(Command("status")["result"]["summary"]["active_tasks"] == 0);
  CHECK(ErrorCode(Command("task.get", {{"ref", "1"}})) == "not_found");
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: a real import applies the plan",
                 "[command_handler]") {
  json result = Import(kPlanText)["result"];
  CHECK(result["applied"] == true);
  CHECK(result["dry_run"] == false);
  CHECK_FALSE(result.contains("tasks"));
  CHECK(result["diff"]["added"].size() == 3);
  json summary = Command("status")["result"]["summary"];
  CHECK(summary["active_tasks"] == 3);
  CHECK(summary["plan_imported_at"] == kNow);
  json task = Command("task.get", {{"ref", "1"}})["result"]["task"];
  CHECK(task["lead"] == json({"省发改委"}));
  CHECK(task["state"] == "active");
  CHECK(task["created_at"] == kNow);

  // The same plan again changes nothing.
  now_ += 60;
  json again = Import(kPlanText)["result"];
  CHECK(again["diff"]["added"].empty());
  CHECK(again["diff"]["unchanged"] == 3);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: a doubtful reading needs consent",
                 "[command_handler]") {
  json preview = Import(kDoubtfulPlanText, {{"dry_run", true}})["result"];
  REQUIRE(preview["counts"]["doubtful"] == 1);

  json refused = Import(kDoubtfulPlanText);
  CHECK(ErrorCode(refused) == "failed_precondition");
  CHECK_THAT(ErrorMessage(refused), Catch::Contains("line 4") && Catch::Contains("task 2"));
  CHECK(Command("status")["result"]["summary"]["active_tasks"] == 0);

  json accepted = Import(kDoubtfulPlanText, {{"accept_doubtful", true}});
  REQUIRE(accepted["ok"] == true);
  CHECK(accepted["result"]["applied"] == true);
  CHECK(Command("status")["result"]["summary"]["active_tasks"] == 3);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: a reading with errors is never imported",
                 "[command_handler]") {
  const char* bad_csv =
      "section,number,text,lead,participants,responsible,due\r\n"
      "一,1,制定全省实施方案,省发改委,,,2024-13-45\r\n";
  json args = {{"content", bad_csv}, {"format", "csv"}, {"accept_doubtful", true}};
  json reply = Command("plan.import", args);
  CHECK(ErrorCode(reply) == "invalid_argument");
  CHECK_THAT(ErrorMessage(reply), Catch::Contains("line 2"));
  // A dry run shows the errors instead.
  args["dry_run"] = true;
  json preview = Command("plan.import", args);
  REQUIRE(preview["ok"] == true);
  CHECK_FALSE(preview["result"]["issues"].empty());
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: CSV import and export round trip",
                 "[command_handler]") {
  json reply = Command("plan.import", {{"content", kPlanCsv}, {"format", "csv"}});
  REQUIRE(reply["ok"] == true);
  CHECK(reply["result"]["counts"]["tasks"] == 2);
  json exported = Command("plan.export")["result"];
  CHECK(exported["format"] == "csv");
  std::string csv = exported["content"];
  CHECK_THAT(csv, Catch::Contains("制定全省实施方案") && Catch::Contains("2024-06-30"));
  // The export reads back as the same plan.
  json again = Command("plan.import", {{"content", csv}, {"format", "csv"}});
  REQUIRE(again["ok"] == true);
  CHECK(again["result"]["diff"]["unchanged"] == 2);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: plan.export without a plan is not_found",
                 "[command_handler]") {
  CHECK(ErrorCode(Command("plan.export")) == "not_found");
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: task.get of an unknown ref is not_found",
                 "[command_handler]") {
  REQUIRE(Import(kPlanText)["ok"] == true);
  json reply = Command("task.get", {{"ref", "48"}});
  CHECK(ErrorCode(reply) == "not_found");
  CHECK(reply["id"] == 7);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: tasks.list filters", "[command_handler]") {
  REQUIRE(Import(kPlanText)["ok"] == true);
  auto refs = [&](json args) {
    json result = Command("tasks.list", std::move(args))["result"];
    std::vector<std::string> out;
    for (const auto& task : result["tasks"]) out.push_back(task["ref"]);
    CHECK(result["count"] == out.size());
    return out;
  };
  using Refs = std::vector<std::string>;
  CHECK(refs(json::object()) == Refs{"1", "2", "3"});
  CHECK(refs({{"agency", "省财政厅"}}) == Refs{"1", "3"});
  CHECK(refs({{"agency", "省财政厅"}, {"role", "lead"}}) == Refs{"3"});
  CHECK(refs({{"agency", "省发展改革委"}}) == Refs{"1", "3"});  // by alias
  CHECK(refs({{"section", "二"}}) == Refs{"3"});
  CHECK(refs({{"state", "removed"}}).empty());

  // Re-import without task 3: it is removed, not deleted.
  std::string shorter = kPlanText;
  shorter.erase(shorter.find("二、"));
  REQUIRE(Import(shorter.c_str())["ok"] == true);
  CHECK(refs(json::object()) == Refs{"1", "2"});
  CHECK(refs({{"state", "removed"}}) == Refs{"3"});
  CHECK(refs({{"state", "all"}}).size() == 3);
}

TEST_CASE_METHOD(HandlerFixture, "CommandHandler: agencies.list and agency.get",
                 "[command_handler]") {
  REQUIRE(Import(kPlanText)["ok"] == true);
  json agencies = Command("agencies.list")["result"]["agencies"];
  std::vector<std::string> names;
  for (const auto& agency : agencies) names.push_back(agency["name"]);
  CHECK(std::find(names.begin(), names.end(), "省财政厅") != names.end());
  CHECK(std::find(names.begin(), names.end(), "省发展改革委") == names.end());

  json result = Command("agency.get", {{"name", "省财政厅"}})["result"];
  CHECK(result["agency"]["name"] == "省财政厅");
  REQUIRE(result["tasks"]["lead"].size() == 1);
  CHECK(result["tasks"]["lead"][0]["ref"] == "3");
  REQUIRE(result["tasks"]["participant"].size() == 1);
  CHECK(result["tasks"]["participant"][0]["ref"] == "1");
  CHECK(result["tasks"]["responsible"].empty());

  CHECK(ErrorCode(Command("agency.get", {{"name", "省外星办"}})) == "not_found");
}

}  // namespace
}  // namespace duban
