// Quantitative targets (指标) of a task: "全省生产总值增长7%以上" is a target named
// 生产总值增长, unit %, comparison ≥, value 7, yearly. A target is either a PROPOSAL found
// by the importer in the task's text (workflow/target_extractor.h), waiting for the office
// to confirm, edit or reject it, or CONFIRMED (entered or confirmed by a person). Only
// confirmed targets are tracked: reported values (Feedback::values) are read against them
// (workflow/target_status.h). Plain values; pure; thread-safe.
#ifndef DUBAN_WORKFLOW_TARGET_H_
#define DUBAN_WORKFLOW_TARGET_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace duban {

// How a reported value must compare with the target value.
enum class TargetComparison {
  kAtLeast,  // ≥: 以上, 不低于, 达到, 超过
  kAtMost,   // ≤: 以下, 以内, 不超过, 控制在
  kAbout,    // ≈: 左右, 约 — met within Target::tolerance of the value
};
// "at_least", "at_most", "about" (config, CSV, wire).
std::string_view TargetComparisonName(TargetComparison comparison);
// "≥", "≤", "≈" (tables and Chinese notices).
std::string_view TargetComparisonSymbol(TargetComparison comparison);
// Accepts the names, the symbols and ">=", "<=", "~"; nullopt otherwise.
std::optional<TargetComparison> ParseTargetComparison(std::string_view text);

// Over what time a value is measured.
enum class TargetPeriod {
  kYearly,      // each calendar year anew (每年, 全年, growth rates of a year's work plan)
  kByDate,      // reached by Target::by_date (到2015年 = by 2015-12-31)
  kCumulative,  // accumulated over the plan period, up to the task's final due date
};
std::string_view TargetPeriodName(TargetPeriod period);    // "yearly", "by_date", "cumulative"
std::string_view TargetPeriodNameZh(TargetPeriod period);  // "每年", "截至", "累计"
std::optional<TargetPeriod> ParseTargetPeriod(std::string_view text);

enum class TargetState {
  kProposed,   // found by the importer, not yet looked at
  kConfirmed,  // tracked
  kRejected,   // the office said no: kept so a re-import does not propose it again
};
std::string_view TargetStateName(TargetState state);  // "proposed", "confirmed", "rejected"
std::optional<TargetState> ParseTargetState(std::string_view text);

struct Target {
  int64_t id = 0;        // assigned by the store; 0 before
  std::string task_ref;  // Task::ref
  // What is measured, short and unique within the task: the key of `feedback --value
  // 名称=3.2` and of a sheet's value column. Never empty, no '=' or ',' in it.
  std::string name;
  std::string unit;  // "%", "个百分点", "亿元", "个", "万人"; may be empty (a pure number)
  TargetComparison comparison = TargetComparison::kAtLeast;
  double value = 0;
  // For kAbout: how far a value may be from `value` and still meet it (same unit, >= 0).
  double tolerance = 0;
  TargetPeriod period = TargetPeriod::kYearly;
  std::string by_date;  // "YYYY-MM-DD" for kByDate; "" otherwise
  TargetState state = TargetState::kProposed;
  // For proposals: the words of the task text the target was read from ("" if entered by
  // hand). Also the identity of a proposal across re-imports.
  std::string matched_text;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  bool operator==(const Target&) const = default;
};

// "≥3个百分点", "≈9%", "≤1.5万人" — the comparison, the value without trailing zeros, the
// unit; for kAbout with a tolerance "≈9%（±0.5）".
std::string FormatTargetValue(const Target& target);
// A value as people write it: no trailing zeros, no exponent ("3", "2.15", "1200").
std::string FormatNumber(double value);

// Checks a target a person entered: non-empty name without '=' or ',', finite value,
// tolerance >= 0 (and only meaningful for kAbout), by_date a valid date exactly when
// period is kByDate. Returns "" if fine, else the first problem naming the field
// ("name: must not contain '='").
std::string CheckTarget(const Target& target);

// One value reported for a target with a feedback: `feedback --value 生产总值增长=7.2`.
struct ReportedValue {
  std::string name;  // Target::name
  double value = 0;

  bool operator==(const ReportedValue&) const = default;
};

// Parses "名称=3.2" (the name is trimmed; the value a decimal number, optionally with a
// trailing '%'). Fills `error` and returns nullopt on a bad form.
std::optional<ReportedValue> ParseReportedValue(std::string_view text, std::string* error);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TARGET_H_
