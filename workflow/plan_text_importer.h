// Reads the published text form of a plan (one paragraph per line, as copied from a web
// page, a Word file or a PDF) into a Plan, reporting every doubt with its line number.
//
// Layout families handled (not tuned to one file):
//  - numbering at any level, with or without a period: "1." "1、" "1﹒" "3 " "（一）" "(一)"
//    "一、", continuing or restarting per section; bare row numbers on their own line
//    (tables flattened one cell per line);
//  - assignments in trailing brackets（）()〔〕, in label lines (责任单位：牵头单位：配合单位：
//    协同责任单位：牵头责任单位：) on the task's line or the lines after it, or in sentences
//    (由X牵头，Y配合 / 由X负责完成); ▲ marking the lead in a unit list;
//  - a declared first-listed-leads rule (列第一位者为牵头单位), overridden by an explicit 牵头;
//    会同 (units before it lead, after it participate); 牵头负责;
//  - 等/等部门/等单位/等有关部门和单位 suffixes; lists joined by 、，, and 和; a shared suffix
//    (杭州市、宁波市政府 = 杭州市政府, 宁波市政府); collective units; persons (分管领导) who
//    are never agencies; parentheses inside task text and unit names that are not assignments;
//  - headings, preambles, web-page chrome and closing paragraphs that are not tasks;
//    full-width and ASCII punctuation; traditional characters in the marker words.
//
// Never a silent guess: a task with no recognisable assignment, an empty role, a unit list
// that could not be split, or a skipped or repeated number is kept, marked kDoubtful, and
// reported as an ImportIssue naming the line and the reason.
//
// Pure function of its input; thread-safe.
#ifndef DUBAN_WORKFLOW_PLAN_TEXT_IMPORTER_H_
#define DUBAN_WORKFLOW_PLAN_TEXT_IMPORTER_H_

#include <string>
#include <string_view>

#include "workflow/plan.h"

namespace duban {

struct PlanImportOptions {
  // Treat every plain "A、B负责" list as "A leads, B participates", as if the document had
  // declared 列第一位者为牵头单位 (an office whose plans always follow that convention
  // sets this in config). A document that declares the rule itself needs no option.
  bool first_listed_leads = false;
  // Name used in messages and Plan::source ("plan.txt").
  std::string source_name;
};

// REQUIRES: `text` is UTF-8 (a leading BOM is skipped). Invalid UTF-8 is reported as an
// error issue with its line, not imported.
ImportResult ImportPlanText(std::string_view text, const PlanImportOptions& options = {});

}  // namespace duban

#endif  // DUBAN_WORKFLOW_PLAN_TEXT_IMPORTER_H_
