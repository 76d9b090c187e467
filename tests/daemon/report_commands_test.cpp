// report.assessment through CommandHandler on a real store and tracking model with a
// pinned clock (tracking_test_util.h's plan and 2026 calendar with the 测试假日 holiday on
// 2026-03-26..27).
#include "daemon/duband/command_handler.h"

#include <catch2/catch.hpp>

#include "tests/daemon/tracking_test_util.h"

namespace duban {
namespace {

using nlohmann::json;
using testing::Local;
using testing::RootPeer;

class Fixture {
 public:
  Fixture() {
    tracking_ = testing::StartTracking(store_.store(), now_);
    HandlerTracking hooks;
    hooks.model = tracking_.model.get();
    handler_ = std::make_unique<CommandHandler>(store_.store(), HandlerSettings{},
                                                [this] { return now_; }, std::move(hooks));
  }

  json Command(std::string_view cmd, json args) {
    json request = {{"v", 1}, {"id", 1}, {"cmd", cmd}, {"args", std::move(args)}};
    return json::parse(handler_->HandleLine(request.dump(), RootPeer()));
  }
  json Ok(std::string_view cmd, json args) {
    json reply = Command(cmd, std::move(args));
    INFO(reply.dump());
    REQUIRE(reply["ok"] == true);
    return reply["result"];
  }

  int64_t now_ = Local(2026, 3, 30, 9, 0);
  testing::TrackingStore store_;
  testing::Tracking tracking_;
  std::unique_ptr<CommandHandler> handler_;
};

// 省发改委 (lead of task 1, due Fri 2026-03-20) reports on Mon 03-30: late by the working
// days in (03-20, 03-30] = 03-23, 03-24, 03-25 (03-26..27 holiday, 28..29 weekend), 03-30
// = 4. 省财政厅 (participant, due 5 working days earlier, 03-13) never reports: missing.
// 省科技厅 (task 2, 负责) has nothing due: unranked.
TEST_CASE("report.assessment computes the period's figures from the tracked state", "[report-commands]") {
  Fixture f;
  f.Ok("feedback.add", {{"ref", "1"}, {"agency", "省发改委"}, {"text", "方案已印发"}});
  f.now_ = Local(2026, 3, 30, 12, 0);
  json result = f.Ok("report.assessment", {{"from", "2026-03-01"}, {"to", "2026-03-31"}});
  CHECK(result["format"] == "json");
  CHECK_FALSE(result.contains("document"));
  CHECK(result["title"] == "考核情况通报（2026-03-01至2026-03-31，截至2026-03-30 12:00）");
  const json& report = result["report"];
  CHECK(report["as_of"] == f.now_);
  REQUIRE(report["agencies"].size() == 3);
  const json& fgw = report["agencies"][0];
  CHECK(fgw["agency"] == "省发改委");
  CHECK(fgw["rank"] == 1);
  CHECK(fgw["lead_tasks"] == 1);
  CHECK(fgw["due"] == 1);
  CHECK(fgw["late"] == 1);
  CHECK(fgw["late_working_days"] == 4);
  CHECK(fgw["missing"] == 0);
  CHECK(fgw["rate"] == 0.0);
  const json& czt = report["agencies"][1];
  CHECK(czt["agency"] == "省财政厅");
  CHECK(czt["rank"] == 2);  // same rate (0), one missing
  CHECK(czt["participant_tasks"] == 1);
  CHECK(czt["missing"] == 1);
  const json& kjt = report["agencies"][2];
  CHECK(kjt["agency"] == "省科技厅");
  CHECK(kjt["rank"] == 0);
  CHECK(kjt["rate"].is_null());
  CHECK(report["totals"]["due"] == 2);
  REQUIRE(report["findings"].size() == 2);
  CHECK(report["findings"][0]["outcome"] == "late");
  CHECK(report["findings"][0]["reported"] == "2026-03-30");
  CHECK(report["findings"][1]["outcome"] == "missing");
  CHECK(report["findings"][1]["due"] == "2026-03-13");
}

TEST_CASE("report.assessment renders the documents the office circulates", "[report-commands]") {
  Fixture f;
  json csv = f.Ok("report.assessment", {{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "csv"}});
  const std::string document = csv["document"].get<std::string>();
  CHECK(document.rfind("\xEF\xBB\xBF排名,单位,", 0) == 0);
  CHECK(csv["report"]["agencies"].size() == 3);
  json md = f.Ok("report.assessment", {{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "md"}});
  CHECK(md["document"].get<std::string>().find("| 省财政厅 |") != std::string::npos);
  json html = f.Ok("report.assessment",
                   {{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "html"}, {"section", "一"}});
  const std::string page = html["document"].get<std::string>();
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("第一部分") != std::string::npos);
}

TEST_CASE("report.assessment refuses a bad period with a clear error", "[report-commands]") {
  Fixture f;
  auto error = [&](json args) {
    json reply = f.Command("report.assessment", std::move(args));
    REQUIRE(reply["ok"] == false);
    CHECK(reply["error"]["code"] == "invalid_argument");
    return reply["error"]["message"].get<std::string>();
  };
  CHECK_THAT(error({{"from", "2026-04-01"}, {"to", "2026-03-01"}}),
             Catch::Contains("args.from (2026-04-01) is after args.to (2026-03-01)"));
  CHECK_THAT(error({{"from", "2026-02-30"}, {"to", "2026-03-01"}}), Catch::Contains("args.from"));
  CHECK_THAT(error({{"from", "2026-03-01"}}), Catch::Contains("args.to is required"));
  CHECK_THAT(error({{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"format", "pdf"}}),
             Catch::Contains("args.format"));
  CHECK_THAT(error({{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"section", "九"}}),
             Catch::Contains("no section 九"));
  CHECK_THAT(error({{"from", "2026-03-01"}, {"to", "2026-03-31"}, {"agency", "x"}}),
             Catch::Contains("agency"));
}

}  // namespace
}  // namespace duban
