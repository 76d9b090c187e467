// The assembly of the tracking commands' protocol arguments from the command line's
// options (daemon/dubanctl/tracking_args.h), and the usage errors caught before sending.
#include "daemon/dubanctl/tracking_args.h"

#include <catch2/catch.hpp>

namespace duban::ctl {
namespace {

using nlohmann::json;

TEST_CASE("FeedbackAddArgs: ref, agency and text, percent and done only when given",
          "[tracking_args]") {
  FeedbackOptions options{"22", "省发改委", "已完成调研", std::nullopt, false, {}, "", {}};
  Result<json> args = FeedbackAddArgs(options);
  REQUIRE(args.ok());
  CHECK(*args == json{{"ref", "22"}, {"agency", "省发改委"}, {"text", "已完成调研"}});

  options.percent = 60;
  options.done = true;
  args = FeedbackAddArgs(options);
  REQUIRE(args.ok());
  CHECK(args->at("percent") == 60);
  CHECK(args->at("done") == true);
}

TEST_CASE("FeedbackAddArgs: a missing ref, agency or text, or a percent out of range, is refused",
          "[tracking_args]") {
  CHECK_FALSE(FeedbackAddArgs({"", "省发改委", "x", std::nullopt, false, {}, "", {}}).ok());
  CHECK(FeedbackAddArgs({"22", "", "x", std::nullopt, false, {}, "", {}}).status().message() ==
        "--agency is required");
  CHECK_FALSE(FeedbackAddArgs({"22", "省发改委", "", std::nullopt, false, {}, "", {}}).ok());
  CHECK(FeedbackAddArgs({"22", "省发改委", "x", 101, false, {}, "", {}}).status().message() ==
        "--percent must be 0..100, not 101");
  CHECK(FeedbackAddArgs({"22", "省发改委", "x", 0, false, {}, "", {}}).ok());
}

TEST_CASE("FeedbackAddArgs: attachments checked before sending, received passed on",
          "[tracking_args]") {
  FeedbackOptions options{"22", "省发改委", "见附件", std::nullopt, false,
                          {"/srv/a.pdf", "https://oa.example.gov.cn/d/1"}, "2026-03-09", {}};
  Result<json> args = FeedbackAddArgs(options);
  REQUIRE(args.ok());
  CHECK(args->at("attachments") == json{"/srv/a.pdf", "https://oa.example.gov.cn/d/1"});
  CHECK(args->at("received") == "2026-03-09");
  options.attachments.push_back("ftp://files/a.pdf");
  CHECK_THAT(FeedbackAddArgs(options).status().message(), Catch::StartsWith("--attach: "));
}

TEST_CASE("FeedbackListArgs: only the filters given", "[tracking_args]") {
  CHECK(*FeedbackListArgs({}) == json::object());
  CHECK(*FeedbackListArgs({"22", "", ""}) == json{{"ref", "22"}});
  CHECK(*FeedbackListArgs({"", "", "省科技厅"}) == json{{"agency", "省科技厅"}});
  CHECK(*FeedbackListArgs({"", "22", ""}) == json{{"ref", "22"}});  // --task
  CHECK(*FeedbackListArgs({"22", "22", ""}) == json{{"ref", "22"}});
  CHECK_FALSE(FeedbackListArgs({"22", "23", ""}).ok());
}

TEST_CASE("DueArgs: a date, 'none', and each report option under its protocol name",
          "[tracking_args]") {
  DueOptions options;
  options.ref = "二.3";
  CHECK(options.empty());
  options.date = "2026-12-31";
  options.cycle = "quarterly";
  options.report_days = 10;
  options.fixed_day = 15;
  options.participant_lead_days = 3;
  CHECK_FALSE(options.empty());
  Result<json> args = DueArgs(options);
  REQUIRE(args.ok());
  CHECK(*args == json{{"ref", "二.3"},
                      {"final_due", "2026-12-31"},
                      {"cycle", "quarterly"},
                      {"report_working_days_after", 10},
                      {"report_fixed_day", 15},
                      {"participant_lead_days", 3}});

  DueOptions none;
  none.ref = "22";
  none.date = "none";
  CHECK(*DueArgs(none) == json{{"ref", "22"}, {"final_due", "none"}});
}

TEST_CASE("DueArgs: --clear alone sends clear, with a value it is refused", "[tracking_args]") {
  DueOptions options;
  options.ref = "22";
  options.clear = true;
  CHECK_FALSE(options.empty());
  CHECK(*DueArgs(options) == json{{"ref", "22"}, {"clear", true}});
  options.cycle = "monthly";
  CHECK_FALSE(DueArgs(options).ok());
}

TEST_CASE("DueArgs: a date that is not a real day, or a bad number, is a usage error",
          "[tracking_args]") {
  DueOptions options;
  options.ref = "22";
  options.date = "2026-02-30";
  Result<json> args = DueArgs(options);
  REQUIRE_FALSE(args.ok());
  CHECK_THAT(args.status().message(), Catch::Contains("2026-02-30"));
  options.date = "";
  options.fixed_day = 32;
  CHECK_FALSE(DueArgs(options).ok());
  options.fixed_day.reset();
  options.report_days = -1;
  CHECK_FALSE(DueArgs(options).ok());
}

TEST_CASE("OutboxArgs and SimulateArgs: filters given, limits checked", "[tracking_args]") {
  CHECK(*OutboxArgs({}) == json::object());
  CHECK(*OutboxArgs({"pending", "22", "省发改委", 5}) ==
        json{{"state", "pending"}, {"ref", "22"}, {"agency", "省发改委"}, {"limit", 5}});
  CHECK_FALSE(OutboxArgs({"", "", "", 0}).ok());

  CHECK(*SimulateArgs({}) == json::object());
  CHECK(*SimulateArgs({"2026-10-01", 30, "22", "省科技厅"}) ==
        json{{"from", "2026-10-01"}, {"days", 30}, {"ref", "22"}, {"agency", "省科技厅"}});
  CHECK_FALSE(SimulateArgs({"10/01/2026", std::nullopt, "", ""}).ok());
  CHECK_FALSE(SimulateArgs({"", 0, "", ""}).ok());
  CHECK_FALSE(SimulateArgs({"", 367, "", ""}).ok());
  CHECK(SimulateArgs({"", 366, "", ""}).ok());
}

TEST_CASE("CalendarArgs and CalendarAddArgs: the date is checked, N may be negative",
          "[tracking_args]") {
  CHECK(*CalendarArgs("2026-10-01") == json{{"date", "2026-10-01"}});
  CHECK_FALSE(CalendarArgs("2026-1-1").ok());
  CHECK(*CalendarAddArgs("2026-10-08", -3) == json{{"date", "2026-10-08"}, {"days", -3}});
  CHECK_FALSE(CalendarAddArgs("tomorrow", 1).ok());
}

}  // namespace
}  // namespace duban::ctl
