// The JSON form of a 考核 Assessment (daemon/assessment_json.h): the target counts (指标)
// of agencies, sections and totals go over the wire and come back, and a reply from a
// daemon before targets reads as no targets; dubanctl's table shows them.
#include "daemon/assessment_json.h"

#include <catch2/catch.hpp>

#include "daemon/dubanctl/assessment_view.h"

namespace duban {
namespace {

using nlohmann::json;

Assessment Sample() {
  Assessment a;
  a.from = *ParseCivilDate("2025-07-01");
  a.to = *ParseCivilDate("2025-10-31");
  a.as_of_local = "2025-10-31 24:00";
  AgencyAssessment agency;
  agency.agency = "甲";
  agency.rank = 1;
  agency.counts.due = 3;
  agency.counts.on_time = 2;
  agency.counts.missing = 1;
  agency.targets = {2, 1, 0, 1, 0};
  a.agencies = {agency};
  SectionAssessment section;
  section.number = "一";
  section.title = "一、加强规划指导";
  section.tasks = 1;
  section.targets = {2, 1, 0, 1, 0};
  a.sections = {section};
  a.target_totals = {4, 1, 1, 1, 1};
  a.tasks = 2;
  return a;
}

TEST_CASE("Assessment JSON carries the target counts and reads them back", "[assessment_json][targets]") {
  const json j = ToJson(Sample());
  CHECK(j["agencies"][0]["targets"] ==
        json{{"total", 2}, {"met", 1}, {"on_track", 0}, {"behind", 1}, {"missing", 0}});
  CHECK(j["sections"][0]["targets"]["total"] == 2);
  CHECK(j["totals"]["targets"] ==
        json{{"total", 4}, {"met", 1}, {"on_track", 1}, {"behind", 1}, {"missing", 1}});
  const Assessment back = AssessmentFromJson(j);
  REQUIRE(back.agencies.size() == 1);
  CHECK(back.agencies[0].targets == TargetCounts{2, 1, 0, 1, 0});
  CHECK(back.sections[0].targets == TargetCounts{2, 1, 0, 1, 0});
  CHECK(back.target_totals == TargetCounts{4, 1, 1, 1, 1});
  CHECK(back.tasks == 2);
}

TEST_CASE("Assessment JSON without targets reads as none", "[assessment_json][targets]") {
  json j = ToJson(Sample());
  j["agencies"][0].erase("targets");
  j["sections"][0].erase("targets");
  j["totals"].erase("targets");
  const Assessment back = AssessmentFromJson(j);
  CHECK(back.agencies[0].targets == TargetCounts{});
  CHECK(back.sections[0].targets == TargetCounts{});
  CHECK(back.target_totals == TargetCounts{});
  // A count of the wrong type is refused, not read as 0.
  j["totals"]["targets"] = {{"met", "two"}};
  CHECK_THROWS_AS(AssessmentFromJson(j), json::exception);
}

TEST_CASE("dubanctl's assessment table states the targets met beside the rate", "[assessment_json][targets]") {
  const std::string table = ctl::RenderAssessmentTable(AssessmentFromJson(ToJson(Sample())), 0);
  CHECK(table.find("范围：全部任务（2项）；按时率—，指标达标1/4（滞后1项）\n") != std::string::npos);
  // 甲's row ends with its targets: 1 of 2 met, 1 behind.
  const std::size_t row = table.find("甲");
  REQUIRE(row != std::string::npos);
  const std::string line = table.substr(row, table.find('\n', row) - row);
  CHECK(line.find("1/2") != std::string::npos);
  CHECK(line.find("—") != std::string::npos);  // its light: none
}

}  // namespace
}  // namespace duban
