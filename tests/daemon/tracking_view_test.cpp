// How tracking reads in dubanctl (daemon/dubanctl/tracking_view.h, action_view.h): lights,
// deadlines, occurrences, days, problems, outbox rows and simulated actions, from the
// daemon's JSON forms.
#include "daemon/dubanctl/tracking_view.h"

#include <catch2/catch.hpp>

#include "daemon/dubanctl/action_view.h"
#include "daemon/dubanctl/display_width.h"

namespace duban::ctl {
namespace {

using nlohmann::json;
using Catch::Contains;

json SampleAction() {
  return {{"key", "22|省发改委|lead|final|urge|2"},
          {"task_ref", "22"},
          {"agency", "省发改委"},
          {"role", "lead"},
          {"occurrence", "final"},
          {"due", "2026-11-20"},
          {"level", "urge"},
          {"level_zh", "催办"},
          {"step", "urge"},
          {"repeat", 2},
          {"recipients", {"contact", "leadership"}},
          {"channels", {"email", "webhook"}},
          {"at", 1795050000},
          {"at_local", "2026-11-24 09:00"},
          {"reason", "1 working day after the final due date 2026-11-20, no feedback"}};
}

// Every line of a rendered table has the same display width.
void CheckLinesUp(const std::string& rendered) {
  std::vector<int> widths;
  std::size_t start = 0;
  for (std::size_t end; (end = rendered.find('\n', start)) != std::string::npos; start = end + 1) {
    widths.push_back(DisplayWidth(rendered.substr(start, end - start)));
  }
  REQUIRE(widths.size() >= 2);
  for (int width : widths) CHECK(width == widths.front());
}

TEST_CASE("LightLabel: Chinese and English, none for anything else", "[tracking_view]") {
  CHECK(LightLabel("red") == "红 red");
  CHECK(LightLabel("yellow") == "黄 yellow");
  CHECK(LightLabel("green") == "绿 green");
  CHECK(LightLabel("none") == "none");
  CHECK(LightLabel("") == "none");
  CHECK(LightLabel("purple") == "none");
}

TEST_CASE("LightNameOf and LightReasonOf: a string light or a Light object", "[tracking_view]") {
  json task = {{"light", "yellow"}, {"light_reason", "2 working days left"}};
  CHECK(LightNameOf(task) == "yellow");
  CHECK(LightReasonOf(task) == "2 working days left");
  json agency = {{"light", {{"light", "red"}, {"reason", "overdue"}}}};
  CHECK(LightNameOf(agency) == "red");
  CHECK(LightReasonOf(agency) == "overdue");
  CHECK(LightNameOf(json{{"name", "x"}}).empty());
  CHECK_THROWS_AS(LightNameOf(json{{"light", 3}}), json::exception);
}

TEST_CASE("LightCounts: red first, every light named", "[tracking_view]") {
  CHECK(LightCounts({{"green", 30}, {"yellow", 5}, {"red", 3}, {"none", 9}}) ==
        "红 red 3, 黄 yellow 5, 绿 green 30, none 9");
  CHECK(LightCounts(json::object()) == "红 red 0, 黄 yellow 0, 绿 green 0, none 0");
}

TEST_CASE("SchedulerFields: unknown times say so, pending is counted", "[tracking_view]") {
  std::vector<Field> fields =
      SchedulerFields({{"evaluated_until", nullptr}, {"next_wake", nullptr}, {"pending", 4}});
  REQUIRE(fields.size() == 3);
  CHECK(fields[0].value == "unknown");
  CHECK(fields[1].value == "unknown");
  CHECK(fields[2].value == "4 pending");
  fields = SchedulerFields({{"evaluated_until", 1795050000}, {"next_wake", 1795050060}});
  CHECK(fields[0].value != "unknown");
  CHECK_THAT(fields[0].value, Contains("2026-11-"));
}

TEST_CASE("DeadlineFields: final due, cycle, how reports fall due", "[tracking_view]") {
  json deadline = {{"final_due", "2026-12-31"},
                   {"cycle", "quarterly"},
                   {"report_due", {{"working_days_after", 5}, {"fixed_day", 0}}},
                   {"participant_lead_days", 3}};
  std::vector<Field> fields = DeadlineFields(deadline);
  REQUIRE(fields.size() == 4);
  CHECK(fields[0].value == "2026-12-31");
  CHECK(fields[1].value == "quarterly");
  CHECK(fields[2].value == "5 working days after the period ends");
  CHECK(fields[3].value == "3 working days before the lead's due date");

  deadline["report_due"]["fixed_day"] = 10;
  CHECK_THAT(DeadlineFields(deadline)[2].value, Contains("on day 10 of the month after"));

  fields = DeadlineFields({{"final_due", nullptr}, {"cycle", "none"}, {"participant_lead_days", 5}});
  REQUIRE(fields.size() == 3);  // no report line without reports
  CHECK(fields[0].value == "(none)");
}

TEST_CASE("PatchSummary: only the fields set", "[tracking_view]") {
  CHECK(PatchSummary(json::object()) == "(none)");
  CHECK(PatchSummary({{"final_due", "2026-12-31"}, {"cycle", "monthly"}}) ==
        "final due 2026-12-31, cycle monthly");
  CHECK(PatchSummary({{"clear_final_due", true}}) == "final due dropped");
  CHECK(PatchSummary({{"participant_lead_days", 2}}) == "participants 2 working days earlier");
}

TEST_CASE("RenderOccurrences: one row per agency, satisfied or open, lined up",
          "[tracking_view]") {
  json occurrences = json::array({{{"id", "2026-Q4"},
                                   {"period_start", "2026-10-01"},
                                   {"period_end", "2026-12-31"},
                                   {"due", "2027-01-08"},
                                   {"final", false},
                                   {"agencies",
                                    {{{"agency", "省发改委"}, {"role", "lead"}, {"due", "2027-01-08"},
                                      {"satisfied_by", 12}},
                                     {{"agency", "省科技厅"}, {"role", "participant"},
                                      {"due", "2027-01-01"}, {"satisfied_by", nullptr}}}}}});
  std::string rendered = RenderOccurrences(occurrences, 120);
  CHECK_THAT(rendered, Contains("省发改委") && Contains("#12") && Contains("open"));
  CHECK_THAT(rendered, Contains("2027-01-01") && Contains("2026-Q4"));
  CheckLinesUp(rendered);
}

TEST_CASE("RenderFeedbackTable: percent, done and text of each feedback", "[tracking_view]") {
  json feedback = json::array({{{"id", 3}, {"task_ref", "22"}, {"agency", "省发改委"},
                                {"at", 1795050000}, {"actor", "alice"}, {"text", "已完成"},
                                {"percent", 100}, {"done", true}},
                               {{"id", 4}, {"task_ref", "22"}, {"agency", "省科技厅"},
                                {"at", 1795050000}, {"actor", "bob"}, {"text", "进行中"},
                                {"percent", nullptr}, {"done", false}}});
  std::string rendered = RenderFeedbackTable(feedback, 120);
  CHECK_THAT(rendered, Contains("100") && Contains("done") && Contains("进行中"));
  CheckLinesUp(rendered);
}

TEST_CASE("DayLine and OutsideYearsWarning", "[tracking_view]") {
  json day = {{"date", "2026-10-10"}, {"weekday", "Sat"}, {"working", true},
              {"reason", "make_up_day"}, {"name", "国庆节调休"}, {"outside_known_years", false},
              {"description", ""}};
  CHECK(DayLine(day) == "2026-10-10 Sat: working day (make_up_day: 国庆节调休)");
  day["description"] = "2026-10-10 Sat: working day (调休 make-up day: 国庆节调休)";
  CHECK(DayLine(day) == "2026-10-10 Sat: working day (调休 make-up day: 国庆节调休)");
  CHECK(OutsideYearsWarning(day).empty());
  day["outside_known_years"] = true;
  CHECK_THAT(OutsideYearsWarning(day), Contains("warning: 2026-10-10 is outside"));
  day["description"] = "2026-10-10 Sat: weekend; warning: no holidays are configured for 2026";
  CHECK(OutsideYearsWarning(day).empty());  // said once, not twice
}

TEST_CASE("RenderProblems and CountSeverity", "[tracking_view]") {
  json problems = json::array(
      {{{"severity", "warning"}, {"kind", "no_contact"}, {"subject", "省科技厅"},
        {"message", "agency 省科技厅 has no email"}},
       {{"severity", "error"}, {"kind", "never_fires"}, {"subject", "rules.escalation[2]"},
        {"message", "step circulate has no recipients"}}});
  CHECK(CountSeverity(problems, "error") == 1);
  CHECK(CountSeverity(problems, "warning") == 1);
  std::string rendered = RenderProblems(problems, 100);
  CHECK_THAT(rendered, Contains("省科技厅") && Contains("never_fires"));
  CheckLinesUp(rendered);
}

TEST_CASE("Action cells: time, level, step with repeat, recipients", "[action_view]") {
  json action = SampleAction();
  CHECK(ActionTime(action) == "2026-11-24 09:00");
  CHECK(LevelCell(action) == "催办");
  CHECK(StepCell(action) == "urge #3");
  CHECK(RecipientsCell(action) == "省发改委: contact, leadership");
  action["repeat"] = 0;
  action.erase("recipients");
  CHECK(StepCell(action) == "urge");
  CHECK(RecipientsCell(action) == "省发改委");
}

TEST_CASE("RenderSimulation and RenderOutbox: every column, lined up", "[action_view]") {
  json action = SampleAction();
  std::string simulated = RenderSimulation(json::array({action}), 200);
  CHECK_THAT(simulated, Contains("WHEN") && Contains("email,webhook") &&
                            Contains("no feedback") && Contains("催办"));
  CheckLinesUp(simulated);

  json row = action;
  row["state"] = "pending";
  row["last_error"] = "";
  std::string outbox = RenderOutbox(json::array({row}), 200);
  CHECK_THAT(outbox, Contains("pending") && Contains("lead") && Contains("final"));
  CheckLinesUp(outbox);
  row["last_error"] = "smtp: connection refused";
  CHECK_THAT(RenderOutbox(json::array({row}), 200), Contains("last error: smtp"));
}

TEST_CASE("RenderSimulation: too narrow, each reason goes uncut under its row",
          "[action_view]") {
  json second = SampleAction();
  second["agency"] = "省科技厅";
  second["reason"] = "3 working days before the final due date 2026-12-04";
  std::string rendered = RenderSimulation(json::array({SampleAction(), second}), 100);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = rendered.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(rendered.substr(start, end - start));
  }
  REQUIRE(lines.size() == 5);  // header, then each row followed by its reason
  CHECK_THAT(lines[0], !Contains("WHY"));
  CHECK_THAT(lines[1], Contains("省发改委"));
  CHECK(lines[2] == "    why: 1 working day after the final due date 2026-11-20, no feedback");
  CHECK_THAT(lines[3], Contains("省科技厅"));
  CHECK(lines[4] == "    why: 3 working days before the final due date 2026-12-04");
  for (int i : {0, 1, 3}) CHECK(DisplayWidth(lines[static_cast<std::size_t>(i)]) <= 100);
}

TEST_CASE("SimulationSummary: count, range, filters, and that nothing was sent",
          "[action_view]") {
  json result = {{"from", "2026-11-21"}, {"to", "2026-12-21"},
                 {"actions", json::array({SampleAction()})}, {"count", 1}};
  CHECK(SimulationSummary(result, "task 22") ==
        "1 action from 2026-11-21 to 2026-12-21 (task 22). Simulated only: nothing was sent "
        "or stored.");
  result["count"] = 0;
  result["actions"] = json::array();
  CHECK_THAT(SimulationSummary(result, ""), Catch::StartsWith("0 actions from 2026-11-21"));
}

}  // namespace
}  // namespace duban::ctl
