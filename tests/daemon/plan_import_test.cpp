#include "daemon/duband/plan_import.h"

#include <catch2/catch.hpp>

namespace duban {
namespace {

using Severity = ImportIssue::Severity;

ImportResult Reading(int tasks, std::vector<ImportIssue> issues) {
  ImportResult reading;
  reading.plan.source = "plan.txt";
  for (int i = 1; i <= tasks; ++i) {
    Task task;
    task.ref = std::to_string(i);
    task.line = i + 1;
    reading.plan.tasks.push_back(task);
  }
  reading.issues = std::move(issues);
  return reading;
}

ImportIssue Issue(Severity severity, int line, std::string ref, std::string message) {
  return ImportIssue{severity, line, std::move(ref), std::move(message)};
}

TEST_CASE("PlanFormat: by name and by file extension", "[plan_import]") {
  CHECK(ParsePlanFormat("text") == PlanFormat::kText);
  CHECK(ParsePlanFormat("csv") == PlanFormat::kCsv);
  CHECK_FALSE(ParsePlanFormat("xlsx"));
  CHECK(PlanFormatForFile("/etc/duban/plan.CSV") == PlanFormat::kCsv);
  CHECK(PlanFormatForFile("plan.txt") == PlanFormat::kText);
  CHECK(PlanFormatForFile("plan") == PlanFormat::kText);
}

TEST_CASE("CheckImportable: a clean reading is importable", "[plan_import]") {
  CHECK(CheckImportable(Reading(2, {Issue(Severity::kNote, 1, "", "title found")}), false).ok());
}

TEST_CASE("CheckImportable: errors always refuse, listing their lines", "[plan_import]") {
  ImportResult reading = Reading(2, {Issue(Severity::kError, 7, "", "invalid UTF-8")});
  Status status = CheckImportable(reading, /*accept_doubtful=*/true);
  CHECK(status.code() == Status::Code::kInvalidArgument);
  CHECK_THAT(status.message(), Catch::Contains("plan.txt") && Catch::Contains("line 7: invalid UTF-8"));
}

TEST_CASE("CheckImportable: doubts refuse unless accepted", "[plan_import]") {
  ImportResult reading = Reading(3, {Issue(Severity::kDoubt, 4, "2", "no assignment")});
  reading.plan.tasks[1].confidence = Confidence::kDoubtful;
  Status status = CheckImportable(reading, false);
  CHECK(status.code() == Status::Code::kFailedPrecondition);
  CHECK_THAT(status.message(), Catch::Contains("1 task(s)") &&
                                   Catch::Contains("line 4, task 2: no assignment"));
  CHECK(CheckImportable(reading, true).ok());
}

TEST_CASE("CheckImportable: a reading without tasks is refused", "[plan_import]") {
  CHECK(CheckImportable(Reading(0, {}), true).code() == Status::Code::kInvalidArgument);
}

TEST_CASE("ListIssues: the first 20, then how many more", "[plan_import]") {
  std::vector<ImportIssue> issues;
  for (int line = 1; line <= 25; ++line) {
    issues.push_back(Issue(Severity::kDoubt, line, std::to_string(line), "doubt"));
    issues.push_back(Issue(Severity::kWarning, line, "", "warning"));
  }
  std::string list = ListIssues(issues, Severity::kDoubt);
  CHECK_THAT(list, Catch::StartsWith("line 1, task 1: doubt\n"));
  CHECK_THAT(list, Catch::Contains("line 20, task 20: doubt\nand 5 more"));
  CHECK_THAT(list, !Catch::Contains("line 21,"));
  CHECK_THAT(list, !Catch::Contains("warning"));
  CHECK(ListIssues(issues, Severity::kError).empty());
}

TEST_CASE("ReadPlan: canonicalises agency names", "[plan_import]") {
  AgencyDirectory agencies;
  REQUIRE(agencies.Add({"省发改委", {"省发展改革委"}, "", "", ""}).ok());
  PlanReadOptions options;
  options.format = PlanFormat::kCsv;
  options.source_name = "plan.csv";
  ImportResult reading = ReadPlan(
      "section,number,text,lead,participants,responsible,due\r\n"
      "一,1,制定方案,省发展改革委,省财政厅,,\r\n",
      options, agencies);
  REQUIRE(reading.plan.tasks.size() == 1);
  CHECK(reading.plan.tasks[0].lead == std::vector<std::string>{"省发改委"});
  CHECK(reading.plan.source == "plan.csv");
}

// Found for docs/BAD-INPUT.md: 省发改委牵头，发改委参加 (发改委 an alias) was stored as one
// agency in both roles without a word.
TEST_CASE("ReadPlan: one agency in two roles once aliases apply is a doubt", "[plan_import]") {
  AgencyDirectory agencies;
  REQUIRE(agencies.Add({"省发改委", {"发改委"}, "", "", ""}).ok());
  PlanReadOptions options;
  options.source_name = "plan.txt";
  ImportResult reading = ReadPlan(
      "一、总体\n1.加强统筹。（省发改委牵头，发改委、省财政厅参加）\n"
      "2.推进改革。（省科技厅牵头，省财政厅参加）\n",
      options, agencies);
  REQUIRE(reading.plan.tasks.size() == 2);
  const Task& first = reading.plan.tasks[0];
  CHECK(first.confidence == Confidence::kDoubtful);
  CHECK(first.participants == std::vector<std::string>{"省发改委", "省财政厅"});
  std::vector<std::string> doubts;
  for (const ImportIssue& issue : reading.issues) {
    if (issue.severity == Severity::kDoubt) doubts.push_back(issue.message);
  }
  CHECK(doubts == std::vector<std::string>{
                      "task 1: 省发改委 is both lead and participant once aliases are applied; "
                      "keep it in one role"});
  CHECK(reading.plan.tasks[1].confidence != Confidence::kDoubtful);
}

}  // namespace
}  // namespace duban
