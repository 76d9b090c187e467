// The JSON form of targets, readings and reported values (daemon/target_json.h): what
// duband writes is what dubanctl and a restore read back, and a malformed field throws.
#include "daemon/target_json.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

using nlohmann::json;

Target ByDateTarget() {
  Target target;
  target.id = 12;
  target.task_ref = "二.3";
  target.name = "增加值比重";
  target.unit = "%";
  target.comparison = TargetComparison::kAbout;
  target.value = 20;
  target.tolerance = 0.5;
  target.period = TargetPeriod::kByDate;
  target.by_date = "2015-12-31";
  target.state = TargetState::kConfirmed;
  target.matched_text = "到2015年增加值比重达到20%左右";
  target.created_at = 1'700'000'000;
  target.updated_at = 1'700'000'100;
  return target;
}

TEST_CASE("a target survives its JSON form, with the formatted value added", "[target-json]") {
  const Target target = ByDateTarget();
  json j = ToJson(target);
  CHECK(j["comparison"] == "about");
  CHECK(j["period"] == "by_date");
  CHECK(j["state"] == "confirmed");
  CHECK(j["formatted"] == "≈20%（±0.5）");
  CHECK(TargetFromJson(j) == target);
}

TEST_CASE("a target JSON with an unknown enum name throws", "[target-json]") {
  json j = ToJson(ByDateTarget());
  j["period"] = "monthly";
  CHECK_THROWS_AS(TargetFromJson(j), json::exception);
  j = ToJson(ByDateTarget());
  j["value"] = "20";
  CHECK_THROWS_AS(TargetFromJson(j), json::exception);
}

TEST_CASE("a reading: status in both languages, nulls for what is not known", "[target-json]") {
  TargetReading reading;
  reading.status = TargetStatus::kBehind;
  reading.last_value = 2.1;
  reading.last_at = 1'700'000'000;
  reading.last_agency = "省发改委";
  json j = ReadingJson(reading);
  CHECK(j["status"] == "behind");
  CHECK(j["status_zh"] == "滞后");
  CHECK(j["last_value"] == 2.1);
  CHECK(j["expected_now"].is_null());
  CHECK(ReadingJson(TargetReading{})["last_value"].is_null());
}

TEST_CASE("reported values: an object by name, read back in name order", "[target-json]") {
  std::vector<ReportedValue> values = {{"投资", 120}, {"增速", 7.2}};
  json j = ValuesJson(values);
  CHECK(j == json{{"投资", 120.0}, {"增速", 7.2}});
  std::vector<ReportedValue> back = ValuesFromJson(j);
  REQUIRE(back.size() == 2);
  CHECK(ValuesJson(back) == j);
  CHECK(ValuesFromJson(json()).empty());
  CHECK_THROWS_AS(ValuesFromJson(json{{"投资", "120"}}), json::exception);
  CHECK_THROWS_AS(ValuesFromJson(json::array({1})), json::exception);
}

}  // namespace
}  // namespace duban
