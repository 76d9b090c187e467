// Finds the quantitative targets (指标) written in a task's text and proposes them: a
// number with a unit next to a comparison word — "增长7%以上", "提高3个百分点以上",
// "达到20%以上", "增长9%左右", "控制在5%以内", "新增城镇就业100万人以上" — with the
// words before it as the name ("全省生产总值增长") and the period from the words around it
// (每年 → yearly, 到2015年 → by 2015-12-31, 累计 → cumulative, else yearly).
//
// Proposals only: the office confirms, edits or rejects each (dubanctl target); nothing
// found here is ever tracked silently. Precision over recall: a number that is not next
// to a comparison word, a year ("2015年"), an ordinal or a document number is never a
// target. Pure; thread-safe.
#ifndef DUBAN_WORKFLOW_TARGET_EXTRACTOR_H_
#define DUBAN_WORKFLOW_TARGET_EXTRACTOR_H_

#include <string_view>
#include <vector>

#include "workflow/plan.h"
#include "workflow/target.h"

namespace duban {

// The targets proposed for `task` (state kProposed, task_ref set, matched_text the
// clause they were read from, names unique within the task), in text order.
std::vector<Target> ProposeTargets(const Task& task);

// Every task's proposals, in plan order.
std::vector<Target> ProposeTargets(const Plan& plan);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TARGET_EXTRACTOR_H_
