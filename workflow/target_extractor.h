// Finds the quantitative targets (指标) written in a task's text and proposes them: a
// number with a unit next to a comparison word — "增长7%以上", "提高3个百分点以上",
// "达到20%以上", "增长9%左右", "控制在5%以内", "新增城镇就业100万人以上" — with the
// words before it as the name ("全省生产总值增长") and the period from the words around it
// (每年 → yearly, 到2015年 → by 2015-12-31, 累计 → cumulative, else yearly).
//
// Proposals only: the office confirms, edits or rejects each (dubanctl target); nothing
// found here is ever tracked silently. Precision over recall: a number that is not next
// to a comparison word, a year ("2015年"), an ordinal or a document number is never a
// target, nor a figure whose clause goes on ("10亿元以上的企业", "10亿元以上项目"). For
// ≈ the tolerance is 0.5 for %, ‰ and 个百分点, 5% of the value otherwise. The rules in
// full, with examples: docs/TARGETS.md. Pure; thread-safe.
#ifndef DUBAN_WORKFLOW_TARGET_EXTRACTOR_H_
#define DUBAN_WORKFLOW_TARGET_EXTRACTOR_H_

#include <string_view>
#include <vector>

#include "workflow/plan.h"
#include "workflow/target.h"

namespace duban {

// The targets proposed for `task` (state kProposed, task_ref set, matched_text the
// clause they were read from, names and matched texts unique within the task: a clause
// repeated word for word is proposed once), in text order. Text that is not valid UTF-8
// proposes nothing.
std::vector<Target> ProposeTargets(const Task& task);

// Every task's proposals, in plan order.
std::vector<Target> ProposeTargets(const Plan& plan);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TARGET_EXTRACTOR_H_
