// The 指标 block of `dubanctl task N` (daemon/dubanctl/task_targets_view.h), from task.get's
// JSON: one row per confirmed target, the status in Chinese and English, the last value
// with when and by whom, and the pointer to the proposals.
#include "daemon/dubanctl/task_targets_view.h"

#include <catch2/catch.hpp>

#include "daemon/dubanctl/output.h"

namespace duban::ctl {
namespace {

using nlohmann::json;
using Catch::Contains;

json Target(const char* name, const char* formatted, const char* period, json reading) {
  return {{"id", 1},
          {"task_ref", "2"},
          {"name", name},
          {"unit", "个百分点"},
          {"comparison", "at_least"},
          {"value", 3},
          {"tolerance", 0},
          {"period", period},
          {"by_date", std::string(period) == "by_date" ? "2015-12-31" : ""},
          {"state", "confirmed"},
          {"formatted", formatted},
          {"reading", std::move(reading)}};
}

constexpr int64_t kAt = 1774922400;  // some instant; shown in the local zone

TEST_CASE("The task view lists confirmed targets with status and last value", "[ctl][targets]") {
  const json reply = {
      {"targets",
       {Target("比重提高", "≥3个百分点", "yearly",
               {{"status", "behind"}, {"status_zh", "滞后"}, {"last_value", 2.1},
                {"last_at", kAt}, {"last_agency", "省发改委"}, {"expected_now", nullptr}}),
        Target("增加值比重", "≥20%", "by_date",
               {{"status", "missing"}, {"status_zh", "未报送"}, {"last_value", nullptr},
                {"last_at", 0}, {"last_agency", ""}, {"expected_now", nullptr}})}},
      {"proposed_targets", 2}};
  const std::string out = RenderTaskTargets(reply, "2", 0);
  CHECK(out.rfind("targets (指标): 2 confirmed\n", 0) == 0);
  CHECK_THAT(out, Contains("NAME"));
  CHECK_THAT(out, Contains("LAST VALUE"));
  CHECK_THAT(out, Contains("比重提高"));
  CHECK_THAT(out, Contains("≥3个百分点"));
  CHECK_THAT(out, Contains("每年 yearly"));
  CHECK_THAT(out, Contains("截至 2015-12-31 by_date"));
  CHECK_THAT(out, Contains("滞后 behind"));
  CHECK_THAT(out, Contains("未报送 missing"));
  CHECK_THAT(out, Contains("2.1 (" + FormatLocalTime(kAt) + ", 省发改委)"));
  CHECK(out.ends_with("\n2 proposed targets: dubanctl target list 2 --state proposed\n"));
  // Whole numbers show without a decimal point, as people write them.
  json whole = reply;
  whole["targets"][0]["reading"]["last_value"] = 3.0;
  CHECK_THAT(RenderTaskTargets(whole, "2", 0), Contains("3 (" + FormatLocalTime(kAt)));
}

TEST_CASE("The task view says none without targets and points to lone proposals", "[ctl][targets]") {
  CHECK(RenderTaskTargets(json{{"targets", json::array()}, {"proposed_targets", 0}}, "7", 80) ==
        "targets (指标): none\n");
  // A daemon before targets sends neither field: the same.
  CHECK(RenderTaskTargets(json::object(), "7", 80) == "targets (指标): none\n");
  CHECK(RenderTaskTargets(json{{"targets", json::array()}, {"proposed_targets", 1}}, "二.3", 80) ==
        "targets (指标): none\n1 proposed target: dubanctl target list 二.3 --state proposed\n");
}

TEST_CASE("Target cells read a reading that is absent or partial", "[ctl][targets]") {
  CHECK(TargetStatusLabel(json{{"name", "x"}}) == "-");
  CHECK(LastValueCell(json{{"name", "x"}}) == "-");
  CHECK(TargetStatusLabel(json{{"reading", {{"status", "met"}}}}) == "met");
  CHECK(LastValueCell(json{{"reading", {{"last_value", 7.25}}}}) == "7.25");
}

}  // namespace
}  // namespace duban::ctl
