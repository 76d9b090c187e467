// The target model's names, formatting and checks (workflow/target.h).
#include "workflow/target.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "workflow/civil_date.h"

namespace duban {

namespace {

// ASCII whitespace and the ideographic space U+3000, which people paste from documents.
std::string_view Trim(std::string_view text) {
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  bool changed = true;
  while (changed && !text.empty()) {
    changed = false;
    if (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
        text.front() == '\n') {
      text.remove_prefix(1);
      changed = true;
    } else if (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
               text.back() == '\n') {
      text.remove_suffix(1);
      changed = true;
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
      changed = true;
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
      changed = true;
    }
  }
  return text;
}

// A plain decimal: optional sign, digits, at most one '.', digits on at least one side.
// strtod alone would also take "1e5", "0x10", "inf" and "nan", none of which a person
// reporting a figure means.
bool IsPlainDecimal(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  bool digits = false;
  bool point = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits;
}

}  // namespace

std::string_view TargetComparisonName(TargetComparison comparison) {
  switch (comparison) {
    case TargetComparison::kAtLeast: return "at_least";
    case TargetComparison::kAtMost: return "at_most";
    case TargetComparison::kAbout: return "about";
  }
  return "at_least";
}

std::string_view TargetComparisonSymbol(TargetComparison comparison) {
  switch (comparison) {
    case TargetComparison::kAtLeast: return "≥";
    case TargetComparison::kAtMost: return "≤";
    case TargetComparison::kAbout: return "≈";
  }
  return "≥";
}

std::optional<TargetComparison> ParseTargetComparison(std::string_view text) {
  text = Trim(text);
  if (text == "at_least" || text == "≥" || text == ">=") return TargetComparison::kAtLeast;
  if (text == "at_most" || text == "≤" || text == "<=") return TargetComparison::kAtMost;
  if (text == "about" || text == "≈" || text == "~") return TargetComparison::kAbout;
  return std::nullopt;
}

std::string_view TargetPeriodName(TargetPeriod period) {
  switch (period) {
    case TargetPeriod::kYearly: return "yearly";
    case TargetPeriod::kByDate: return "by_date";
    case TargetPeriod::kCumulative: return "cumulative";
  }
  return "yearly";
}

std::string_view TargetPeriodNameZh(TargetPeriod period) {
  switch (period) {
    case TargetPeriod::kYearly: return "每年";
    case TargetPeriod::kByDate: return "截至";
    case TargetPeriod::kCumulative: return "累计";
  }
  return "每年";
}

std::optional<TargetPeriod> ParseTargetPeriod(std::string_view text) {
  text = Trim(text);
  if (text == "yearly" || text == "每年") return TargetPeriod::kYearly;
  if (text == "by_date" || text == "截至") return TargetPeriod::kByDate;
  if (text == "cumulative" || text == "累计") return TargetPeriod::kCumulative;
  return std::nullopt;
}

std::string_view TargetStateName(TargetState state) {
  switch (state) {
    case TargetState::kProposed: return "proposed";
    case TargetState::kConfirmed: return "confirmed";
    case TargetState::kRejected: return "rejected";
  }
  return "proposed";
}

std::optional<TargetState> ParseTargetState(std::string_view text) {
  text = Trim(text);
  if (text == "proposed") return TargetState::kProposed;
  if (text == "confirmed") return TargetState::kConfirmed;
  if (text == "rejected") return TargetState::kRejected;
  return std::nullopt;
}

std::string FormatNumber(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "nan" : (value < 0 ? "-inf" : "inf");
  // Six decimals cover every figure a plan writes (rates to 0.1, money to 0.01 亿元) and
  // drop binary noise such as 2.1500000000000004.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.6f", value);
  std::string text = buffer;
  const size_t point = text.find('.');
  if (point != std::string::npos) {
    size_t end = text.find_last_not_of('0');
    if (end == point) --end;  // "3." → "3"
    text.erase(end + 1);
  }
  if (text == "-0") text = "0";
  return text;
}

std::string FormatTargetValue(const Target& target) {
  std::string text(TargetComparisonSymbol(target.comparison));
  text += FormatNumber(target.value);
  text += target.unit;
  if (target.comparison == TargetComparison::kAbout && target.tolerance > 0) {
    text += "（±" + FormatNumber(target.tolerance) + "）";
  }
  return text;
}

std::string CheckTarget(const Target& target) {
  if (Trim(target.name).empty()) return "name: must not be empty";
  if (Trim(target.name) != target.name) return "name: must not start or end with spaces";
  if (target.name.find('=') != std::string::npos) return "name: must not contain '='";
  if (target.name.find(',') != std::string::npos) return "name: must not contain ','";
  if (target.name.find('\n') != std::string::npos) return "name: must be one line";
  if (target.unit.find('\n') != std::string::npos) return "unit: must be one line";
  if (!std::isfinite(target.value)) return "value: must be a finite number";
  if (!std::isfinite(target.tolerance) || target.tolerance < 0) {
    return "tolerance: must be a number >= 0";
  }
  if (target.tolerance > 0 && target.comparison != TargetComparison::kAbout) {
    return "tolerance: only an 'about' (≈) target has a tolerance";
  }
  if (target.period == TargetPeriod::kByDate) {
    if (target.by_date.empty()) return "by_date: required when the period is by_date";
    if (!ParseCivilDate(target.by_date)) {
      return "by_date: '" + target.by_date + "' is not a date YYYY-MM-DD";
    }
  } else if (!target.by_date.empty()) {
    return "by_date: only a by_date target has one (period is " +
           std::string(TargetPeriodName(target.period)) + ")";
  }
  return "";
}

std::optional<ReportedValue> ParseReportedValue(std::string_view text, std::string* error) {
  const size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    *error = "value '" + std::string(text) + "': expected 名称=数值, e.g. 生产总值增长=7.2";
    return std::nullopt;
  }
  ReportedValue reported;
  reported.name = std::string(Trim(text.substr(0, equals)));
  if (reported.name.empty()) {
    *error = "value '" + std::string(text) + "': the target name before '=' is empty";
    return std::nullopt;
  }
  std::string_view number = Trim(text.substr(equals + 1));
  if (number.ends_with("%")) {
    number.remove_suffix(1);
    number = Trim(number);
  } else if (number.ends_with("％")) {  // full-width, as typed with a Chinese keyboard
    number.remove_suffix(std::string_view("％").size());
    number = Trim(number);
  }
  if (!IsPlainDecimal(number)) {
    *error = "value '" + std::string(text) + "': '" + std::string(Trim(text.substr(equals + 1))) +
             "' is not a decimal number";
    return std::nullopt;
  }
  errno = 0;
  const std::string copy(number);
  reported.value = std::strtod(copy.c_str(), nullptr);
  if (errno == ERANGE || !std::isfinite(reported.value)) {
    *error = "value '" + std::string(text) + "': the number is out of range";
    return std::nullopt;
  }
  return reported;
}

}  // namespace duban
