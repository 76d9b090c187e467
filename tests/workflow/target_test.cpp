#include "workflow/target.h"

#include <catch2/catch.hpp>
#include <limits>

namespace duban {
namespace {

Target Valid() {
  Target target;
  target.task_ref = "2";
  target.name = "生产总值增长";
  target.unit = "%";
  target.value = 7;
  return target;
}

TEST_CASE("target names round-trip and accept symbols", "[target]") {
  for (auto c : {TargetComparison::kAtLeast, TargetComparison::kAtMost, TargetComparison::kAbout}) {
    CHECK(ParseTargetComparison(TargetComparisonName(c)) == c);
    CHECK(ParseTargetComparison(TargetComparisonSymbol(c)) == c);
  }
  CHECK(ParseTargetComparison(">=") == TargetComparison::kAtLeast);
  CHECK(ParseTargetComparison("<=") == TargetComparison::kAtMost);
  CHECK(ParseTargetComparison("~") == TargetComparison::kAbout);
  CHECK(TargetComparisonSymbol(TargetComparison::kAtMost) == "≤");
  CHECK_FALSE(ParseTargetComparison("more"));
  CHECK_FALSE(ParseTargetComparison(""));

  for (auto p : {TargetPeriod::kYearly, TargetPeriod::kByDate, TargetPeriod::kCumulative}) {
    CHECK(ParseTargetPeriod(TargetPeriodName(p)) == p);
    CHECK(ParseTargetPeriod(TargetPeriodNameZh(p)) == p);
  }
  CHECK(TargetPeriodName(TargetPeriod::kByDate) == "by_date");
  CHECK(TargetPeriodNameZh(TargetPeriod::kCumulative) == "累计");
  CHECK_FALSE(ParseTargetPeriod("monthly"));

  for (auto s : {TargetState::kProposed, TargetState::kConfirmed, TargetState::kRejected}) {
    CHECK(ParseTargetState(TargetStateName(s)) == s);
  }
  CHECK(TargetStateName(TargetState::kRejected) == "rejected");
  CHECK_FALSE(ParseTargetState("maybe"));
}

TEST_CASE("numbers are written as people write them", "[target]") {
  CHECK(FormatNumber(3) == "3");
  CHECK(FormatNumber(2.15) == "2.15");
  CHECK(FormatNumber(1200) == "1200");
  CHECK(FormatNumber(0.5) == "0.5");
  CHECK(FormatNumber(-1.5) == "-1.5");
  CHECK(FormatNumber(0) == "0");
  CHECK(FormatNumber(-0.0) == "0");
  CHECK(FormatNumber(1e9) == "1000000000");  // no exponent
  CHECK(FormatNumber(0.1 + 0.2) == "0.3");    // binary noise dropped
  CHECK(FormatNumber(7.0000001) == "7");
}

TEST_CASE("a target value reads as comparison, number and unit", "[target]") {
  Target target = Valid();
  target.unit = "个百分点";
  target.value = 3;
  CHECK(FormatTargetValue(target) == "≥3个百分点");

  target.comparison = TargetComparison::kAbout;
  target.unit = "%";
  target.value = 9;
  target.tolerance = 0.5;
  CHECK(FormatTargetValue(target) == "≈9%（±0.5）");
  target.tolerance = 0;
  CHECK(FormatTargetValue(target) == "≈9%");

  target.comparison = TargetComparison::kAtMost;
  target.unit = "万人";
  target.value = 1.5;
  CHECK(FormatTargetValue(target) == "≤1.5万人");

  target.unit = "";
  target.comparison = TargetComparison::kAtLeast;
  target.value = 120;
  CHECK(FormatTargetValue(target) == "≥120");
}

TEST_CASE("a target a person entered is checked field by field", "[target]") {
  CHECK(CheckTarget(Valid()) == "");

  struct Case {
    const char* what;
    void (*change)(Target&);
    std::string error;
  };
  const Case cases[] = {
      {"empty name", [](Target& t) { t.name = ""; }, "name: must not be empty"},
      {"blank name", [](Target& t) { t.name = "  "; }, "name: must not be empty"},
      {"padded name", [](Target& t) { t.name = " 增长"; },
       "name: must not start or end with spaces"},
      {"= in name", [](Target& t) { t.name = "增长=7"; }, "name: must not contain '='"},
      {", in name", [](Target& t) { t.name = "增长,投资"; }, "name: must not contain ','"},
      {"nan value", [](Target& t) { t.value = std::numeric_limits<double>::quiet_NaN(); },
       "value: must be a finite number"},
      {"inf value", [](Target& t) { t.value = std::numeric_limits<double>::infinity(); },
       "value: must be a finite number"},
      {"negative tolerance",
       [](Target& t) {
         t.comparison = TargetComparison::kAbout;
         t.tolerance = -1;
       },
       "tolerance: must be a number >= 0"},
      {"tolerance on at_least", [](Target& t) { t.tolerance = 0.5; },
       "tolerance: only an 'about' (≈) target has a tolerance"},
      {"by_date without date", [](Target& t) { t.period = TargetPeriod::kByDate; },
       "by_date: required when the period is by_date"},
      {"by_date not a date",
       [](Target& t) {
         t.period = TargetPeriod::kByDate;
         t.by_date = "2015-02-30";
       },
       "by_date: '2015-02-30' is not a date YYYY-MM-DD"},
      {"date on a yearly target", [](Target& t) { t.by_date = "2015-12-31"; },
       "by_date: only a by_date target has one (period is yearly)"},
  };
  for (const Case& c : cases) {
    Target target = Valid();
    c.change(target);
    INFO(c.what);
    CHECK(CheckTarget(target) == c.error);
  }

  Target dated = Valid();
  dated.period = TargetPeriod::kByDate;
  dated.by_date = "2015-12-31";
  CHECK(CheckTarget(dated) == "");
  Target about = Valid();
  about.comparison = TargetComparison::kAbout;
  about.tolerance = 0.5;
  CHECK(CheckTarget(about) == "");
  Target pure = Valid();
  pure.unit = "";
  CHECK(CheckTarget(pure) == "");
}

TEST_CASE("reported values parse from 名称=数值", "[target]") {
  std::string error;
  auto parsed = ParseReportedValue("生产总值增长=3.2", &error);
  REQUIRE(parsed);
  CHECK(*parsed == ReportedValue{"生产总值增长", 3.2});
  CHECK(error.empty());

  parsed = ParseReportedValue(" 生产总值增长 = 3.2% ", &error);
  REQUIRE(parsed);
  CHECK(*parsed == ReportedValue{"生产总值增长", 3.2});
  parsed = ParseReportedValue("增长=7％", &error);  // full-width percent sign
  REQUIRE(parsed);
  CHECK(parsed->value == 7);
  parsed = ParseReportedValue("就业=-12", &error);
  REQUIRE(parsed);
  CHECK(parsed->value == -12);
  parsed = ParseReportedValue("比重=.5", &error);
  REQUIRE(parsed);
  CHECK(parsed->value == 0.5);
}

TEST_CASE("a bad reported value is refused with a reason", "[target]") {
  struct Case {
    const char* text;
    std::string error;
  };
  const Case cases[] = {
      {"生产总值增长3.2", "value '生产总值增长3.2': expected 名称=数值, e.g. 生产总值增长=7.2"},
      {"=3.2", "value '=3.2': the target name before '=' is empty"},
      {"  =3.2", "value '  =3.2': the target name before '=' is empty"},
      {"增长=", "value '增长=': '' is not a decimal number"},
      {"增长=abc", "value '增长=abc': 'abc' is not a decimal number"},
      {"增长=inf", "value '增长=inf': 'inf' is not a decimal number"},
      {"增长=nan", "value '增长=nan': 'nan' is not a decimal number"},
      {"增长=1e5", "value '增长=1e5': '1e5' is not a decimal number"},
      {"增长=3.2.1", "value '增长=3.2.1': '3.2.1' is not a decimal number"},
      {"增长=7%%", "value '增长=7%%': '7%%' is not a decimal number"},
      {"增长=3=4", "value '增长=3=4': '3=4' is not a decimal number"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::string error;
    CHECK_FALSE(ParseReportedValue(c.text, &error));
    CHECK(error == c.error);
  }
  std::string error;
  const std::string huge = "增长=1" + std::string(400, '0');
  CHECK_FALSE(ParseReportedValue(huge, &error));
  CHECK(error.find("out of range") != std::string::npos);
}

}  // namespace
}  // namespace duban
