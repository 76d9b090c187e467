// The stored JSON form of DeadlinePatch: round trips and the errors of hand-edited text.
#include "workflow/sqlite_deadline_json.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

TEST_CASE("Deadline JSON: every field and every cycle round-trips", "[sqlite_deadline_json]") {
  CHECK(EncodeDeadlinePatch(DeadlinePatch{}) == "{}");
  for (ReportCycle cycle : {ReportCycle::kNone, ReportCycle::kMonthly, ReportCycle::kQuarterly,
                            ReportCycle::kHalfYearly, ReportCycle::kYearly}) {
    DeadlinePatch patch;
    patch.final_due = ParseCivilDate("2027-02-28");
    patch.clear_final_due = true;
    patch.cycle = cycle;
    patch.report_due = ReportDue{7, 20};
    patch.participant_lead_days = 0;
    const std::string text = EncodeDeadlinePatch(patch);
    INFO(text);
    Result<DeadlinePatch> back = DecodeDeadlinePatch(text);
    REQUIRE(back.ok());
    CHECK(*back == patch);
  }
  DeadlinePatch quarterly;
  quarterly.cycle = ReportCycle::kHalfYearly;
  CHECK(EncodeDeadlinePatch(quarterly) == R"({"cycle":"half-yearly"})");
}

TEST_CASE("Deadline JSON: report_due keys default to ReportDue's", "[sqlite_deadline_json]") {
  Result<DeadlinePatch> patch = DecodeDeadlinePatch(R"({"report_due":{"fixed_day":10}})");
  REQUIRE(patch.ok());
  REQUIRE(patch->report_due.has_value());
  CHECK(patch->report_due->fixed_day == 10);
  CHECK(patch->report_due->working_days_after == ReportDue{}.working_days_after);
  CHECK_FALSE(patch->final_due.has_value());
  CHECK_FALSE(patch->cycle.has_value());
}

TEST_CASE("Deadline JSON: malformed text is refused naming the key", "[sqlite_deadline_json]") {
  struct Case {
    const char* text;
    const char* mentions;
  };
  const Case cases[] = {
      {"not json", "not a JSON object"},
      {"[1, 2]", "not a JSON object"},
      {R"({"final_due":"2026-02-30"})", "final_due"},
      {R"({"final_due":20261231})", "final_due"},
      {R"({"cycle":"weekly"})", "cycle"},
      {R"({"clear_final_due":"yes"})", "clear_final_due"},
      {R"({"participant_lead_days":-1})", "participant_lead_days"},
      {R"({"participant_lead_days":2.5})", "participant_lead_days"},
      {R"({"report_due":5})", "report_due"},
      {R"({"report_due":{"fixed_day":32}})", "fixed_day"},
      {R"({"report_due":{"days":3}})", "days"},
      {R"({"due":"2026-12-31"})", "unknown key \"due\""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Result<DeadlinePatch> patch = DecodeDeadlinePatch(c.text);
    REQUIRE_FALSE(patch.ok());
    CHECK(patch.status().code() == Status::Code::kInvalidArgument);
    CHECK(patch.status().message().find(c.mentions) != std::string::npos);
  }
}

}  // namespace
}  // namespace duban
