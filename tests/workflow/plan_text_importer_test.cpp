#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "workflow/plan_text_importer.h"

using namespace duban;

namespace {

using Names = std::vector<std::string>;

std::vector<const ImportIssue*> Doubts(const ImportResult& result) {
  std::vector<const ImportIssue*> doubts;
  for (const auto& issue : result.issues) {
    if (issue.severity == ImportIssue::Severity::kDoubt) doubts.push_back(&issue);
  }
  return doubts;
}

bool HasDoubtContaining(const Task& task, const std::string& words) {
  return std::any_of(task.doubts.begin(), task.doubts.end(),
                     [&](const std::string& d) { return d.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("a task with no assignment is kept and doubted", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "一、第一部分\n"
      "1.甲任务。(省发改委负责)\n"
      "2.乙任务没有写明单位。\n"
      "3.丙任务。(省财政厅牵头,省商务厅参加)\n");
  REQUIRE(result.plan.tasks.size() == 3);
  const Task& task = result.plan.tasks[1];
  CHECK(task.confidence == Confidence::kDoubtful);
  CHECK(HasDoubtContaining(task, "no assignment"));
  CHECK(task.AllAgencies().empty());
  auto doubts = Doubts(result);
  REQUIRE(doubts.size() == 1);
  CHECK(doubts[0]->line == 3);
  CHECK(doubts[0]->task_ref == "2");
  CHECK(result.has_doubts());
  CHECK(result.plan.tasks[2].confidence == Confidence::kCertain);
}

TEST_CASE("skipped and repeated numbers are doubted", "[plan_text_importer]") {
  ImportResult skipped = ImportPlanText(
      "1.甲。(省A厅负责)\n2.乙。(省B厅负责)\n5.丙。(省C厅负责)\n6.丁。(省D厅负责)\n");
  REQUIRE(skipped.plan.tasks.size() == 4);
  CHECK(HasDoubtContaining(skipped.plan.tasks[2], "3 to 4 are missing"));
  CHECK(skipped.plan.tasks[3].doubts.empty());
  CHECK(Doubts(skipped).size() == 1);

  ImportResult repeated = ImportPlanText(
      "一、甲部分\n1.甲。(省A厅负责)\n2.乙。(省B厅负责)\n2.丙。(省C厅负责)\n");
  REQUIRE(repeated.plan.tasks.size() == 3);
  CHECK(HasDoubtContaining(repeated.plan.tasks[2], "repeats"));
  // Numbers are not unique, so refs carry the section; the repeat still gets its own ref.
  CHECK(repeated.plan.tasks[1].ref == "一.2");
  CHECK(repeated.plan.tasks[2].ref == "一.2-2");
}

TEST_CASE("numbering that restarts per section gives section refs", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "一、甲部分\n1.甲。(省A厅负责)\n2.乙。(省B厅负责)\n"
      "二、乙部分\n1.丙。(省C厅负责)\n2.丁。(省D厅负责)\n");
  REQUIRE(result.plan.tasks.size() == 4);
  CHECK_FALSE(result.has_doubts());
  CHECK(result.plan.tasks[2].ref == "二.1");
  CHECK(result.plan.tasks[2].section == "二");
  CHECK(result.plan.FindTask("一.2") == &result.plan.tasks[1]);
}

TEST_CASE("an empty role and an unsplittable list are doubted", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "1.甲。(牵头,省财政厅参加)\n2.乙。(省发改委省财政厅负责)\n3.丙。(省C厅负责)\n");
  REQUIRE(result.plan.tasks.size() == 3);
  CHECK(HasDoubtContaining(result.plan.tasks[0], "empty"));
  CHECK(result.plan.tasks[0].participants == Names{"省财政厅"});
  CHECK(HasDoubtContaining(result.plan.tasks[1], "could not split"));
  CHECK(result.plan.tasks[1].confidence == Confidence::kDoubtful);
  CHECK(result.plan.tasks[2].confidence == Confidence::kProbable);
  CHECK(Doubts(result).size() == 2);
}

TEST_CASE("items before the first assigned task are preamble notes", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "一、总体要求\n（一）指导思想。坚持改革创新。\n（二）发展目标。\n到2020年，取得进展。\n"
      "二、重点任务\n（三）完善体系。（甲部、乙部负责。列第一位者为牵头单位，下同）\n"
      "（四）推进协同。（丙部、丁部负责）\n（五）加强监管。\n");
  REQUIRE(result.plan.tasks.size() == 3);
  CHECK(result.plan.tasks[0].label == "（三）");
  CHECK(result.plan.tasks[0].lead == Names{"甲部"});
  CHECK(result.plan.tasks[1].lead == Names{"丙部"});  // 下同: the rule carries on
  CHECK(result.plan.tasks[1].participants == Names{"丁部"});
  // （五） comes after assigned tasks: a doubtful task, never dropped.
  CHECK(result.plan.tasks[2].label == "（五）");
  CHECK(result.plan.tasks[2].confidence == Confidence::kDoubtful);
  int notes = 0;
  for (const auto& issue : result.issues) notes += issue.severity == ImportIssue::Severity::kNote;
  CHECK(notes == 2);
  CHECK(result.plan.sections.size() == 2);
}

TEST_CASE("first_listed_leads option applies the rule without a declaration", "[plan_text_importer]") {
  const char* text = "1.甲。(省A厅、省B厅负责)\n2.乙。(各设区市政府、省C厅负责)\n";
  ImportResult plain = ImportPlanText(text);
  CHECK(plain.plan.tasks[0].responsible == Names{"省A厅", "省B厅"});
  PlanImportOptions options;
  options.first_listed_leads = true;
  options.source_name = "plan.txt";
  ImportResult ruled = ImportPlanText(text, options);
  CHECK(ruled.plan.source == "plan.txt");
  CHECK(ruled.plan.tasks[0].lead == Names{"省A厅"});
  CHECK(ruled.plan.tasks[0].participants == Names{"省B厅"});
  CHECK(ruled.plan.tasks[0].confidence == Confidence::kProbable);
  CHECK(ruled.plan.tasks[1].responsible == Names{"各设区市政府", "省C厅"});  // collective first
}

TEST_CASE("labels on the task line, 会同 and traditional marker words", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "1．加快建设。责任单位：省发改委、省财政厅\n"
      "2．推进改革（省发改委会同省财政厅负责）\n"
      "3．完善制度。（省體育局牽頭，省財政廳參加）\n"
      "4．强化保障\n牵头单位：省人社厅\n配合单位：省教育厅、省科技厅等\n");
  REQUIRE(result.plan.tasks.size() == 4);
  CHECK(result.plan.tasks[0].responsible == Names{"省发改委", "省财政厅"});
  CHECK(result.plan.tasks[1].lead == Names{"省发改委"});
  CHECK(result.plan.tasks[1].participants == Names{"省财政厅"});
  CHECK(result.plan.tasks[2].lead == Names{"省體育局"});
  CHECK(result.plan.tasks[2].participants == Names{"省財政廳"});
  CHECK(result.plan.tasks[3].lead == Names{"省人社厅"});
  CHECK(result.plan.tasks[3].participants == Names{"省教育厅", "省科技厅"});
  CHECK(result.plan.tasks[3].text == "强化保障\n牵头单位：省人社厅\n配合单位：省教育厅、省科技厅等");
  CHECK_FALSE(result.has_doubts());
}

TEST_CASE("table rows: one cell per line, or cells separated by tabs", "[plan_text_importer]") {
  ImportResult lines = ImportPlanText(
      "序号\n主要工作\n责任单位\n1\n生产总值增长\n▲发改局,各部门\n2\n研发投入\n经信局,科技局\n");
  REQUIRE(lines.plan.tasks.size() == 2);
  CHECK(lines.plan.tasks[0].lead == Names{"发改局"});
  CHECK(lines.plan.tasks[0].text == "生产总值增长\n▲发改局,各部门");
  CHECK(lines.plan.tasks[1].responsible == Names{"经信局", "科技局"});
  CHECK(lines.plan.tasks[1].confidence == Confidence::kProbable);  // no ▲: a convention

  ImportResult tabs = ImportPlanText("1\t生产总值增长\t▲发改局,各部门\n2\t研发投入\t▲科技局\n");
  REQUIRE(tabs.plan.tasks.size() == 2);
  CHECK(tabs.plan.tasks[0].lead == Names{"发改局"});
  CHECK(tabs.plan.tasks[0].participants == Names{"各部门"});
  CHECK(tabs.plan.tasks[1].lead == Names{"科技局"});
  CHECK_FALSE(tabs.has_doubts());

  // A lone number out of the run is data, not a row number.
  ImportResult datum = ImportPlanText("1\n任务\n▲发改局\n2023\n");
  REQUIRE(datum.plan.tasks.size() == 1);
}

TEST_CASE("a distractor in the body does not beat the trailing assignment", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "1.健全机制。建立由农业农村部、工业和信息化部牵头的协调推进机制。（农业农村部负责）\n");
  REQUIRE(result.plan.tasks.size() == 1);
  CHECK(result.plan.tasks[0].responsible == Names{"农业农村部"});
  CHECK(result.plan.tasks[0].lead.empty());
}

TEST_CASE("truncated last task", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "1.甲任务。\n牵头责任单位:省发展改革委。\n协同责任单位:省财政厅。\n"
      "2.乙任务。\n牵头责任单位:省商务厅。\n协同责任单位:省财政厅、省税");
  // The label lines of this document end with 。, so a last one without is cut off.
  REQUIRE(result.plan.tasks.size() == 2);
  CHECK_FALSE(result.plan.tasks[0].truncated);
  const Task& last = result.plan.tasks[1];
  CHECK(last.truncated);
  CHECK(last.lead == Names{"省商务厅"});
  CHECK(last.participants == Names{"省财政厅"});  // "省税" may be cut off: not recorded
  CHECK(last.confidence == Confidence::kDoubtful);

  // Here no label line ends with 。: the last one is as complete as the others.
  ImportResult unpunctuated = ImportPlanText(
      "1.甲任务。\n牵头单位:省发展改革委\n2.乙任务。\n牵头单位:省商务厅\n配合单位:省财政厅、省税务局");
  REQUIRE(unpunctuated.plan.tasks.size() == 2);
  CHECK_FALSE(unpunctuated.plan.tasks[1].truncated);
  CHECK(unpunctuated.plan.tasks[1].participants == Names{"省财政厅", "省税务局"});

  // A fragment that is no label at all is cut off.
  ImportResult fragment = ImportPlanText("1.甲任务。(省A厅负责)\n2.乙任务。\n牵头责");
  REQUIRE(fragment.plan.tasks.size() == 2);
  CHECK(fragment.plan.tasks[1].truncated);
  CHECK(fragment.plan.tasks[1].AllAgencies().empty());

  ImportResult complete = ImportPlanText("1.甲任务。(省A厅负责)\n国务院\n2018年12月21日\n（此件公开发布）\n");
  REQUIRE(complete.plan.tasks.size() == 1);
  CHECK_FALSE(complete.plan.tasks[0].truncated);
  CHECK(complete.plan.tasks[0].text == "甲任务。(省A厅负责)");
}

TEST_CASE("sub-points below the task level belong to the task", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "1.甲任务:\n(1)细项一。\n(2)细项二。\n(省A厅负责)\n2.乙任务。(省B厅负责)\n3.丙任务。(省C厅负责)\n");
  REQUIRE(result.plan.tasks.size() == 3);
  CHECK(result.plan.tasks[0].responsible == Names{"省A厅"});
  CHECK(result.plan.tasks[0].text.find("(2)细项二。") != std::string::npos);
  CHECK_FALSE(result.has_doubts());
}

TEST_CASE("invalid UTF-8 is an error with its line; a BOM is skipped", "[plan_text_importer]") {
  ImportResult bad = ImportPlanText("1.甲。(省A厅负责)\n2.乙\xFF。(省B厅负责)\n");
  CHECK(bad.has_errors());
  CHECK(bad.plan.tasks.empty());
  REQUIRE(bad.issues.size() == 1);
  CHECK(bad.issues[0].line == 2);

  ImportResult bom = ImportPlanText("\xEF\xBB\xBF关于某项工作的分工方案\n1.甲。(省A厅负责)\r\n");
  CHECK(bom.plan.title == "关于某项工作的分工方案");
  REQUIRE(bom.plan.tasks.size() == 1);
  CHECK(bom.plan.tasks[0].text == "甲。(省A厅负责)");
}

TEST_CASE("a text with no tasks says so", "[plan_text_importer]") {
  ImportResult result = ImportPlanText("这是一段没有编号的文字。\n");
  CHECK(result.plan.tasks.empty());
  REQUIRE(result.issues.size() == 1);
  CHECK(result.issues[0].severity == ImportIssue::Severity::kWarning);
}

// Speed is measured by bench/bench_import (docs/PERFORMANCE.md), not here: a timed test
// fails on a loaded machine and proves nothing on an idle one.
TEST_CASE("100,000 tasks import whole and in order", "[plan_text_importer][scale]") {
  std::string text = "关于大规模工作的分工方案\n";
  int task = 0;
  for (int section = 1; section <= 100; ++section) {
    text += "一、第" + std::to_string(section) + "部分的重点工作内容\n";
    for (int i = 0; i < 1000; ++i) {
      ++task;
      text += std::to_string(task) +
              ".加强规划指导,在高新园区、经济开发区(工业园区)、工业大县(市、区)建设一批产业基地。"
              "(省发改委、省经信委牵头,省财政厅、省商务厅等部门和相关设区市政府参加)\n";
    }
  }
  REQUIRE(text.size() > 19'000'000);
  ImportResult result = ImportPlanText(text);
  REQUIRE(result.plan.tasks.size() == 100'000);
  CHECK(result.plan.tasks.front().ref == "1");
  CHECK(result.plan.tasks[54'321].ref == "54322");
  CHECK(result.plan.tasks.back().ref == "100000");
  CHECK(result.plan.tasks.back().lead == Names{"省发改委", "省经信委"});
  CHECK_FALSE(result.has_doubts());
}

// Found by fuzz/fuzz_plan_text: a section label repeated, numbering restarting in each,
// gave refs "二.1" and "二.1-2" without any doubt, and the CSV form refuses "二.1-2".
TEST_CASE("a ref repeated through a repeated section is doubted", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "（一）规划\n1.甲任务。(省A厅负责)\n（二）保障\n1.乙任务。(省B厅负责)\n"
      "（二）保障\n1.丙任务。(省C厅负责)\n");
  REQUIRE(result.plan.tasks.size() == 3);
  CHECK(result.plan.tasks[1].ref == "二.1");
  CHECK(result.plan.tasks[1].confidence != Confidence::kDoubtful);
  const Task& repeated = result.plan.tasks[2];
  CHECK(repeated.ref == "二.1-2");
  CHECK(repeated.confidence == Confidence::kDoubtful);
  CHECK(HasDoubtContaining(repeated, "ref 二.1 is used by an earlier task"));
  REQUIRE(Doubts(result).size() == 1);
  CHECK(Doubts(result)[0]->line == 6);
}

// Found while writing docs/BAD-INPUT.md: an agency in two roles was read as certain and
// stored in both, so it would be reminded twice with different due dates.
TEST_CASE("an agency in two roles is doubted", "[plan_text_importer]") {
  ImportResult result = ImportPlanText(
      "一、总体\n1.加强统筹。（省发改委牵头，省发改委、省财政厅参加）\n"
      "2.推进改革。（省科技厅牵头，省财政厅参加）\n");
  REQUIRE(result.plan.tasks.size() == 2);
  const Task& both = result.plan.tasks[0];
  CHECK(both.confidence == Confidence::kDoubtful);
  CHECK(HasDoubtContaining(both, "省发改委 is both lead and participant; keep it in one role"));
  CHECK(result.plan.tasks[1].confidence == Confidence::kCertain);
  REQUIRE(Doubts(result).size() == 1);
  CHECK(Doubts(result)[0]->line == 2);
}
