// The words the target extractor (workflow/target_extractor.h) reads around a number:
// units ("%", "个百分点", "亿元", "万亩"), the comparison words before a number ("达到",
// "增长", "控制在") and after its unit ("以上", "以下", "以内", "左右"), and the words
// trimmed from a target's name ("确保", "力争", "每年"). Kept apart from the scanning so the
// vocabulary can be read, and extended, as one list. Code points are width-folded
// (FoldWidth), so "％" and "%" are the same. Pure; thread-safe.
#ifndef DUBAN_WORKFLOW_TARGET_WORDS_H_
#define DUBAN_WORKFLOW_TARGET_WORDS_H_

#include <cstddef>
#include <optional>
#include <string_view>

#include "workflow/target.h"

namespace duban::target_words {

// True if `text` has `word` starting at `pos`.
bool HasAt(std::u32string_view text, size_t pos, std::u32string_view word);
// True if `text` has `word` ending just before `end`.
bool HasBefore(std::u32string_view text, size_t end, std::u32string_view word);

// The length of the unit starting at `pos` (the longest known one: "个百分点" before "个",
// "亿千瓦" as 亿 + 千瓦), 0 if none. "个月", "个工作日" and the like are durations, not units.
size_t MatchUnit(std::u32string_view text, size_t pos);

// "以上" / "及以上" → ≥, "以下" / "以内" → ≤, "左右" → ≈, at `pos`.
struct Suffix {
  size_t length = 0;
  TargetComparison comparison = TargetComparison::kAtLeast;
};
std::optional<Suffix> MatchSuffix(std::u32string_view text, size_t pos);

// A comparison word ending just before `end`: "达到", "增长", "不超过", "约", "提高到" ...
// `keep_in_name` is true for the words that say WHAT is measured (a change: 增长, 提高,
// 下降 — "生产总值增长" is a growth rate), false for the words that only compare a level
// (达到, 超过, 控制在, 提高到), which the name leaves out.
struct Prefix {
  size_t length = 0;
  TargetComparison comparison = TargetComparison::kAtLeast;
  bool keep_in_name = false;
};
std::optional<Prefix> MatchPrefix(std::u32string_view text, size_t end);

// The words that end a clause after a target ("，", "、", "；", "。" ...).
bool IsClauseEnd(char32_t cp);
// The words that start a clause before a target's name (the same without "、", which
// also joins the subjects of one target: "省级产业集聚区、省级以上高新园区…").
bool IsHardBoundary(char32_t cp);

// `name` without the connectors that open a clause (确保, 力争, 其中, 实现, 到2015年 …),
// the period words anywhere in it (每年, 年均), and quotation marks.
std::u32string CleanName(std::u32string name);

}  // namespace duban::target_words

#endif  // DUBAN_WORKFLOW_TARGET_WORDS_H_
