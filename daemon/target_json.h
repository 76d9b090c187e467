// JSON form of targets (指标, workflow/target.h), their readings (workflow/target_status.h)
// and the values reported with a feedback: the `target`/`targets` of the target.* commands
// and the `values` of feedback.add and feedback.list (docs/PROTOCOL.md). duband writes
// them; dubanctl reads them back for its tables. Enums by their wire names, instants UTC
// seconds, values plain JSON numbers. Pure; thread-safe.
#ifndef DUBAN_DAEMON_TARGET_JSON_H_
#define DUBAN_DAEMON_TARGET_JSON_H_

#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/target.h"
#include "workflow/target_status.h"

namespace duban {

// Every field of the target, plus "formatted" (FormatTargetValue: "≥3个百分点").
nlohmann::json ToJson(const Target& target);
// The inverse of ToJson ("formatted" is ignored). Throws nlohmann::json::exception on a
// field of the wrong type or an unknown enum name.
Target TargetFromJson(const nlohmann::json& json);

// {"status", "status_zh", "last_value" (null if none), "last_at", "last_agency",
// "expected_now" (null if not used)}: the reading without its target.
nlohmann::json ReadingJson(const TargetReading& reading);

// Reported values as an object {"名称": 3.2, …} (names are unique within a feedback).
nlohmann::json ValuesJson(const std::vector<ReportedValue>& values);
// The inverse of ValuesJson, in name order. Throws on a value that is not a number.
std::vector<ReportedValue> ValuesFromJson(const nlohmann::json& json);

}  // namespace duban

#endif  // DUBAN_DAEMON_TARGET_JSON_H_
