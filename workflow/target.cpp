// PLACEHOLDER written by the lead so the interface links while the domain engineer builds
// it; replaced by the real implementation.
#include "workflow/target.h"

namespace duban {

std::string_view TargetComparisonName(TargetComparison) { return "at_least"; }
std::string_view TargetComparisonSymbol(TargetComparison) { return "≥"; }
std::optional<TargetComparison> ParseTargetComparison(std::string_view) { return std::nullopt; }
std::string_view TargetPeriodName(TargetPeriod) { return "yearly"; }
std::string_view TargetPeriodNameZh(TargetPeriod) { return "每年"; }
std::optional<TargetPeriod> ParseTargetPeriod(std::string_view) { return std::nullopt; }
std::string_view TargetStateName(TargetState) { return "proposed"; }
std::optional<TargetState> ParseTargetState(std::string_view) { return std::nullopt; }
std::string FormatTargetValue(const Target&) { return ""; }
std::string FormatNumber(double) { return ""; }
std::string CheckTarget(const Target&) { return "not implemented yet"; }
std::optional<ReportedValue> ParseReportedValue(std::string_view, std::string* error) {
  *error = "not implemented yet";
  return std::nullopt;
}

}  // namespace duban
