// What a notice shows of a task's confirmed targets (指标): each target's value and the
// last value reported against it, as Chinese text ready for a template ("目标：≥3个百分点；
// 上次报送：2.1"). The daemon reads the targets (ReadTargets, workflow/target_status.h) when
// it plans a message and hands them over in TaskSummary (notice_data.h); templates get them
// as `targets` and `targets_line` (template_fields.h, docs/DELIVERY.md).
//
// Pure functions over values; thread-safe.
#ifndef DUBAN_NOTIFIERS_NOTICE_TARGETS_H_
#define DUBAN_NOTIFIERS_NOTICE_TARGETS_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/target_status.h"
#include "workflow/time_zone.h"

namespace duban {

// One confirmed target as notices show it. Every field is display text.
struct NoticeTarget {
  std::string name;         // "比重提高"
  std::string target;       // FormatTargetValue: "≥3个百分点"
  std::string last_value;   // FormatNumber of the value read: "2.1"; "未报送" when none
  std::string last_date;    // "2026年3月31日" (local day received); "" when none
  std::string last_agency;  // who reported it; "" when none
  std::string status;       // TargetStatusName: "behind"
  std::string status_zh;    // TargetStatusNameZh: "滞后"
  bool behind = false;

  bool operator==(const NoticeTarget&) const = default;
};

// The readings as notices show them, in order; `zone` gives the day a value was received.
std::vector<NoticeTarget> NoticeTargets(const std::vector<TargetReading>& readings,
                                        const TimeZone& zone);

// "目标：≥3个百分点；上次报送：2.1" (the form; "上次报送：未报送" without a value).
std::string TargetLine(const NoticeTarget& target);

// The line for a whole task: one target gives TargetLine alone; several give each with its
// name in front, joined by "。": "比重提高目标：≥3个百分点；上次报送：2.1。投资目标：≥100亿元；
// 上次报送：未报送". "" without targets, so `{{#targets_line}}` shows nothing.
std::string TargetsLine(const std::vector<NoticeTarget>& targets);

// The template list `targets`: one object per target with the fields above and "line".
nlohmann::json NoticeTargetsJson(const std::vector<NoticeTarget>& targets);

}  // namespace duban

#endif  // DUBAN_NOTIFIERS_NOTICE_TARGETS_H_
