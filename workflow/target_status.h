// Where a task's confirmed targets stand at a moment: met, on track, behind, or missing (no
// value reported), from the values agencies reported with their feedback.
//
// Definitions (docs/TARGETS.md says the same for the office):
// - The value read is the LATEST reported for the target's name (by received time, then by
//   feedback id) by any agency of the task, within the target's current period: for
//   kYearly only values received in the calendar year of `today`; for kByDate and
//   kCumulative every value.
// - MET: that value satisfies the comparison (≥ value, ≤ value, or within ± tolerance).
// - ON TRACK: not met, a kAtLeast target of an ACCUMULATING unit (any unit but the rates
//   %, ‰, 个百分点, 倍 — a rate is judged as it stands, not pro rata), its period still
//   open on `today`, and the value is at least value × the share of the period elapsed
//   (yearly: of the calendar year; by date and cumulative: from the task's tracking start
//   to by_date or the task's final due date; no such date: never on track).
// - BEHIND: a value is reported and it is neither met nor on track.
// - MISSING: no value in the period.
//
// Pure: no I/O, no clock (`now` is an input). Thread-safe.
#ifndef DUBAN_WORKFLOW_TARGET_STATUS_H_
#define DUBAN_WORKFLOW_TARGET_STATUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "workflow/civil_date.h"
#include "workflow/target.h"
#include "workflow/time_zone.h"
#include "workflow/tracking.h"

namespace duban {

enum class TargetStatus {
  kMet,
  kOnTrack,
  kBehind,
  kMissing,
};
std::string_view TargetStatusName(TargetStatus status);    // "met", "on_track", "behind", "missing"
std::string_view TargetStatusNameZh(TargetStatus status);  // "已达标", "进度正常", "滞后", "未报送"

// True for the rate units that are never pro-rated: "%", "‰", "个百分点", "百分点", "倍".
bool IsRateUnit(std::string_view unit);

// The tolerance of an `about` (≈, 左右) target when none is given: 0.5 for the rates "%",
// "‰", "个百分点", "百分点" (9%左右 is met from 8.5% to 9.5%), 5% of the value otherwise.
// Used by the importer's proposals and by `target add`/`edit` alike.
double DefaultAboutTolerance(const Target& target);

struct TargetReading {
  Target target;
  TargetStatus status = TargetStatus::kMissing;
  std::optional<double> last_value;  // the value read, if any
  int64_t last_at = 0;               // when it was received (UTC seconds), 0 if none
  std::string last_agency;           // who reported it
  std::optional<double> expected_now;  // the pro-rata share, when on track/behind used it
};

// The readings of `task.targets` (confirmed targets only; others are ignored), in order.
// `now` is the moment asked about (UTC seconds); `zone` gives local dates (today, the
// year of a feedback's received time). Values received after `now` are ignored.
std::vector<TargetReading> ReadTargets(const TrackedTask& task, int64_t now,
                                       const TimeZone& zone);

}  // namespace duban

#endif  // DUBAN_WORKFLOW_TARGET_STATUS_H_
