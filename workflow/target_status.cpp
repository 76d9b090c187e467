// PLACEHOLDER written by the lead so the interface links while the domain engineer builds
// it; replaced by the real implementation.
#include "workflow/target_status.h"

namespace duban {

std::string_view TargetStatusName(TargetStatus) { return "missing"; }
std::string_view TargetStatusNameZh(TargetStatus) { return "未报送"; }
bool IsRateUnit(std::string_view) { return false; }
std::vector<TargetReading> ReadTargets(const TrackedTask&, int64_t, const TimeZone&) { return {}; }
std::optional<TargetStatus> WorstTargetStatus(const std::vector<TargetReading>&) {
  return std::nullopt;
}

}  // namespace duban
