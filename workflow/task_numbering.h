// Task numbering: recognises the label that opens a numbered paragraph of a plan and says
// which nesting level it belongs to.
//
// Labels recognised at the start of a (trimmed) line, in full-width or ASCII forms:
//   一、  二.            kChineseEnum   level 0  (section headings in most plans)
//   （一） (一)           kChineseParen  level 1
//   1.  1、 1﹒ 1．       kArabic        level 2
//   3 着力…               kArabicSpace   level 2  (a number, a blank, then text)
//   12   (alone on a line) kArabicBare   level 2  (a table row number, cells on next lines)
//   （1） (1) 1)          kArabicParen   level 3
//   ① … ⑳                kCircled       level 4
// The levels follow the official-document convention 一、→（一）→1.→（1）. A decimal
// ("1.2亿") or a quantity ("2013 年", "10 个") is not a label.
//
// Pure functions; thread-safe.
#ifndef DUBAN_WORKFLOW_TASK_NUMBERING_H_
#define DUBAN_WORKFLOW_TASK_NUMBERING_H_

#include <optional>
#include <string>
#include <string_view>

namespace duban {

enum class NumberStyle {
  kChineseEnum,
  kChineseParen,
  kArabic,
  kArabicSpace,
  kArabicBare,
  kArabicParen,
  kCircled,
};

inline constexpr int kNumberingLevels = 5;
// 0 (outermost) … 4, see the file comment.
int NumberingLevel(NumberStyle style);

struct NumberLabel {
  NumberStyle style = NumberStyle::kArabic;
  int value = 0;
  std::string label;    // as written, without trailing blanks: "（三）", "1﹒", "3", "一、"
  std::string numeral;  // the bare numeral: "三", "一", "12" (Arabic digits in ASCII)
  std::string_view rest;  // the line after the label, trimmed; a view into the input
};

// The label at the start of `line`, or nullopt if the line does not open with one.
// `line` should be trimmed (TrimBlank); `rest` points into it.
std::optional<NumberLabel> ParseNumberLabel(std::string_view line);

// Value of a Chinese numeral 一 … 九百九十九 (also 〇/零, 两, and 十 forms such as 十二,
// 二十, 一百零五); nullopt if `text` is not exactly one such numeral.
std::optional<int> ParseChineseNumeral(std::string_view text);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TASK_NUMBERING_H_
