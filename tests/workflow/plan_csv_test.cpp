#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "workflow/csv_table.h"
#include "workflow/plan_csv.h"
#include "workflow/plan_text_importer.h"

using namespace duban;

namespace {

using Names = std::vector<std::string>;

const char* kHeader = "section,number,text,lead,participants,responsible,due\n";

void RequireSameTasks(const Plan& a, const Plan& b) {
  REQUIRE(a.tasks.size() == b.tasks.size());
  for (size_t i = 0; i < a.tasks.size(); ++i) {
    INFO("task " << a.tasks[i].ref);
    CHECK(a.tasks[i].section == b.tasks[i].section);
    CHECK(a.tasks[i].ref == b.tasks[i].ref);
    CHECK(a.tasks[i].number == b.tasks[i].number);
    CHECK(a.tasks[i].text == b.tasks[i].text);
    CHECK(a.tasks[i].lead == b.tasks[i].lead);
    CHECK(a.tasks[i].participants == b.tasks[i].participants);
    CHECK(a.tasks[i].responsible == b.tasks[i].responsible);
    CHECK(a.tasks[i].due == b.tasks[i].due);
  }
}

std::vector<const ImportIssue*> Errors(const ImportResult& result) {
  std::vector<const ImportIssue*> errors;
  for (const auto& issue : result.issues) {
    if (issue.severity == ImportIssue::Severity::kError) errors.push_back(&issue);
  }
  return errors;
}

}  // namespace

TEST_CASE("export then import gives the same tasks", "[plan_csv]") {
  std::ifstream in(std::filesystem::path(DUBAN_SOURCE_DIR) / "examples/plan-zhejiang-2013.txt");
  std::stringstream text;
  text << in.rdbuf();
  Plan plan = ImportPlanText(text.str()).plan;
  REQUIRE(plan.tasks.size() == 47);
  plan.tasks[0].due = "2013-12-31";
  plan.tasks[1].text += "\n第二段，含“引号”和\"ASCII 引号\",以及逗号";

  std::string csv = ExportPlanCsv(plan);
  CHECK(csv.rfind("\xEF\xBB\xBFsection,number,text,lead,participants,responsible,due\r\n", 0) == 0);
  ImportResult again = ImportPlanCsv(csv, "plan.csv");
  CHECK(again.issues.empty());
  CHECK(again.plan.source == "plan.csv");
  RequireSameTasks(plan, again.plan);
  REQUIRE(again.plan.sections.size() == 8);
  CHECK(again.plan.sections[7].number == "八");
  // And the export of the re-import is byte for byte the same.
  CHECK(ExportPlanCsv(again.plan) == csv);
}

TEST_CASE("cells with quotes, commas and line breaks", "[plan_csv]") {
  std::string csv = std::string(kHeader) +
                    "一,1,\"甲任务,含逗号\r\n和换行，以及\"\"引号\"\"\",省发改委,\"省财政厅、省商务厅\",,2024-02-29\n"
                    "一,2,乙任务,,,\"各县(市、区)政府、省A厅\",\n";
  ImportResult result = ImportPlanCsv(csv);
  CHECK(result.issues.empty());
  REQUIRE(result.plan.tasks.size() == 2);
  const Task& first = result.plan.tasks[0];
  CHECK(first.text == "甲任务,含逗号\r\n和换行，以及\"引号\"");
  CHECK(first.lead == Names{"省发改委"});
  CHECK(first.participants == Names{"省财政厅", "省商务厅"});
  CHECK(first.due == "2024-02-29");
  CHECK(first.line == 2);
  CHECK(result.plan.tasks[1].responsible == Names{"各县(市、区)政府", "省A厅"});
  // The multi-line record counts as one row.
  CHECK(result.plan.tasks[1].line == 3);
}

TEST_CASE("the BOM is optional and columns may come in any order", "[plan_csv]") {
  std::string body = "Number,Text,Lead\r\n5,任务,省A厅\r\n";
  for (std::string csv : {body, "\xEF\xBB\xBF" + body}) {
    ImportResult result = ImportPlanCsv(csv);
    CHECK(result.issues.empty());
    REQUIRE(result.plan.tasks.size() == 1);
    CHECK(result.plan.tasks[0].ref == "5");
    CHECK(result.plan.tasks[0].number == 5);
    CHECK(result.plan.tasks[0].lead == Names{"省A厅"});
    CHECK(result.plan.tasks[0].section.empty());
  }
}

TEST_CASE("bad rows are reported with their row numbers", "[plan_csv]") {
  std::string csv = std::string(kHeader) +
                    "一,1,好任务,省A厅,,,\n"
                    "一,2,少了字段\n"
                    "一,,没有编号,省A厅,,,\n"
                    "一,abc,编号不对,省A厅,,,\n"
                    "一,1,编号重复,省A厅,,,\n"
                    "一,6,,省A厅,,,\n"
                    "一,7,日期不对,省A厅,,,2023-02-30\n"
                    "一,8,引号\"不对,省A厅,,,\n"
                    "二,二.9,好任务,,,省B厅,\n"
                    ",,,,,,\n";
  ImportResult result = ImportPlanCsv(csv);
  REQUIRE(result.plan.tasks.size() == 2);
  CHECK(result.plan.tasks[1].ref == "二.9");
  CHECK(result.plan.tasks[1].number == 9);
  auto errors = Errors(result);
  std::vector<int> rows;
  for (const auto* error : errors) rows.push_back(error->line);
  std::sort(rows.begin(), rows.end());
  CHECK(rows == std::vector<int>{3, 4, 5, 6, 7, 8, 9});
  CHECK(result.has_errors());
  for (const auto* error : errors) {
    if (error->line == 8) CHECK(error->message.find("due") != std::string::npos);
    if (error->line == 6) CHECK(error->message.find("twice") != std::string::npos);
    if (error->line == 3) CHECK(error->message.find("fields") != std::string::npos);
  }
}

TEST_CASE("an unknown or missing column refuses the file", "[plan_csv]") {
  ImportResult unknown = ImportPlanCsv("number,text,owner\n1,任务,省A厅\n");
  CHECK(unknown.plan.tasks.empty());
  REQUIRE(Errors(unknown).size() == 1);
  CHECK(Errors(unknown)[0]->message.find("owner") != std::string::npos);
  CHECK(Errors(unknown)[0]->line == 1);

  ImportResult missing = ImportPlanCsv("number,lead\n1,省A厅\n");
  CHECK(missing.plan.tasks.empty());
  CHECK(Errors(missing).size() == 1);

  ImportResult twice = ImportPlanCsv("number,text,text\n1,a,b\n");
  CHECK(twice.plan.tasks.empty());
  CHECK(Errors(twice).size() == 1);

  CHECK(ImportPlanCsv("").has_errors());
  CHECK(ImportPlanCsv("number,text\n1,\"未闭合\n").has_errors());
  CHECK(ImportPlanCsv("number,text\n1,\xFF\n").has_errors());
}

TEST_CASE("a task naming no agency is a doubt, not an error", "[plan_csv]") {
  ImportResult result = ImportPlanCsv("number,text,lead\n1,任务,\n");
  REQUIRE(result.plan.tasks.size() == 1);
  CHECK(result.plan.tasks[0].confidence == Confidence::kDoubtful);
  CHECK(result.has_doubts());
  CHECK_FALSE(result.has_errors());
}

// Found while writing docs/BAD-INPUT.md: an agency named in two role columns (or twice
// in one) was imported without a word and stored in both roles.
TEST_CASE("an agency in two roles or twice in one cell is a doubt", "[plan_csv]") {
  ImportResult result = ImportPlanCsv(std::string(kHeader) +
                                      "一,1,甲,省发改委,省财政厅、省发改委,,\n"
                                      "一,2,乙,省科技厅、省科技厅,,,\n"
                                      "一,3,丙,省科技厅,省财政厅,,\n");
  REQUIRE(result.plan.tasks.size() == 3);
  CHECK_FALSE(result.has_errors());
  std::vector<std::string> messages;
  for (const ImportIssue& issue : result.issues) {
    if (issue.severity == ImportIssue::Severity::kDoubt) {
      messages.push_back(std::to_string(issue.line) + " " + issue.message);
    }
  }
  CHECK(messages == std::vector<std::string>{
                        "2 task 1: 省发改委 is in both 'lead' and 'participants'; keep it in one role",
                        "3 task 2: 省科技厅 is named twice in 'lead'"});
  CHECK(result.plan.tasks[0].confidence == Confidence::kDoubtful);
  CHECK(result.plan.tasks[2].confidence == Confidence::kCertain);
}

TEST_CASE("CSV syntax", "[csv_table]") {
  CsvTable table = ParseCsv("a,\"b,c\",\"d\"\"e\"\r\n\r\nf,,\"\"\n");
  REQUIRE(table.errors.empty());
  REQUIRE(table.records.size() == 2);
  CHECK(table.records[0].fields == std::vector<std::string>{"a", "b,c", "d\"e"});
  CHECK(table.records[1].fields == std::vector<std::string>{"f", "", ""});
  CHECK(table.records[1].row == 3);  // the blank line counts

  CsvTable bad = ParseCsv("a,b\"c\n\"x\"y,z\nok,1\n");
  REQUIRE(bad.errors.size() == 2);
  CHECK(bad.errors[0].row == 1);
  CHECK(bad.errors[1].row == 2);
  REQUIRE(bad.records.size() == 1);
  CHECK(bad.records[0].row == 3);

  std::string out;
  AppendCsvField(out, "plain");
  out += ',';
  AppendCsvField(out, "with \"quote\", comma");
  out += ',';
  AppendCsvField(out, " padded");
  CHECK(out == "plain,\"with \"\"quote\"\", comma\",\" padded\"");
}
