// Feedback sheets (workflow/feedback_csv.h) written by hand: Chinese and English headers,
// a BOM, attachments in one cell, and sheets with errors at known rows and columns. Times
// are in UTC+8 with "now" 2026-03-20 10:00 local (1773972000, 2026-03-20 02:00 UTC).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "workflow/feedback_csv.h"
#include "workflow/plan_text_importer.h"

namespace duban {
namespace {

constexpr int64_t kNow = 1773972000;           // 2026-03-20 10:00 +08:00
constexpr int64_t kMarch9 = 1772985600;        // 2026-03-09 00:00 +08:00
constexpr int64_t kMarch10At1430 = 1773124200;  // 2026-03-10 14:30 +08:00
constexpr int64_t kMarch20 = 1773936000;       // 2026-03-20 00:00 +08:00 (today)

const FixedOffsetTimeZone kChina(480, "Asia/Shanghai");

FeedbackSheetContext Context() {
  FeedbackSheetContext context;
  context.zone = &kChina;
  context.now = kNow;
  context.tasks["22"] = {false, {"省发改委", "省财政厅"}};
  context.tasks["二.3"] = {false, {"省科技厅"}};
  context.tasks["5"] = {true, {"省国资委"}};
  context.canonical = [](std::string_view name) {
    return name == "省发展改革委" ? std::string("省发改委") : std::string(name);
  };
  return context;
}

using Errors = std::vector<std::string>;

Errors Messages(const FeedbackSheet& sheet) {
  Errors out;
  for (const FeedbackSheetError& error : sheet.errors) out.push_back(FormatSheetError(error));
  return out;
}

TEST_CASE("Feedback CSV: a good sheet with Chinese headers and a BOM", "[feedback_csv]") {
  const std::string csv =
      "\xEF\xBB\xBF任务,单位,收到日期,内容,进度,完成,附件\r\n"
      "22,省发展改革委,2026-03-09,已完成规划初稿,60%,否,/srv/反馈/fgw.pdf；https://oa.example.gov.cn/d/1\r\n"
      "二.3,省科技厅,2026-03-10 14:30,\"项目已验收,\"\"全部\"\"完成\",100,是,\"D:\\反馈\\kjt.docx\n"
      "\\\\server\\docs\\a.xlsx\"\r\n"
      ",,,,,,\r\n"
      "22,省财政厅,2026/3/20,资金已拨付,,,\r\n";
  FeedbackSheet sheet = ParseFeedbackCsv(csv, Context());
  CHECK(Messages(sheet).empty());
  REQUIRE(sheet.rows.size() == 3);

  const FeedbackSheetRow& first = sheet.rows[0];
  CHECK(first.row == 2);
  CHECK(first.feedback.task_ref == "22");
  CHECK(first.feedback.agency == "省发改委");  // the alias, canonical
  CHECK(first.feedback.at == kMarch9);
  CHECK(first.feedback.text == "已完成规划初稿");
  CHECK(first.feedback.percent == 60);
  CHECK_FALSE(first.feedback.done);
  CHECK(first.feedback.attachments ==
        std::vector<std::string>{"/srv/反馈/fgw.pdf", "https://oa.example.gov.cn/d/1"});

  const FeedbackSheetRow& second = sheet.rows[1];
  CHECK(second.row == 3);
  CHECK(second.feedback.task_ref == "二.3");
  CHECK(second.feedback.at == kMarch10At1430);
  CHECK(second.feedback.text == "项目已验收,\"全部\"完成");
  CHECK(second.feedback.percent == 100);
  CHECK(second.feedback.done);
  CHECK(second.feedback.attachments ==
        std::vector<std::string>{"D:\\反馈\\kjt.docx", "\\\\server\\docs\\a.xlsx"});

  // Rows are numbered as the spreadsheet shows them: row 3's cell spans two lines of the
  // file but is one row; the blank row 4 is skipped but counted. Today is not the future.
  const FeedbackSheetRow& third = sheet.rows[2];
  CHECK(third.row == 5);
  CHECK(third.feedback.at == kMarch20);
  CHECK_FALSE(third.feedback.percent);
  CHECK(third.feedback.attachments.empty());
}

TEST_CASE("Feedback CSV: English headers in another order, without optional columns",
          "[feedback_csv]") {
  FeedbackSheet sheet = ParseFeedbackCsv(
      "Text, Received ,AGENCY,Task\n进展顺利,2026-03-09,省财政厅,22\n", Context());
  CHECK(Messages(sheet).empty());
  REQUIRE(sheet.rows.size() == 1);
  CHECK(sheet.rows[0].feedback.agency == "省财政厅");
  CHECK(sheet.rows[0].feedback.text == "进展顺利");
  CHECK(sheet.rows[0].feedback.at == kMarch9);
}

TEST_CASE("Feedback CSV: every bad row is reported by row and column, and none is kept",
          "[feedback_csv]") {
  const std::string csv =
      "task,agency,received,text,percent,done,attachments\n"
      "22,省发改委,2026-03-09,正常的一行,10,no,\n"              // row 2: fine
      "99,省发改委,2026-03-09,x,,,\n"                          // row 3: unknown task
      "22,省科技厅,2026-03-09,x,,,\n"                          // row 4: no role in 22
      "22,省财政厅,2026-03-21,x,,,\n"                          // row 5: future date
      "22,省财政厅,2026-03-09,x,120,,\n"                       // row 6: percent out of range
      "22,省财政厅,2026-03-09,  ,,,\n"                         // row 7: empty text
      "22,省财政厅,2026-02-30,x,,maybe,ftp://files/a.pdf\n"    // row 8: date, done, attachment
      "5,省国资委,2026-03-20 10:01,x,,,\n";                    // row 9: removed task, future time
  FeedbackSheet sheet = ParseFeedbackCsv(csv, Context());
  CHECK(sheet.rows.empty());
  Errors errors = Messages(sheet);
  REQUIRE(errors.size() == 10);
  CHECK(errors[0] == "row 3, task: no task 99 in the plan");
  CHECK(errors[1] == "row 4, agency: 省科技厅 has no role in task 22 (its agencies: 省发改委、省财政厅)");
  CHECK(errors[2] == "row 5, received: 2026-03-21 is in the future (today is 2026-03-20)");
  CHECK(errors[3] == "row 6, percent: 120 is outside 0..100");
  CHECK(errors[4] == "row 7, text: is empty: say what the agency reported");
  CHECK_THAT(errors[5], Catch::StartsWith("row 8, received: '2026-02-30' is not a date"));
  CHECK_THAT(errors[6], Catch::StartsWith("row 8, done: 'maybe' is not yes or no"));
  CHECK_THAT(errors[7], Catch::StartsWith("row 8, attachments: attachment 'ftp://files/a.pdf'"));
  CHECK(errors[8] == "row 9, task: task 5 was removed from the plan");
  CHECK(errors[9] ==
        "row 9, received: '2026-03-20 10:01' is in the future (it is now 2026-03-20 10:00)");
}

TEST_CASE("Feedback CSV: an agency duban does not know is told apart from one without a role",
          "[feedback_csv]") {
  FeedbackSheetContext context = Context();
  context.known = [](std::string_view name) {
    return name == "省发改委" || name == "省财政厅" || name == "省科技厅";
  };
  const std::string csv =
      "task,agency,received,text\n"
      "22,省发展改革委,2026-03-09,x\n"  // row 2: an alias of a known agency, fine
      "22,省科技厅,2026-03-09,x\n"      // row 3: known, no role in 22
      "22,省不存在厅,2026-03-09,x\n"    // row 4: unknown
      "99,省不存在厅,2026-03-09,x\n";   // row 5: unknown task and unknown agency
  Errors errors = Messages(ParseFeedbackCsv(csv, context));
  CHECK(errors == Errors{
                      "row 3, agency: 省科技厅 has no role in task 22 (its agencies: 省发改委、省财政厅)",
                      "row 4, agency: '省不存在厅' is not a known agency or alias",
                      "row 5, task: no task 99 in the plan",
                      "row 5, agency: '省不存在厅' is not a known agency or alias",
                  });
}

// Found by fuzz/fuzz_feedback_csv: a long run of digits overflowed an int (UBSan).
TEST_CASE("Feedback CSV: a percent of many digits is refused without overflow",
          "[feedback_csv]") {
  FeedbackSheet sheet = ParseFeedbackCsv(
      "task,agency,received,text,percent\n"
      "22,省发改委,2026-03-09,x,82027010100%\n"
      "22,省发改委,2026-03-09,y,1000\n",
      Context());
  CHECK(sheet.rows.empty());
  CHECK(Messages(sheet) ==
        Errors{"row 2, percent: '82027010100%' is not a whole number from 0 to 100",
               "row 3, percent: '1000' is not a whole number from 0 to 100"});
}

TEST_CASE("Feedback CSV: header problems", "[feedback_csv]") {
  Errors unknown = Messages(ParseFeedbackCsv("task,agency,received,text,备注\n", Context()));
  REQUIRE(unknown.size() == 1);
  CHECK_THAT(unknown[0], Catch::StartsWith("row 1: unknown column '备注'; known: task (任务)"));

  Errors missing = Messages(ParseFeedbackCsv("任务,单位,内容\n22,省发改委,x\n", Context()));
  REQUIRE(missing.size() == 1);
  CHECK(missing[0] == "row 1: missing column received (收到日期)");

  Errors twice = Messages(ParseFeedbackCsv("task,任务,agency,received,text\n", Context()));
  REQUIRE(twice.size() == 1);
  CHECK(twice[0] == "row 1: column task appears twice ('任务')");

  CHECK(Messages(ParseFeedbackCsv("", Context())).size() == 1);
  CHECK(Messages(ParseFeedbackCsv("task,agency,received,text\n", Context())) ==
        Errors{"row 2: no feedback rows under the header"});
}

TEST_CASE("Feedback CSV: syntax errors, extra cells and bad UTF-8 name their row",
          "[feedback_csv]") {
  Errors errors = Messages(ParseFeedbackCsv(
      "task,agency,received,text\n"
      "22,省发改委,2026-03-09,a\"b\n"
      "22,省发改委,2026-03-09,ok,extra\n",
      Context()));
  REQUIRE(errors.size() == 2);
  CHECK_THAT(errors[0], Catch::StartsWith("row 2: a quote inside an unquoted field"));
  CHECK(errors[1] == "row 3: has 5 cells; the header has 4");

  Errors utf8 = Messages(ParseFeedbackCsv("task,agency,received,text\n22,\xFF,2026-03-09,x\n",
                                          Context()));
  REQUIRE(utf8.size() == 1);
  CHECK_THAT(utf8[0], Catch::StartsWith("row 2: invalid UTF-8"));
}

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::filesystem::path(DUBAN_SOURCE_DIR) / relative, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("Feedback CSV: the bundled sample sheet fits the bundled plan", "[feedback_csv]") {
  ImportResult plan = ImportPlanText(ReadSource("examples/plan-zhejiang-2013.txt"));
  FeedbackSheetContext context;
  context.zone = &kChina;
  context.now = 1796086800;  // 2026-12-01 09:00 +08:00, the demo's clock
  context.canonical = [](std::string_view name) { return std::string(name); };
  for (const Task& task : plan.plan.tasks) {
    FeedbackSheetTask& entry = context.tasks[task.ref];
    for (const auto* role : {&task.lead, &task.participants, &task.responsible}) {
      entry.agencies.insert(entry.agencies.end(), role->begin(), role->end());
    }
  }
  FeedbackSheet sheet = ParseFeedbackCsv(ReadSource("examples/feedback-zhejiang-2013.csv"), context);
  CHECK(Messages(sheet).empty());
  REQUIRE(sheet.rows.size() == 6);
  CHECK(sheet.rows[2].feedback.attachments.size() == 2);
  CHECK(sheet.rows[5].feedback.done);
}

}  // namespace
}  // namespace duban
