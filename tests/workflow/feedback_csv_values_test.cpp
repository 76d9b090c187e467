// Feedback sheets with a values column (指标): "名称=数值" items separated by ；, ; or line
// breaks, read into Feedback::values in the order written; bad items, repeated names and
// names that are not confirmed targets of the row's task reported by row and column.
#include <catch2/catch.hpp>

#include "workflow/feedback_csv.h"

namespace duban {
namespace {

constexpr int64_t kNow = 1773972000;  // 2026-03-20 10:00 +08:00

const FixedOffsetTimeZone kChina(480, "Asia/Shanghai");

FeedbackSheetContext Context() {
  FeedbackSheetContext context;
  context.zone = &kChina;
  context.now = kNow;
  context.tasks["22"] = {false, {"省发改委"}, std::vector<std::string>{"生产总值增长", "投资增长"}};
  context.tasks["23"] = {false, {"省发改委"}, std::vector<std::string>{}};
  context.tasks["24"] = {false, {"省发改委"}};  // targets not known here: the store checks
  context.canonical = [](std::string_view name) { return std::string(name); };
  return context;
}

std::vector<std::string> Messages(const FeedbackSheet& sheet) {
  std::vector<std::string> out;
  for (const FeedbackSheetError& error : sheet.errors) out.push_back(FormatSheetError(error));
  return out;
}

using Values = std::vector<ReportedValue>;

TEST_CASE("Feedback CSV values: items in one cell, in the order written", "[target]") {
  const std::string csv =
      "任务,单位,收到日期,内容,指标\n"
      "22,省发改委,2026-03-09,一季度,投资增长=5.5；生产总值增长＝7.2%\n"
      "22,省发改委,2026-03-10,二季度,\"生产总值增长 = 6.9\n投资增长=-1\"\n"
      "22,省发改委,2026-03-11,三季度,\n"
      "24,省发改委,2026-03-11,四季度,任何名称=3;\n";
  FeedbackSheet sheet = ParseFeedbackCsv(csv, Context());
  CHECK(Messages(sheet).empty());
  REQUIRE(sheet.rows.size() == 4);
  CHECK(sheet.rows[0].feedback.values == Values{{"投资增长", 5.5}, {"生产总值增长", 7.2}});
  CHECK(sheet.rows[1].feedback.values == Values{{"生产总值增长", 6.9}, {"投资增长", -1}});
  CHECK(sheet.rows[2].feedback.values.empty());
  CHECK(sheet.rows[3].feedback.values == Values{{"任何名称", 3}});
}

TEST_CASE("Feedback CSV values: English header values", "[target]") {
  FeedbackSheet sheet = ParseFeedbackCsv(
      "task,agency,received,text,Values\n22,省发改委,2026-03-09,ok,投资增长=1\n", Context());
  CHECK(Messages(sheet).empty());
  REQUIRE(sheet.rows.size() == 1);
  CHECK(sheet.rows[0].feedback.values == Values{{"投资增长", 1}});
}

TEST_CASE("Feedback CSV values: problems by row and column", "[target]") {
  const std::string csv =
      "任务,单位,收到日期,内容,指标\n"
      "22,省发改委,2026-03-09,a,生产总值增长=abc\n"
      "22,省发改委,2026-03-09,b,投资增长=1；投资增长=2\n"
      "22,省发改委,2026-03-09,c,出口增长=3\n"
      "23,省发改委,2026-03-09,d,出口增长=3\n"
      "22,省发改委,2026-03-09,e,投资增长\n";
  FeedbackSheet sheet = ParseFeedbackCsv(csv, Context());
  CHECK(sheet.rows.empty());
  std::vector<std::string> messages = Messages(sheet);
  REQUIRE(messages.size() == 5);
  CHECK(messages[0].rfind("row 2, values: ", 0) == 0);
  CHECK(messages[0].find("生产总值增长=abc") != std::string::npos);
  CHECK(messages[1] == "row 3, values: '投资增长' is given twice");
  CHECK(messages[2] ==
        "row 4, values: task 22 has no confirmed target named '出口增长' (confirmed: 生产总值增长, "
        "投资增长)");
  CHECK(messages[3] ==
        "row 5, values: task 23 has no confirmed target named '出口增长' (it has no confirmed "
        "targets)");
  CHECK(messages[4].rfind("row 6, values: ", 0) == 0);
  CHECK(messages[4].find("名称=数值") != std::string::npos);
}

}  // namespace
}  // namespace duban
